import { Client } from 'pg';

/** Channels the database notifies on (triggers of the task-inbox migration). */
export const taskChangedChannel = 'task_changed';
export const budgetActualChangedChannel = 'budget_actual_changed';

/** A task created, reassigned (delegated) or closed, as the task_notify_change trigger announces it. */
export interface TaskChangeNotice {
  readonly organisationId: string;
  readonly taskId: string;
  readonly kind: string;
  readonly status: 'open' | 'done' | 'cancelled';
  readonly change: 'created' | 'reassigned' | 'closed';
  readonly assigneeId: string | null;
  readonly previousAssigneeId: string | null;
  readonly candidateRoles: readonly string[];
}

/** A journal line posted on an event (journal_line_notify_actual). */
export interface BudgetActualNotice {
  readonly organisationId: string;
  readonly eventId: string;
  readonly budgetLineId: string | null;
}

export type ChangeNotice =
  | { readonly channel: typeof taskChangedChannel; readonly notice: TaskChangeNotice }
  | { readonly channel: typeof budgetActualChangedChannel; readonly notice: BudgetActualNotice };

export interface ChangeListenerOptions {
  /** First wait before reconnecting after the connection is lost; doubles up to maxReconnectDelayMs. */
  readonly reconnectDelayMs?: number;
  readonly maxReconnectDelayMs?: number;
  /** Told about lost connections and unreadable notifications (never about payload contents). */
  readonly onProblem?: (message: string, error?: unknown) => void;
}

function parse(channel: string, payload: string | undefined): ChangeNotice | null {
  if (payload === undefined) return null;
  const value = JSON.parse(payload) as Record<string, unknown>;
  if (typeof value['organisationId'] !== 'string') return null;
  if (channel === taskChangedChannel && typeof value['taskId'] === 'string') {
    return { channel, notice: value as unknown as TaskChangeNotice };
  }
  if (channel === budgetActualChangedChannel && typeof value['eventId'] === 'string') {
    return { channel, notice: value as unknown as BudgetActualNotice };
  }
  return null;
}

/**
 * One dedicated PostgreSQL connection LISTENing to the change channels, handing every notification to the
 * subscribers. A lost connection is re-established with growing back-off; notifications sent while it was down are
 * lost (NOTIFY keeps no backlog), so subscribers are told through `onReconnect` to re-read what they show.
 */
export class ChangeListener {
  private client: Client | null = null;
  private readonly handlers = new Set<(change: ChangeNotice) => void>();
  private readonly reconnectHandlers = new Set<() => void>();
  private stopped = false;
  private retryTimer: NodeJS.Timeout | null = null;
  private delayMs: number;
  private connecting: Promise<void> | null = null;

  constructor(
    private readonly databaseUrl: string,
    private readonly options: ChangeListenerOptions = {},
  ) {
    this.delayMs = options.reconnectDelayMs ?? 250;
  }

  /** Starts listening (idempotent); resolves once the first LISTEN is in place. */
  start(): Promise<void> {
    this.stopped = false;
    this.connecting ??= this.connect();
    return this.connecting;
  }

  subscribe(handler: (change: ChangeNotice) => void): () => void {
    this.handlers.add(handler);
    return () => this.handlers.delete(handler);
  }

  onReconnect(handler: () => void): () => void {
    this.reconnectHandlers.add(handler);
    return () => this.reconnectHandlers.delete(handler);
  }

  get listening(): boolean {
    return this.client !== null;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    const client = this.client;
    this.client = null;
    this.connecting = null;
    await client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    const client = new Client({ connectionString: this.databaseUrl });
    const lost = (error?: unknown) => {
      if (this.client !== client) return;
      this.client = null;
      this.options.onProblem?.('database change listener lost its connection; reconnecting', error);
      client.end().catch(() => undefined);
      this.scheduleReconnect();
    };
    client.on('error', lost);
    client.on('end', () => lost());
    client.on('notification', (message) => {
      let change: ChangeNotice | null;
      try {
        change = parse(message.channel, message.payload);
      } catch (error) {
        this.options.onProblem?.(`unreadable notification on ${message.channel}`, error);
        return;
      }
      if (change === null) return;
      for (const handler of this.handlers) handler(change);
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${taskChangedChannel}`);
      await client.query(`LISTEN ${budgetActualChangedChannel}`);
    } catch (error) {
      client.removeAllListeners('end');
      await client.end().catch(() => undefined);
      this.options.onProblem?.('database change listener could not connect; retrying', error);
      this.scheduleReconnect();
      return;
    }
    if (this.stopped) {
      await client.end().catch(() => undefined);
      return;
    }
    const wasReconnect = this.delayMs !== (this.options.reconnectDelayMs ?? 250);
    this.client = client;
    this.delayMs = this.options.reconnectDelayMs ?? 250;
    if (wasReconnect) for (const handler of this.reconnectHandlers) handler();
  }

  private scheduleReconnect(): void {
    if (this.stopped || this.retryTimer) return;
    const delay = this.delayMs;
    this.delayMs = Math.min(delay * 2, this.options.maxReconnectDelayMs ?? 5_000);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.connecting = this.connect();
    }, delay);
    this.retryTimer.unref();
  }
}
