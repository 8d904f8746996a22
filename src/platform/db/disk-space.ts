import fs from 'node:fs';
import path from 'node:path';

/**
 * Below this much free space the disk counts as full: the embedded store writes its log in 16 MB
 * segments, and a new one (or a checkpoint) fails without room for it, while single rows still fit.
 */
export const MIN_FREE_BYTES = 16 * 1024 * 1024;

/** Bytes this process may still write on the filesystem holding `dir` (root may use the blocks reserved for it). */
export async function freeBytes(dir: string): Promise<number> {
  const s = await fs.promises.statfs(existingAncestor(dir));
  return (process.getuid?.() === 0 ? s.bfree : s.bavail) * s.bsize;
}

/** Throws, saying how much is left, when the disk holding `dir` has less than `MIN_FREE_BYTES` free. */
export async function requireFreeSpace(dir: string): Promise<void> {
  const free = await freeBytes(dir);
  if (free < MIN_FREE_BYTES) throw new Error(`the disk holding ${dir} is full (${megabytes(free)} free)`);
}

/** What to say when the disk holding `dir` is full, for what the embedded store needs at start-up. */
export function fullDiskError(dir: string, cause: unknown, free?: number): Error {
  return new Error(
    `The disk holding ${dir} is full${free === undefined ? '' : ` (${megabytes(free)} free)`}, so the embedded store cannot start. ` +
      'Free space on that disk (or move DATA_DIR to a larger one), then start Vouch again.',
    { cause },
  );
}

/**
 * The start-up failure `e` of the embedded store, explained when the disk of `dir` is full: PGlite itself
 * says only `Aborted()` or an errno object then. Any other failure is returned as it is.
 */
export async function explainFullDisk(e: unknown, dir: string): Promise<unknown> {
  const free = await freeBytes(dir).catch(() => undefined);
  return free !== undefined && free < MIN_FREE_BYTES ? fullDiskError(dir, e, free) : e;
}

const megabytes = (bytes: number) => `${(bytes / (1024 * 1024)).toFixed(1)} MB`;

/** `dir`, or its nearest parent that exists (a data directory that could not even be created). */
function existingAncestor(dir: string): string {
  let at = path.resolve(dir);
  while (!fs.existsSync(at) && path.dirname(at) !== at) at = path.dirname(at);
  return at;
}
