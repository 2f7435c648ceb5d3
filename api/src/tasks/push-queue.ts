/**
 * An async iterator fed by pushes, as a GraphQL subscription returns it. Values wait in order until the subscriber
 * reads them (at most `limit`; older ones are dropped beyond that, a stalled client must not hold memory);
 * `return()` (the client unsubscribed or disconnected) runs `onClose` once.
 */
export class PushQueue<T> implements AsyncIterableIterator<T> {
  private readonly values: T[] = [];
  private readonly waiting: ((result: IteratorResult<T>) => void)[] = [];
  private closed = false;

  constructor(
    private readonly onClose: () => void,
    private readonly limit = 1_000,
  ) {}

  push(value: T): void {
    if (this.closed) return;
    const next = this.waiting.shift();
    if (next) {
      next({ value, done: false });
      return;
    }
    this.values.push(value);
    if (this.values.length > this.limit) this.values.shift();
  }

  next(): Promise<IteratorResult<T>> {
    const value = this.values.shift();
    if (value !== undefined) return Promise.resolve({ value, done: false });
    if (this.closed) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  return(): Promise<IteratorResult<T>> {
    if (!this.closed) {
      this.closed = true;
      this.values.length = 0;
      for (const resolve of this.waiting.splice(0)) resolve({ value: undefined, done: true });
      this.onClose();
    }
    return Promise.resolve({ value: undefined, done: true });
  }

  throw(error: unknown): Promise<IteratorResult<T>> {
    void this.return();
    return Promise.reject(error instanceof Error ? error : new Error(String(error)));
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<T> {
    return this;
  }
}
