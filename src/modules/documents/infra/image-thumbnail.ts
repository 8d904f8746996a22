import { Worker } from 'node:worker_threads';

/** How far the decoding of one image may go before it is given up (the image then gets no perceptual hash). */
export interface ThumbnailLimits {
  /** Wall time of one decoding, queueing excluded. */
  timeoutMs: number;
  /** Pixels (width x height) of the largest image decoded. */
  maxPixels: number;
  /** Memory the JPEG decoder may allocate. */
  maxMemoryMb: number;
  /** Images waiting at most; past that an upload goes without a perceptual hash rather than pile up files in memory. */
  maxWaiting: number;
}

export const DEFAULT_THUMBNAIL_LIMITS: ThumbnailLimits = {
  timeoutMs: 15_000,
  maxPixels: 50_000_000,
  maxMemoryMb: 400,
  maxWaiting: 16,
};

export type Thumbnailer = (mime: string, bytes: Buffer) => Promise<number[] | null>;

/**
 * The 9x8 grey thumbnail of a JPEG or PNG, decoded by pure-JavaScript decoders in a worker thread, one
 * image at a time: a hostile file (huge dimensions, endless data, a decoder bug) costs at most the limits
 * above and never stalls or crashes the server. A decoding past its deadline ends the thread (the next
 * image starts a new one), as does one past the thread's heap limit. Null when the image could not be
 * decoded within the limits. The thread keeps the process alive only while it decodes.
 */
export function createThumbnailer(limits: ThumbnailLimits = DEFAULT_THUMBNAIL_LIMITS): Thumbnailer {
  let worker: Worker | null = null;
  let current: { id: number; worker: Worker; done: (v: number[] | null) => void } | null = null;
  let next = 1;
  let busy = false;
  const waiting: (() => void)[] = [];

  const start = () => {
    const w = new Worker(new URL('./image-thumbnail-worker.mjs', import.meta.url), {
      resourceLimits: { maxOldGenerationSizeMb: 128, maxYoungGenerationSizeMb: 32, stackSizeMb: 4 },
      stdout: true,
      stderr: true,
    });
    // A thread that ends (heap limit, decoder crash) fails the decoding it was doing, not a later one's.
    const lost = () => {
      if (worker === w) worker = null;
      if (current?.worker === w) current.done(null);
    };
    w.on('message', (m: { id: number; thumbnail?: number[] }) => {
      if (current?.worker !== w || m.id !== current.id) return;
      const t = m.thumbnail;
      current.done(Array.isArray(t) && t.length === 72 && t.every(Number.isFinite) ? t : null);
    });
    w.on('error', lost);
    w.on('exit', lost);
    return w;
  };

  const decode = (mime: string, bytes: Buffer) =>
    new Promise<number[] | null>((resolve) => {
      worker ??= start();
      const w = worker;
      w.ref();
      const id = next++;
      const timer = setTimeout(() => {
        // Past its deadline: the thread is ended, and its decoding with it.
        if (worker === w) worker = null;
        void w.terminate();
        finish(null);
      }, limits.timeoutMs);
      const finish = (v: number[] | null) => {
        if (current?.id !== id) return;
        current = null;
        clearTimeout(timer);
        w.unref();
        resolve(v);
      };
      current = { id, worker: w, done: finish };
      w.postMessage({ id, mime, bytes: new Uint8Array(bytes), maxPixels: limits.maxPixels, maxMemoryMb: limits.maxMemoryMb });
    });

  return async (mime, bytes) => {
    if (mime !== 'image/jpeg' && mime !== 'image/png') return null;
    if (busy) {
      if (waiting.length >= limits.maxWaiting) return null;
      // The thread is handed over by the decoding that ends: `busy` stays set for this one.
      await new Promise<void>((go) => waiting.push(go));
    } else busy = true;
    try {
      return await decode(mime, bytes);
    } finally {
      const go = waiting.shift();
      if (go) go();
      else busy = false;
    }
  };
}
