import net from 'node:net';

/**
 * A TCP proxy in front of a real server, for fault tests: `cut()` breaks every open connection and
 * refuses new ones (a restart, a failover, a network partition), `freeze()` keeps connections open but
 * passes nothing (a frozen server), `heal()` lets traffic through again.
 */
export async function startTcpProxy(target: { host: string; port: number }) {
  let mode: 'open' | 'cut' | 'frozen' = 'open';
  const pairs = new Set<{ client: net.Socket; upstream: net.Socket }>();
  const server = net.createServer((client) => {
    if (mode === 'cut') return client.destroy();
    const upstream = net.connect(target.port, target.host);
    const pair = { client, upstream };
    pairs.add(pair);
    const end = () => {
      pairs.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    client.on('error', end).on('close', end);
    upstream.on('error', end).on('close', end);
    // Data passes only while the proxy is open; frozen, it is held back (and dropped).
    client.on('data', (d) => {
      if (mode === 'open') upstream.write(d);
    });
    upstream.on('data', (d) => {
      if (mode === 'open') client.write(d);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  return {
    port,
    cut() {
      mode = 'cut';
      for (const p of pairs) {
        p.client.destroy();
        p.upstream.destroy();
      }
    },
    freeze() {
      mode = 'frozen';
    },
    heal() {
      // Connections that lived through a freeze have lost bytes: drop them, as a server restart would.
      if (mode === 'frozen')
        for (const p of pairs) {
          p.client.destroy();
          p.upstream.destroy();
        }
      mode = 'open';
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const p of pairs) {
          p.client.destroy();
          p.upstream.destroy();
        }
        server.close(() => resolve());
      }),
  };
}
