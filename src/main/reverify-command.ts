import fs from 'node:fs';
import { parseCsv } from '../shared/csv.ts';

export interface ReverifyOptions {
  program: string; file: string; wait?: boolean; report?: string; url: string; token: string;
  /** Where progress goes (a terminal gets a bar, anything else plain lines). */
  out?: NodeJS.WriteStream;
  pollMs?: number;
}

/** The ids of a CSV file: one per line, first column; a header row is skipped when it is not an id. */
export function readIds(file: string): string[] {
  const rows = parseCsv(fs.readFileSync(file, 'utf8')).map((r) => (r[0] ?? '').trim()).filter(Boolean);
  if (rows.length && !/^[0-9a-f]{24}$/.test(rows[0])) rows.shift();
  return rows;
}

async function call(o: ReverifyOptions, method: string, path: string, body?: unknown) {
  const res = await fetch(new URL(path, o.url), {
    method,
    headers: { authorization: `Bearer ${o.token}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    body: body !== undefined ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  const json = text && res.headers.get('content-type')?.includes('json') ? JSON.parse(text) : undefined;
  if (res.status >= 400) throw new Error(`${method} ${path}: ${res.status} ${json?.systemErrorMessage ?? json?.detail ?? text}`);
  return { status: res.status, json, text, res };
}

const bar = (done: number, total: number, width = 30) => {
  const filled = total ? Math.round((done / total) * width) : width;
  return `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${total ? Math.floor((done / total) * 100) : 100}% ${done}/${total}`;
};

/** `vouch reverify`: creates the batch through the API, optionally follows it and downloads its report. */
export async function runReverify(o: ReverifyOptions) {
  const out = o.out ?? process.stderr;
  const ids = readIds(o.file);
  const created = (await call(o, 'POST', '/rest/v2/verification/reverify', { programId: o.program, verificationIds: ids })).json;
  out.write(`Batch ${created.batchId}: ${ids.length} verifications\n`);
  if (!o.wait && !o.report) return created;

  let last = '';
  for (;;) {
    const s = (await call(o, 'GET', new URL(created.statusUrl).pathname)).json;
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
  const report = (await call(o, 'POST', new URL(created.reportUrl).pathname)).json;
  for (;;) {
    const s = (await call(o, 'GET', new URL(report.statusUrl).pathname)).json;
    if (s.status === 'COMPLETE') {
      const res = await fetch(s.retrievalUrl, { headers: { authorization: `Bearer ${o.token}` } });
      if (!res.ok || !res.body) throw new Error(`Report download failed: ${res.status}`);
      const file = fs.createWriteStream(o.report);
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) file.write(chunk);
      await new Promise<void>((resolve, reject) => file.end((err?: Error | null) => (err ? reject(err) : resolve())));
      out.write(`Report written to ${o.report}\n`);
      return { ...created, reportId: report.id };
    }
    if (s.status === 'ERROR') throw new Error(`Report failed: ${s.failureReason ?? 'unknown reason'}`);
    await new Promise((r) => setTimeout(r, o.pollMs ?? 500));
  }
}
