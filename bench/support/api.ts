/** A benchmark's calls of Vouch's API, and its child server processes' end. */
import type { ChildProcess } from 'node:child_process';

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A JSON call (GET without a body, POST with one), with a bearer token when given; throws on an error status. */
export async function call(url: string, token: string | null, body?: unknown) {
  const method = body === undefined ? 'GET' : 'POST';
  const json = body !== undefined && body !== null;
  const res = await fetch(url, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(json ? { 'content-type': 'application/json' } : {}) },
    body: json ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${url}: ${res.status} ${text.slice(0, 300)}`);
  return JSON.parse(text) as Record<string, unknown>;
}

/** Polls `url` until its `status` is COMPLETE; an error on FAILED/ERROR or after `timeoutMs`. */
export async function pollComplete(url: string, token: string, what: string, timeoutMs: number, everyMs = 200) {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const r = await call(url, token);
    if (r.status === 'COMPLETE') return r;
    if (r.status === 'FAILED' || r.status === 'ERROR') throw new Error(`${what} ended ${String(r.status)}: ${JSON.stringify(r)}`);
    if (Date.now() > end) throw new Error(`${what} not complete after ${timeoutMs / 1000} s: ${JSON.stringify(r)}`);
    await sleep(everyMs);
  }
}

/** Stops a server process: SIGTERM (a graceful stop), SIGKILL if it has not ended after 30 s. */
export async function stopProcess(child: ChildProcess) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
  await exited;
  clearTimeout(timer);
}
