import pg from 'pg';
import { CHANGES_CHANNEL, type ChangeNotices } from './change-notices.ts';

const RECONNECT_MS = 1_000;

/**
 * Tells this instance's read caches what other instances changed: one connection of its own (outside the
 * pool, so requests never wait for it) LISTENs on the changes channel. While it is down, nothing cached is
 * trusted past its time to live; when it comes back, everything cached is forgotten once. Changes made here
 * are sent through the pool with pg_notify. Returns the function that stops listening.
 */
export function listenForChanges(url: string, pool: pg.Pool, notices: ChangeNotices): () => Promise<void> {
  let client: pg.Client | null = null;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  const retry = () => {
    if (stopped || timer) return;
    timer = setTimeout(() => {
      timer = undefined;
      void connect();
    }, RECONNECT_MS).unref();
  };

  const connect = async () => {
    const c = new pg.Client({ connectionString: url });
    c.on('error', () => {});
    c.on('notification', (n) => {
      if (n.channel === CHANGES_CHANNEL && n.payload) notices.received(n.payload);
    });
    c.on('end', () => {
      if (client === c) client = null;
      notices.missed();
      retry();
    });
    try {
      await c.connect();
      await c.query(`LISTEN ${CHANGES_CHANNEL}`);
      if (stopped) return void (await c.end().catch(() => {}));
      client = c;
      notices.missed();
    } catch {
      await c.end().catch(() => {});
      retry();
    }
  };
  void connect();
  notices.connect((payload) => {
    pool.query('select pg_notify($1, $2)', [CHANGES_CHANNEL, payload]).catch(() => {});
  });
  return async () => {
    stopped = true;
    clearTimeout(timer);
    notices.connect(() => {});
    await client?.end().catch(() => {});
  };
}
