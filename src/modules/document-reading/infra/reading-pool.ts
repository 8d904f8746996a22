import os from 'node:os';
import { Worker } from 'node:worker_threads';

/** What a reading job asks of a thread (see reading-worker.mjs). */
export type ReadingJob =
  | { type: 'mrz'; image: Buffer; width: number; height: number }
  | { type: 'text'; image: Buffer }
  | { type: 'barcode'; image: Buffer };

export interface OcrLine {
  text: string;
  confidence: number;
}
export interface ReadingAnswer {
  lines?: OcrLine[];
  barcodes?: { format: string; text: string }[];
  confidence?: number;
}

/** A job's outcome: its answer, or why there is none (the check it served is then `not-run` with that reason). */
export type PoolOutcome =
  | { ok: true; answer: ReadingAnswer }
  | { ok: false; why: 'timeout' | 'busy' | 'failed' | 'closed'; detail: string };

export interface ReadingPoolOptions {
  /** Threads; by default the machine's cores less one (for the server's own loop), at least one. */
  size?: number;
  /** Jobs waiting for a thread at most; past that a job is refused at once (`busy`). */
  maxQueued?: number;
  /** Wall time of one job once a thread has it; past it the thread is ended (and replaced for the next job). */
  timeoutMs?: number;
}

export const defaultPoolSize = () => Math.max(1, (os.availableParallelism?.() ?? os.cpus().length) - 1);

export interface ReadingPool {
  run(job: ReadingJob): Promise<PoolOutcome>;
  readonly size: number;
  close(): Promise<void>;
}

interface Slot {
  worker: Worker | null;
  busy: boolean;
}
interface Pending {
  job: ReadingJob;
  resolve: (o: PoolOutcome) => void;
}

/**
 * Threads that read documents (OCR, barcodes) so that the server's loop never waits on them. Each thread
 * takes one job at a time; jobs wait in a bounded queue; a job past its time limit ends its thread. A
 * thread that crashed or was ended is started again for the next job. Idle threads do not keep the
 * process alive.
 */
export function createReadingPool(options: ReadingPoolOptions = {}): ReadingPool {
  const size = Math.max(1, options.size ?? defaultPoolSize());
  const maxQueued = options.maxQueued ?? 64;
  const timeoutMs = options.timeoutMs ?? 60_000;
  const slots: Slot[] = Array.from({ length: size }, () => ({ worker: null, busy: false }));
  const queue: Pending[] = [];
  let next = 1;
  let closed = false;

  const start = (slot: Slot) => {
    const w = new Worker(new URL('./reading-worker.mjs', import.meta.url), {
      resourceLimits: { maxOldGenerationSizeMb: 512, maxYoungGenerationSizeMb: 64, stackSizeMb: 4 },
      stdout: true,
      stderr: true,
    });
    // A thread that ends while idle is started again for the next job.
    w.on('exit', () => {
      if (slot.worker === w) slot.worker = null;
    });
    w.unref();
    return w;
  };

  const dispatch = (slot: Slot, p: Pending) => {
    slot.busy = true;
    slot.worker ??= start(slot);
    const w = slot.worker;
    w.ref();
    const id = next++;
    let settled = false;
    const done = (o: PoolOutcome, endThread: boolean) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      w.off('message', onMessage);
      w.off('error', onLost);
      w.off('exit', onLost);
      if (endThread) {
        if (slot.worker === w) slot.worker = null;
        void w.terminate();
      } else w.unref();
      slot.busy = false;
      p.resolve(o);
      const waiting = queue.shift();
      if (waiting && !closed) dispatch(slot, waiting);
    };
    const onMessage = (m: { id: number; result?: ReadingAnswer; error?: string }) => {
      if (m.id !== id) return;
      done(m.error !== undefined ? { ok: false, why: 'failed', detail: m.error } : { ok: true, answer: m.result ?? {} }, false);
    };
    const onLost = (e?: unknown) =>
      done({ ok: false, why: 'failed', detail: e instanceof Error ? e.message : 'the reading thread stopped' }, true);
    const timer = setTimeout(
      () => done({ ok: false, why: 'timeout', detail: `took longer than ${Math.round(timeoutMs / 1000)} s` }, true),
      timeoutMs,
    );
    w.on('message', onMessage);
    w.on('error', onLost);
    w.on('exit', onLost);
    const { image, ...rest } = p.job;
    w.postMessage({ ...rest, id, image: new Uint8Array(image) });
  };

  return {
    size,
    run(job) {
      return new Promise<PoolOutcome>((resolve) => {
        if (closed) return resolve({ ok: false, why: 'closed', detail: 'the reading pool is closed' });
        const free = slots.find((s) => !s.busy);
        if (free) return dispatch(free, { job, resolve });
        if (queue.length >= maxQueued) return resolve({ ok: false, why: 'busy', detail: `${maxQueued} documents already wait to be read` });
        queue.push({ job, resolve });
      });
    },
    async close() {
      closed = true;
      for (const p of queue.splice(0)) p.resolve({ ok: false, why: 'closed', detail: 'the reading pool is closed' });
      await Promise.all(slots.map((s) => s.worker?.terminate()));
    },
  };
}
