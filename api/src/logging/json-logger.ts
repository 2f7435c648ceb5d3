import { type LoggerService, type LogLevel } from '@nestjs/common';
import { isSecretKey, REDACTED, redactTokensInText } from '../security/secret-redaction';
import { currentCaller, currentRequestId } from './request-context';

const severity: Readonly<Record<LogLevel, number>> = {
  fatal: 60,
  error: 50,
  warn: 40,
  log: 30,
  debug: 20,
  verbose: 10,
};

const levelNames: Readonly<Record<LogLevel, string>> = {
  fatal: 'fatal',
  error: 'error',
  warn: 'warn',
  log: 'info',
  debug: 'debug',
  verbose: 'trace',
};

/** LOG_LEVEL uses the usual names (info, debug...); Nest calls "info" "log". */
export function minimumLevel(logLevel: string): LogLevel {
  switch (logLevel.toLowerCase()) {
    case 'fatal':
      return 'fatal';
    case 'error':
      return 'error';
    case 'warn':
    case 'warning':
      return 'warn';
    case 'debug':
      return 'debug';
    case 'trace':
    case 'verbose':
      return 'verbose';
    default:
      return 'log';
  }
}

export type LogFields = Readonly<Record<string, unknown>>;

export interface LogRecord extends LogFields {
  readonly time: string;
  readonly level: string;
  readonly msg: string;
  readonly context?: string;
  readonly requestId?: string;
}

/**
 * One JSON object per line on stdout, with the current request id when there is one.
 * Callers log facts (ids, codes, durations), never tokens or credentials.
 */
export class JsonLogger implements LoggerService {
  private readonly threshold: number;

  constructor(
    logLevel = 'info',
    private readonly write: (line: string) => void = (line) => process.stdout.write(line + '\n'),
  ) {
    this.threshold = severity[minimumLevel(logLevel)];
  }

  log(message: unknown, ...optional: unknown[]): void {
    this.emit('log', message, optional);
  }
  error(message: unknown, ...optional: unknown[]): void {
    this.emit('error', message, optional);
  }
  warn(message: unknown, ...optional: unknown[]): void {
    this.emit('warn', message, optional);
  }
  debug(message: unknown, ...optional: unknown[]): void {
    this.emit('debug', message, optional);
  }
  verbose(message: unknown, ...optional: unknown[]): void {
    this.emit('verbose', message, optional);
  }
  fatal(message: unknown, ...optional: unknown[]): void {
    this.emit('fatal', message, optional);
  }

  /** Structured entry point: a message plus fields. */
  record(level: LogLevel, msg: string, fields: LogFields = {}, context?: string): void {
    if (severity[level] < this.threshold) return;
    const requestId = currentRequestId();
    const caller = currentCaller();
    const entry: LogRecord = {
      time: new Date().toISOString(),
      level: levelNames[level],
      msg,
      ...(context === undefined ? {} : { context }),
      ...(requestId === undefined ? {} : { requestId }),
      ...(caller === undefined ? {} : { subject: caller.subject, organisation: caller.organisation }),
      ...fields,
    };
    this.write(JSON.stringify(entry, errorReplacer));
  }

  // Nest calls log(message, context) and error(message, stack, context).
  private emit(level: LogLevel, message: unknown, optional: unknown[]): void {
    if (severity[level] < this.threshold) return;
    const rest = [...optional];
    const context = typeof rest[rest.length - 1] === 'string' ? (rest.pop() as string) : undefined;
    const fields: Record<string, unknown> = {};
    if (level === 'error' || level === 'fatal') {
      const stack = rest.find((item): item is string => typeof item === 'string' && item.includes('\n'));
      if (stack !== undefined) fields['stack'] = stack;
    }
    if (message instanceof Error) {
      fields['err'] = { name: message.name, message: message.message, stack: message.stack };
      this.record(level, message.message, fields, context);
    } else if (typeof message === 'object' && message !== null) {
      const { msg, ...others } = message as Record<string, unknown>;
      this.record(level, typeof msg === 'string' ? msg : '', { ...others, ...fields }, context);
    } else {
      this.record(level, String(message), fields, context);
    }
  }
}

/** Errors and bigints made printable; secrets (by key, or tokens inside any text) never written. */
function errorReplacer(key: string, value: unknown): unknown {
  if (key !== '' && isSecretKey(key)) return REDACTED;
  if (value instanceof Error) return { name: value.name, message: value.message, stack: value.stack };
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'string') return redactTokensInText(value);
  return value;
}
