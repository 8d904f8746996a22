import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Received {
  path: string;
  headers: Record<string, string>;
  body: string;
  json: any;
}

/** How the receiver answers one request: a status (with headers), or `hang` (no answer until released or closed). */
export type Answer = { status: number; headers?: Record<string, string> } | 'hang';

/**
 * A real webhook receiver on loopback. It records every request it gets (raw body and headers, so that
 * signatures can be checked on the exact bytes) and answers with what `answer` says, 204 by default.
 */
export async function startReceiver(answer: (r: Received, n: number) => Answer = () => ({ status: 204 })) {
  const received: Received[] = [];
  const hanging = new Set<http.ServerResponse>();
  const waiters: { check: () => boolean; resolve: () => void }[] = [];
  let decide = answer;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      let json: unknown;
      try {
        json = JSON.parse(body);
      } catch {
        json = undefined;
      }
      const r: Received = { path: req.url ?? '/', headers: req.headers as Record<string, string>, body, json };
      received.push(r);
      const a = decide(r, received.length);
      if (a === 'hang') hanging.add(res);
      else res.writeHead(a.status, a.headers ?? {}).end();
      for (const w of [...waiters])
        if (w.check()) {
          waiters.splice(waiters.indexOf(w), 1);
          w.resolve();
        }
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    /** Requests currently held without an answer. */
    get hanging() {
      return hanging.size;
    },
    answerWith(next: typeof answer) {
      decide = next;
    },
    /** Answers every held request with `status`. */
    release(status = 204) {
      for (const res of hanging) res.writeHead(status).end();
      hanging.clear();
    },
    /** Resolves once `check` holds (re-checked on every request), or rejects after `ms`. */
    until(check: () => boolean, ms = 20_000): Promise<void> {
      if (check()) return Promise.resolve();
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`receiver: condition not met after ${received.length} requests`)), ms);
        waiters.push({
          check,
          resolve: () => {
            clearTimeout(timer);
            resolve();
          },
        });
      });
    },
    async close() {
      for (const res of hanging) res.destroy();
      hanging.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
export type Receiver = Awaited<ReturnType<typeof startReceiver>>;
