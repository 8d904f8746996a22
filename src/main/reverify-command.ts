import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parseRetryAfter } from '../modules/webhooks/index.ts';
import { parseCsv } from '../shared/csv.ts';

export interface ReverifyOptions {
  /** A new batch: the program and the CSV of verification ids. */
  program?: string;
  file?: string;
  /** Follow an existing batch instead of creating one. */
  resume?: string;
  /** The key of the creating request; a re-run with the same key and file gets the same batch. Default: a new UUID. */
  idempotencyKey?: string;
  wait?: boolean;
  report?: string;
  url: string;
  token: string;
  /** Where progress goes (a terminal gets a bar, anything else plain lines). */
  out?: NodeJS.WriteStream;
  pollMs?: number;
  /** How long one call keeps retrying transient failures before the command gives up (default 10 minutes). */
  retryForMs?: number;
}

const RETRY_FOR_MS = 10 * 60_000;
const FIRST_DELAY_MS = 500;
const MAX_DELAY_MS = 10_000;
// Idempotency-Key is 1 to 255 visible ASCII characters; the report's key adds a prefix to the batch id.
const KEY_PATTERN = /^[\x21-\x7e]{1,200}$/;
// The server restarting or briefly unreachable; a name that does not resolve or a refused TLS is not retried.
const TRANSIENT_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'UND_ERR_CLOSED',
]);

/** The ids of a CSV file: one per line, first column; a header row is skipped when it is not an id. */
export function readIds(file: string): string[] {
  const rows = parseCsv(fs.readFileSync(file, 'utf8'))
    .map((r) => (r[0] ?? '').trim())
    .filter(Boolean);
  if (rows.length && !/^[0-9a-f]{24}$/.test(rows[0])) rows.shift();
  return rows;
}

class HttpFailure extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly retryAfterMs: number | undefined,
    readonly transient: boolean,
  ) {
    super(message);
  }
}

const transientCode = (e: unknown): string | undefined => {
  for (let c: unknown = e; c; c = (c as { cause?: unknown }).cause) {
    const code = (c as { code?: unknown }).code;
    if (typeof code === 'string' && TRANSIENT_CODES.has(code)) return code;
  }
  return undefined;
};

// What a connection failure means, in words, for the message that names the server that could not be reached.
const FAILURE_WORDS: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  EPIPE: 'connection closed',
  ETIMEDOUT: 'timed out',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  EAI_AGAIN: 'name lookup failed for now',
  ENOTFOUND: 'host not found',
  UND_ERR_SOCKET: 'connection closed',
  UND_ERR_CONNECT_TIMEOUT: 'connection timed out',
  UND_ERR_HEADERS_TIMEOUT: 'no answer in time',
  UND_ERR_BODY_TIMEOUT: 'answer cut off',
  UND_ERR_CLOSED: 'connection closed',
};

/** The code of a failed fetch (undici hides it in the causes of "fetch failed"), and the deepest message. */
const errorCode = (e: unknown): string | undefined => {
  for (let c: unknown = e; c; c = (c as { cause?: unknown }).cause) {
    const code = (c as { code?: unknown }).code;
    if (typeof code === 'string') return code;
  }
  return undefined;
};
const rootMessage = (e: unknown): string => {
  let c = e as { cause?: unknown; message?: unknown } | undefined;
  while (c?.cause) c = c.cause as typeof c;
  return String(c?.message ?? c);
};

/**
 * A request that got no answer, as an error that names the server: "fetch failed" alone does not say
 * whether the address is wrong (a forgotten --url or PORT) or the server is down.
 */
class Unreachable extends Error {
  constructor(
    readonly url: URL,
    method: string,
    cause: unknown,
  ) {
    const code = errorCode(cause);
    const why = code
      ? `${FAILURE_WORDS[code] ?? rootMessage(cause)} (${code} on ${method} ${url.pathname})`
      : `${rootMessage(cause)} (${method} ${url.pathname})`;
    super(
      `cannot reach ${url.origin}: ${why}. The address comes from --url, else VOUCH_URL, else PUBLIC_URL, else http://localhost:$PORT`,
      { cause },
    );
  }
}

/** fetch, with a failure to connect named by its URL. */
async function send(url: URL, init: RequestInit & { method: string }): Promise<Response> {
  try {
    return await fetch(url, init);
  } catch (e) {
    throw new Unreachable(url, init.method, e);
  }
}

const headersFor = (o: ReverifyOptions, body: unknown, key: string | undefined) => ({
  authorization: `Bearer ${o.token}`,
  ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
  ...(key ? { 'idempotency-key': key } : {}),
});

/** An answer of 400 or more as an error, marked transient when the same request may succeed later. */
async function failure(res: Response, method: string, url: URL, key: string | undefined): Promise<HttpFailure> {
  const text = await res.text();
  const json = text && res.headers.get('content-type')?.includes('json') ? JSON.parse(text) : undefined;
  const retryAfter = parseRetryAfter(res.headers.get('retry-after') ?? undefined, new Date());
  // 409 on a keyed request: the first request with this key still runs, or died with its server and its
  // key's lease has not ended yet; the same request sent again is answered once it has.
  const inProgress = res.status === 409 && key !== undefined && text.includes('idempotencyKeyInProgress');
  return new HttpFailure(
    `${method} ${url.pathname}: ${res.status} ${json?.systemErrorMessage ?? json?.detail ?? text}`,
    res.status,
    retryAfter === undefined ? undefined : retryAfter * 1000,
    res.status >= 500 || res.status === 429 || inProgress,
  );
}

/**
 * Runs `run` again while it fails for a reason that passes (connection refused or reset, 5xx, 429, a keyed
 * request still in progress), after growing waits or the server's Retry-After, for `retryForMs` at most.
 * Only safe requests come here: GETs, and POSTs carrying an Idempotency-Key, which the server runs once.
 */
async function retrying<T>(o: ReverifyOptions, label: string, run: () => Promise<T>): Promise<T> {
  const giveUpAt = Date.now() + (o.retryForMs ?? RETRY_FOR_MS);
  for (let n = 0; ; n++) {
    try {
      return await run();
    } catch (e) {
      const code = transientCode(e);
      const http = e instanceof HttpFailure ? e : undefined;
      if (!code && !http?.transient) throw e;
      const backoff = Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * 2 ** n) * (0.5 + Math.random() / 2);
      const delay = http?.retryAfterMs ?? backoff;
      if (Date.now() + delay >= giveUpAt) throw e;
      const unreachable = e instanceof Unreachable ? ` (no answer from ${e.url.origin})` : '';
      (o.out ?? process.stderr).write(`${label}: ${code ?? http!.status}, retrying in ${Math.ceil(delay / 1000)} s${unreachable}\n`);
      await new Promise((r) => setTimeout(r, delay));
    }
  }
}

/** One API call (`path` relative to the base URL, or absolute), with retries; JSON answers parsed. */
function call(o: ReverifyOptions, method: string, path: string, body?: unknown, key?: string) {
  const url = new URL(path, o.url);
  return retrying(o, `${method} ${url.pathname}`, async () => {
    const res = await send(url, { method, headers: headersFor(o, body, key), body: body !== undefined ? JSON.stringify(body) : undefined });
    if (res.status >= 400) throw await failure(res, method, url, key);
    const text = await res.text();
    return { status: res.status, json: text && res.headers.get('content-type')?.includes('json') ? JSON.parse(text) : undefined };
  });
}

const bar = (done: number, total: number, width = 30) => {
  const filled = total ? Math.round((done / total) * width) : width;
  return `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${total ? Math.floor((done / total) * 100) : 100}% ${done}/${total}`;
};

/** The batch to follow: created through the API (once, whatever the retries), or the one given to resume. */
async function startBatch(o: ReverifyOptions, out: NodeJS.WriteStream) {
  if (o.resume) {
    const status = (await call(o, 'GET', `/rest/v2/verification/reverify/${encodeURIComponent(o.resume)}`)).json;
    out.write(`Batch ${status.batchId}: ${status.totalRecords} verifications (resumed)\n`);
    return { batchId: status.batchId as string };
  }
  if (!o.program || !o.file) throw new Error('--program and --file are required, unless --resume names a batch');
  const key = o.idempotencyKey ?? randomUUID();
  if (!KEY_PATTERN.test(key)) throw new Error('--idempotency-key must be 1 to 200 visible ASCII characters');
  const ids = readIds(o.file);
  // Printed before the request, so that a run cut off before its answer can be repeated without a second batch.
  out.write(`Idempotency-Key: ${key} (to repeat this run without creating a second batch: --idempotency-key ${key})\n`);
  const created = (await call(o, 'POST', '/rest/v2/verification/reverify', { programId: o.program, verificationIds: ids }, key)).json;
  out.write(`Batch ${created.batchId}: ${ids.length} verifications (to follow it later: --resume ${created.batchId})\n`);
  return { ...created, idempotencyKey: key } as { batchId: string };
}

/** `vouch reverify`: creates the batch through the API (or resumes one), optionally follows it and downloads its report. */
export async function runReverify(o: ReverifyOptions) {
  const out = o.out ?? process.stderr;
  const created = await startBatch(o, out);
  if (!o.wait && !o.report) return created;
  const batchPath = `/rest/v2/verification/reverify/${encodeURIComponent(created.batchId)}`;

  let last = '';
  for (;;) {
    const s = (await call(o, 'GET', batchPath)).json;
    if (out.isTTY) out.write(`\r${bar(s.recordsProcessed, s.totalRecords)} ${s.status}   `);
    else if (`${s.status} ${s.recordsProcessed}` !== last) out.write(`${s.status} ${s.recordsProcessed}/${s.totalRecords}\n`);
    last = `${s.status} ${s.recordsProcessed}`;
    if (s.status === 'COMPLETE' || s.status === 'FAILED') {
      if (out.isTTY) out.write('\n');
      if (s.status === 'FAILED') throw new Error(`Batch failed: ${s.failureReason ?? 'unknown reason'}`);
      break;
    }
    await new Promise((r) => setTimeout(r, o.pollMs ?? 500));
  }
  if (!o.report) return created;
  // One report per batch however often this is run (within the server's key lifetime): its key is the batch's.
  const report = (
    await call(
      o,
      'POST',
      `/rest/v2/report/reverify/${encodeURIComponent(created.batchId)}`,
      undefined,
      `reverify-report-${created.batchId}`,
    )
  ).json;
  for (;;) {
    const s = (await call(o, 'GET', new URL(report.statusUrl).pathname)).json;
    if (s.status === 'COMPLETE') {
      await download(o, s.retrievalUrl, o.report);
      out.write(`Report written to ${o.report}\n`);
      return { ...created, reportId: report.id };
    }
    if (s.status === 'ERROR') throw new Error(`Report failed: ${s.failureReason ?? 'unknown reason'}`);
    await new Promise((r) => setTimeout(r, o.pollMs ?? 500));
  }
}

/** The report's bytes streamed to `file`; a download cut off starts again from the beginning. */
function download(o: ReverifyOptions, retrievalUrl: string, file: string) {
  const url = new URL(retrievalUrl);
  return retrying(o, `GET ${url.pathname}`, async () => {
    const res = await send(url, { method: 'GET', headers: headersFor(o, undefined, undefined) });
    if (res.status >= 400) throw await failure(res, 'GET', url, undefined);
    if (!res.body) throw new Error(`Report download failed: ${res.status}`);
    await pipeline(Readable.fromWeb(res.body as import('node:stream/web').ReadableStream), fs.createWriteStream(file));
  });
}
