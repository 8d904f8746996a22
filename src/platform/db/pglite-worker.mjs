// The embedded store's own thread: PGlite runs here, and the main thread talks to it through messages
// (see pglite-thread.ts). Plain JavaScript because a worker thread starts without the TypeScript loader.
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';

// int8 as a JS number (ids and counts stay far below 2^53) and `date` as its 'YYYY-MM-DD' text, as on PostgreSQL.
const INT8 = 20;
const DATE = 1082;

/** An error as plain data: the message and the fields callers look at (code, constraint, detail...). */
const plain = (e) => {
  const out = { message: e instanceof Error ? e.message : String(e) };
  if (e && typeof e === 'object') {
    for (const [k, v] of Object.entries(e)) if (['string', 'number', 'boolean'].includes(typeof v)) out[k] = v;
  }
  return out;
};

let pglite;
try {
  pglite = new PGlite(workerData.dataDir, {
    parsers: { [INT8]: (v) => Number(v), [DATE]: (v) => v },
    startParams: [...PGlite.defaultStartParams, '-c', `shared_buffers=${workerData.sharedBuffers}`],
  });
  await pglite.waitReady;
  parentPort.postMessage({ id: 0, ok: true });
} catch (e) {
  parentPort.postMessage({ id: 0, error: plain(e) });
}

parentPort.on('message', async ({ id, op, sql, params }) => {
  try {
    if (op === 'query') {
      const r = await pglite.query(sql, params);
      parentPort.postMessage({ id, rows: r.rows, affectedRows: r.affectedRows });
    } else if (op === 'exec') {
      await pglite.exec(sql);
      parentPort.postMessage({ id });
    } else if (op === 'close') {
      await pglite.exec('CHECKPOINT');
      await pglite.close();
      parentPort.postMessage({ id });
      parentPort.close();
    }
  } catch (e) {
    parentPort.postMessage({ id, error: plain(e) });
  }
});
