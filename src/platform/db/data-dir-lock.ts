import fs from 'node:fs';
import path from 'node:path';
import { fullDiskError } from './disk-space.ts';

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
};

const inUse = (pid: number, dataDir: string) =>
  new Error(
    `Another Vouch process (pid ${pid}) is using ${dataDir}. Stop it first; ` +
      'the embedded store serves one process. For several processes, set DATABASE_URL to a PostgreSQL server.',
  );

/**
 * The embedded store is single-process: a pid file in the data directory makes a second process
 * fail fast with a clear message instead of corrupting the database. A stale file (dead pid, or our own pid
 * reused after a restart in a container) is taken over.
 */
const heldHere = new Set<string>();

export function lockDataDir(dataDir: string): () => void {
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, 'vouch.pid');
  if (heldHere.has(file)) throw inUse(process.pid, dataDir);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeNew(file, String(process.pid));
      heldHere.add(file);
      return () => {
        heldHere.delete(file);
        fs.rmSync(file, { force: true });
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOSPC') throw fullDiskError(dataDir, e);
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const pid = Number(fs.readFileSync(file, 'utf8'));
      // An empty file (an earlier release could leave one when the disk was full) holds no lock.
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && alive(pid)) {
        throw inUse(pid, dataDir);
      }
      fs.rmSync(file, { force: true });
    }
  }
  throw new Error(`Could not lock ${dataDir}`);
}

/**
 * Creates `file` holding `text` in one step, or fails leaving no file: the text is written to a file of this
 * process first and linked into place, so no other process can see the lock empty, and a write that fails
 * (a full disk) leaves no empty lock behind.
 */
function writeNew(file: string, text: string) {
  const staged = `${file}.${process.pid}`;
  try {
    fs.writeFileSync(staged, text);
    fs.linkSync(staged, file);
  } finally {
    fs.rmSync(staged, { force: true });
  }
}
