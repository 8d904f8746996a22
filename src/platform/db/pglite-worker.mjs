// The embedded store's own thread: PGlite runs here, and the main thread talks to it through messages
// (see pglite-thread.ts). Plain JavaScript because a worker thread starts without the TypeScript loader.
import fs from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';
import { NodeFS } from '@electric-sql/pglite/nodefs';

// int8 as a JS number (ids and counts stay far below 2^53) and `date` as its 'YYYY-MM-DD' text, as on PostgreSQL.
const INT8 = 20;
const DATE = 1082;
// json and jsonb cross to the main thread as their text and are parsed there: a structured clone of a
// deeply nested object fails on the receiving side, where the reply would be lost without a trace.
const JSON_TYPES = [114, 3802];
const asText = (v) => v;

/** An error as plain data: the message and the fields callers look at (code, constraint, detail...). */
const plain = (e) => {
  const out = { message: e instanceof Error ? e.message : String(e) };
  if (e && typeof e === 'object') {
    for (const [k, v] of Object.entries(e)) if (['string', 'number', 'boolean'].includes(typeof v)) out[k] = v;
  }
  return out;
};

/** Every request gets an answer: a reply that cannot be posted is answered with the reason instead. */
const reply = (message) => {
  try {
    parentPort.postMessage(message);
  } catch (e) {
    parentPort.postMessage({ id: message.id, error: plain(e) });
  }
};

/**
 * PGlite's files on the host's disk, with fsync. PGlite starts PostgreSQL with `-F` (fsync off), and its
 * Node filesystem has no fsync operation, so turning fsync on alone makes every sync a no-op that reports
 * success. This one gives that filesystem the operation (a real fsync of the host file, or of the directory
 * for directory syncs). Emscripten's fdatasync never reaches the filesystem, so the log is synced with
 * `wal_sync_method=fsync`. PGlite is pinned to an exact version; test/embedded/store-fsync.test.ts checks
 * the syncs still reach the disk after an upgrade.
 */
class SyncedNodeFS extends NodeFS {
  async init(pg, options) {
    const { emscriptenOpts } = await super.init(pg, options);
    const preRun = [
      ...(emscriptenOpts.preRun ?? []),
      (mod) => {
        const nodefs = mod.NODEFS;
        nodefs.stream_ops.fsync = (stream) => {
          nodefs.tryFSOperation(() => {
            if (stream.nfd !== undefined) return fs.fsyncSync(stream.nfd);
            const fd = fs.openSync(nodefs.realPath(stream.node), 'r');
            try {
              fs.fsyncSync(fd);
            } finally {
              fs.closeSync(fd);
            }
          });
          return 0;
        };
      },
    ];
    return { emscriptenOpts: { ...emscriptenOpts, preRun } };
  }
}

const synced = workerData.fsync && workerData.dataDir !== undefined;
const startParams = synced
  ? [...PGlite.defaultStartParams.filter((p) => p !== '-F'), '-c', 'wal_sync_method=fsync']
  : PGlite.defaultStartParams;

let pglite;
try {
  // One options object: PGlite ignores a second argument when the first (the directory) is undefined.
  pglite = new PGlite({
    ...(synced ? { fs: new SyncedNodeFS(workerData.dataDir) } : { dataDir: workerData.dataDir }),
    parsers: { [INT8]: (v) => Number(v), [DATE]: asText, ...Object.fromEntries(JSON_TYPES.map((t) => [t, asText])) },
    startParams: [...startParams, '-c', `shared_buffers=${workerData.sharedBuffers}`],
  });
  await pglite.waitReady;
  reply({ id: 0, ok: true });
} catch (e) {
  reply({ id: 0, error: plain(e) });
}

parentPort.on('message', async ({ id, op, sql, params }) => {
  try {
    if (op === 'query') {
      const r = await pglite.query(sql, params);
      const json = r.fields.filter((f) => JSON_TYPES.includes(f.dataTypeID)).map((f) => f.name);
      reply({ id, rows: r.rows, affectedRows: r.affectedRows, ...(json.length > 0 ? { json } : {}) });
    } else if (op === 'exec') {
      await pglite.exec(sql);
      reply({ id });
    } else if (op === 'close') {
      await pglite.exec('CHECKPOINT');
      await pglite.close();
      reply({ id });
      parentPort.close();
    }
  } catch (e) {
    reply({ id, error: plain(e) });
  }
});
