import http from 'node:http';
import { explainListenFailure } from './start-failures.ts';

export interface PortHold {
  /** Closes the placeholder (and the connections it holds) so the real server can listen on the port. */
  release(): Promise<void>;
}

/**
 * Takes HOST:PORT before the store opens (the embedded store takes seconds to start), so a port that is
 * taken is reported at once rather than after that wait, and no other program takes it meanwhile. Until the
 * real server listens, the placeholder answers every request 503 `{"status":"starting"}`: a health check
 * sees "not yet", a client is told to retry. The real server listens right after `release` (a gap of one
 * event-loop turn, in which a connection is refused).
 */
export async function holdPort(host: string, port: number): Promise<PortHold> {
  const server = http.createServer((_req, res) => {
    res.writeHead(503, { 'content-type': 'application/json', 'retry-after': '1', 'cache-control': 'no-store', connection: 'close' });
    res.end('{"status":"starting"}');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (e) => reject(explainListenFailure(e, host, port)));
    server.listen({ host, port }, () => resolve());
  });
  let released: Promise<void> | undefined;
  return {
    release: () =>
      (released ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      })),
  };
}
