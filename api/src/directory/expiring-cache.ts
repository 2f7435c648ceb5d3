interface Entry<V> {
  readonly value: Promise<V>;
  readonly expiresAt: number;
}

/**
 * A small time-bounded cache of lookups. Concurrent callers of one key share a single load; a failed load is not
 * kept, so the next caller tries again. When full, the oldest entry makes room.
 */
export class ExpiringCache<K, V> {
  private readonly entries = new Map<K, Entry<V>>();

  constructor(
    private readonly options: {
      readonly ttlMs: number;
      readonly maxEntries: number;
      readonly now?: () => number;
    },
  ) {}

  getOrLoad(key: K, load: () => Promise<V>): Promise<V> {
    const now = this.now();
    const cached = this.entries.get(key);
    if (cached !== undefined && cached.expiresAt > now) return cached.value;
    this.entries.delete(key);
    const value = load();
    const entry = { value, expiresAt: now + this.options.ttlMs };
    this.entries.set(key, entry);
    value.catch(() => {
      if (this.entries.get(key) === entry) this.entries.delete(key);
    });
    while (this.entries.size > this.options.maxEntries) {
      const oldest = this.entries.keys().next();
      if (oldest.done === true) break;
      this.entries.delete(oldest.value);
    }
    return value;
  }

  get size(): number {
    return this.entries.size;
  }

  private now(): number {
    return (this.options.now ?? Date.now)();
  }
}
