import { temporal } from '@temporalio/proto';
import { redactSecrets } from '../security/secret-redaction';

type History = temporal.api.history.v1.IHistory;

export interface HistoryEventView {
  readonly eventId: string;
  /** Temporal's event type, e.g. "WorkflowExecutionStarted". */
  readonly eventType: string;
  readonly time: Date;
  /** The event's attributes with every payload decoded and every secret redacted. */
  readonly details: unknown;
}

/** Temporal names types "EVENT_TYPE_WORKFLOW_EXECUTION_STARTED"; admins read "WorkflowExecutionStarted". */
export function eventTypeName(raw: string | undefined): string {
  if (raw === undefined) return 'Unspecified';
  return raw
    .replace(/^EVENT_TYPE_/, '')
    .toLowerCase()
    .split('_')
    .map((word) => `${word.slice(0, 1).toUpperCase()}${word.slice(1)}`)
    .join('');
}

interface LongLike {
  readonly low: number;
  readonly high: number;
  toString(): string;
}

function isLong(value: object): value is LongLike {
  return 'low' in value && 'high' in value && 'unsigned' in value;
}

interface PayloadLike {
  readonly metadata: Readonly<Record<string, Uint8Array>>;
  readonly data?: Uint8Array | null;
}

function isPayload(value: object): value is PayloadLike {
  const metadata = (value as { metadata?: unknown }).metadata;
  return (
    metadata !== null &&
    typeof metadata === 'object' &&
    (metadata as Record<string, unknown>)['encoding'] instanceof Uint8Array
  );
}

/** A payload as the data converter wrote it: JSON decoded, anything else (binary, encrypted) described only. */
function decodePayload(payload: PayloadLike): unknown {
  const encoding = Buffer.from(payload.metadata['encoding'] ?? new Uint8Array()).toString('utf8');
  const data = Buffer.from(payload.data ?? new Uint8Array());
  switch (encoding) {
    case 'json/plain':
      try {
        return JSON.parse(data.toString('utf8')) as unknown;
      } catch {
        return '[undecodable JSON payload]';
      }
    case 'binary/null':
      return null;
    case 'binary/plain':
      return `[binary, ${data.length} bytes]`;
    default:
      return `[${encoding} payload]`;
  }
}

/** Protobuf messages as plain JSON values: 64-bit integers as strings, payloads decoded, bytes described. */
function plain(value: unknown): unknown {
  if (value instanceof Uint8Array) return `[${value.length} bytes]`;
  if (Array.isArray(value)) return value.map(plain);
  if (value !== null && typeof value === 'object') {
    if (isLong(value)) return value.toString();
    if (isPayload(value)) return decodePayload(value);
    // A Payloads message ({ payloads: [...] }) reads as the list of values it carries.
    const keys = Object.keys(value);
    const payloads = (value as { payloads?: unknown }).payloads;
    if (keys.length === 1 && keys[0] === 'payloads' && Array.isArray(payloads)) return payloads.map(plain);
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .filter(([, inner]) => inner !== null && inner !== undefined)
        .map(([key, inner]) => [key, plain(inner)]),
    );
  }
  return value;
}

function timeOf(event: temporal.api.history.v1.IHistoryEvent): Date {
  const seconds = Number(event.eventTime?.seconds?.toString() ?? '0');
  const nanos = event.eventTime?.nanos ?? 0;
  return new Date(seconds * 1000 + Math.floor(nanos / 1e6));
}

/** A run's history as an admin sees it: every event, payloads decoded, secrets redacted. */
export function historyView(history: History): HistoryEventView[] {
  return (history.events ?? []).map((event) => {
    const attributes = Object.entries(event).find(
      ([key, value]) => key.endsWith('EventAttributes') && value !== null && value !== undefined,
    )?.[1] as unknown;
    return {
      eventId: event.eventId?.toString() ?? '',
      eventType: eventTypeName(
        event.eventType === null || event.eventType === undefined
          ? undefined
          : temporal.api.enums.v1.EventType[event.eventType],
      ),
      time: timeOf(event),
      details: redactSecrets(plain(attributes ?? {})),
    };
  });
}
