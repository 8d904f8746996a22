import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import { checkHost, guardedLookup } from './address-guard.ts';

export interface SendResult {
  statusCode?: number;
  retryAfter?: string;
  error?: string;
  /** The SSRF guard refused the target's address. */
  refused?: boolean;
  latencyMs: number;
}

/**
 * POSTs one signed body and reports what happened; never throws. Connections are kept alive per origin
 * (deliveries to one endpoint come in bursts). No redirect is followed: a 3xx is a failed attempt, so a
 * receiver cannot bounce us to another host. With the guard on, the addresses a socket connects to are
 * checked at connect time.
 */
export function createSender(options: { timeoutMs: number; allowPrivate: boolean; maxSocketsPerOrigin: number }) {
  const agentOptions = {
    keepAlive: true,
    maxSockets: options.maxSocketsPerOrigin,
    ...(options.allowPrivate ? {} : { lookup: guardedLookup }),
  };
  const agents = { 'http:': new http.Agent(agentOptions), 'https:': new https.Agent(agentOptions) };

  async function send(url: string, headers: Record<string, string>, body: string): Promise<SendResult> {
    const started = performance.now();
    const elapsed = () => Math.round(performance.now() - started);
    let target: URL;
    try {
      target = new URL(url);
      // IP literals never reach `lookup`, so they are judged here; names are judged by `guardedLookup`.
      if (!options.allowPrivate && net.isIP(target.hostname.replace(/^\[|\]$/g, ''))) await checkHost(target.hostname);
    } catch (e) {
      return { error: (e as Error).message, refused: (e as { code?: string }).code === 'EBLOCKEDTARGET', latencyMs: elapsed() };
    }
    const agent = agents[target.protocol as 'http:' | 'https:'];
    if (!agent) return { error: `Unsupported scheme ${target.protocol}`, latencyMs: elapsed() };
    const transport = target.protocol === 'https:' ? https : http;
    return new Promise<SendResult>((resolve) => {
      const req = transport.request(
        target,
        {
          method: 'POST',
          agent,
          headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
        },
        (res) => {
          // Only the status matters; the body is read (so the connection can be reused) and dropped.
          res.on('data', () => {});
          res.on('end', () => {
            clearTimeout(timer);
            const retryAfter = res.headers['retry-after'];
            resolve({ statusCode: res.statusCode, latencyMs: elapsed(), ...(retryAfter ? { retryAfter } : {}) });
          });
          res.on('error', (e) => fail(e));
          res.on('close', () => {
            if (!res.complete) fail(new Error('Connection closed before the answer ended'));
          });
        },
      );
      const fail = (e: Error) => {
        clearTimeout(timer);
        resolve({
          error: e.message || 'connection failed',
          refused: (e as { code?: string }).code === 'EBLOCKEDTARGET',
          latencyMs: elapsed(),
        });
      };
      const timer = setTimeout(() => req.destroy(new Error(`No answer within ${options.timeoutMs} ms`)), options.timeoutMs);
      req.on('error', fail);
      req.end(body);
    });
  }

  return {
    send,
    close: () => {
      agents['http:'].destroy();
      agents['https:'].destroy();
    },
  };
}
export type Sender = ReturnType<typeof createSender>;
