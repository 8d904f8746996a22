/**
 * Rows the request path reads often and that change rarely (programs, whether an account has webhook
 * endpoints, ...), kept in memory for a few seconds. One rule for all of them: a change of a key, made here or
 * told by another instance, forgets the key and keeps every read that began within `ttlMs` after it from
 * being remembered, since the change's transaction may not have committed when that read began. So a change
 * shows here at once, and on another instance as soon as its notice arrives (on PostgreSQL, by
 * LISTEN/NOTIFY: see change-notices.ts), or after `ttlMs` at the latest if a notice is lost.
 */
export class ReadCache<V> {
  /** Per key: the value and when its read began, or when the key last changed. */
  private readonly entries = new Map<string, { value: V; at: number } | { changedAt: number }>();

  constructor(
    readonly topic: string,
    private readonly ttlMs: number,
    private readonly maxEntries = 10_000,
  ) {}

  /** The key's value: from memory while fresh, else loaded (and remembered unless the key changed lately). */
  async get(key: string, load: () => Promise<V>): Promise<V> {
    const startedAt = performance.now();
    const entry = this.entries.get(key);
    if (entry && 'value' in entry && startedAt - entry.at < this.ttlMs) return entry.value;
    const value = await load();
    const now = this.entries.get(key);
    if (now && 'changedAt' in now && startedAt - now.changedAt < this.ttlMs) return value;
    if (this.entries.size >= this.maxEntries) this.entries.clear();
    this.entries.set(key, { value, at: startedAt });
    return value;
  }

  /** The value in memory, if fresh; never loads (safe inside a transaction on a one-connection store). */
  peek(key: string): V | undefined {
    const entry = this.entries.get(key);
    return entry && 'value' in entry && performance.now() - entry.at < this.ttlMs ? entry.value : undefined;
  }

  /** The key changed (here, or on another instance). */
  changed(key: string): void {
    this.entries.set(key, { changedAt: performance.now() });
  }

  /** Every key may have changed (the notices from other instances were interrupted). */
  forgetAll(): void {
    const now = performance.now();
    for (const key of this.entries.keys()) this.entries.set(key, { changedAt: now });
  }
}
