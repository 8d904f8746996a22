import { ReadCache } from './read-cache.ts';

/** The channel instances tell each other on which cached rows changed (PostgreSQL NOTIFY). */
export const CHANGES_CHANNEL = 'vouch_changes';
const TTL_MS = 5_000;

/**
 * The read caches of one database and the notices of their changes. Every repository on the same database
 * gets the same cache for a topic, so a change written by one module is seen by another's reads. On
 * PostgreSQL the store publishes each change to the other instances and hands theirs in (`received`).
 */
export class ChangeNotices {
  private static readonly byDb = new WeakMap<object, ChangeNotices>();
  private readonly caches = new Map<string, ReadCache<unknown>>();
  private publish: (payload: string) => void = () => {};

  static of(db: object): ChangeNotices {
    const known = ChangeNotices.byDb.get(db);
    if (known) return known;
    const made = new ChangeNotices();
    ChangeNotices.byDb.set(db, made);
    return made;
  }

  cache<V>(topic: string): ReadCache<V> {
    if (topic.includes(':')) throw new Error(`a cache topic has no colon: ${topic}`);
    let c = this.caches.get(topic);
    if (!c) {
      c = new ReadCache<unknown>(topic, TTL_MS);
      this.caches.set(topic, c);
    }
    return c as ReadCache<V>;
  }

  /** `key` of `topic` changed here: forgotten here, and told to the other instances. */
  changed(topic: string, key: string): void {
    this.caches.get(topic)?.changed(key);
    this.publish(`${topic}:${key}`);
  }

  /** Sends each change to the other instances from now on. */
  connect(publish: (payload: string) => void): void {
    this.publish = publish;
  }

  /** A change another instance made. */
  received(payload: string): void {
    const at = payload.indexOf(':');
    if (at > 0) this.caches.get(payload.slice(0, at))?.changed(payload.slice(at + 1));
  }

  /** Notices may have been missed (the listening connection broke): nothing in memory is trusted. */
  missed(): void {
    for (const c of this.caches.values()) c.forgetAll();
  }
}
