// scratch experiment: blob store write speed with and without an in-process PGlite
import { randomBytes } from 'node:crypto';
import fs from 'node:fs'; import os from 'node:os'; import path from 'node:path';
import { Readable } from 'node:stream';
import { PerformanceObserver, performance } from 'node:perf_hooks';
import { FileBlobStore } from '/work/main/src/platform/blobs/index.ts';
import { openStore, migrate } from '/work/main/src/platform/db/index.ts';
import { createTypeInspector as orig } from '/work/main/src/modules/documents/domain/file-type.ts';
import { createTypeInspector as fixed } from '/tmp/upexp/ft-fixed.ts';
const createTypeInspector = process.argv[3] === 'fixed' ? fixed : orig;
const mode = process.argv[2];
const gcs: Record<string, { n: number; ms: number }> = {};
new PerformanceObserver((l) => { for (const e of l.getEntries()) { const k = String((e as any).detail?.kind ?? e.name); gcs[k] ??= { n: 0, ms: 0 }; gcs[k].n++; gcs[k].ms += e.duration; } }).observe({ entryTypes: ['gc'] });
let store: any;
let hold: any; if (mode === 'bigab') { hold = new Uint8Array(260_000_000); hold.fill(1); }
if (mode === 'wasm') { hold = new WebAssembly.Memory({ initial: 4000 }); new Uint8Array(hold.buffer).fill(1); }
if (mode === 'pgopen') { store = await openStore({ databaseUrl: undefined, dataDir: undefined }); }
if (mode === 'pgclosed') { const s = await openStore({ databaseUrl: undefined, dataDir: undefined }); await s.close(); }
if (mode === 'rawpg') { const { PGlite } = await import('@electric-sql/pglite'); store = { db: await PGlite.create() }; }
if (mode === 'wasmgrow') { hold = new WebAssembly.Memory({ initial: 16, maximum: 65536 }); for (let i = 0; i < 4000; i += 100) hold.grow(100); new Uint8Array(hold.buffer).fill(1); }
if (mode === 'importonly') { await import('@electric-sql/pglite'); }
if (mode === 'pgworker') { const { Worker } = await import('node:worker_threads'); const w = new Worker("const { PGlite } = require('@electric-sql/pglite'); PGlite.create().then(async (p) => { await p.query('select 1'); require('node:worker_threads').parentPort.postMessage('ok'); });", { eval: true }); await new Promise((r) => w.once('message', r)); w.unref(); }
if (mode === 'pglite') { store = await openStore({ databaseUrl: undefined, dataDir: undefined }); await migrate(store); }
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'upexp-'));
const blobs = new FileBlobStore(dir, randomBytes(32));
const file = randomBytes(10_000_000); file.write('%PDF-', 0); file.write('%%EOF\n', file.length - 6);
const src = () => Readable.from((function* () { for (let i = 0; i < file.length; i += 65536) yield file.subarray(i, i + 65536); })(), { objectMode: false });
const inspect = process.argv[3] !== 'noinspect';
async function one() { const ins = createTypeInspector('application/pdf', file.length); await blobs.write(src(), { maxBytes: file.length, inspect: inspect ? (c) => ins.push(c) : undefined }); if (inspect) ins.finish(); }
if (process.env.MARK) console.log("=== START")
if (process.env.FORCEGC) { (globalThis as any).gc(); (globalThis as any).gc(); }
for (const round of [1, 2]) {
  for (const k in gcs) delete gcs[k];
  const t0 = performance.now(); let next = 0;
  await Promise.all(Array.from({ length: 4 }, async () => { while (next++ < 28) await one(); }));
  const s = (performance.now() - t0) / 1000;
  const u = process.memoryUsage();
  console.log(mode, 'inspect', inspect, 'round', round, (280 / s).toFixed(0), 'MB/s', JSON.stringify(gcs), 'ext', (u.external / 1e6).toFixed(0), 'heap', (u.heapTotal / 1e6).toFixed(0));
}
fs.rmSync(dir, { recursive: true, force: true });
await store?.close?.();
process.exit(0);
