import fs from 'node:fs';
import path from 'node:path';

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
};

const inUse = (pid: number, dataDir: string) => new Error(
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
      fs.writeFileSync(file, String(process.pid), { flag: 'wx' });
      heldHere.add(file);
      return () => {
        heldHere.delete(file);
        fs.rmSync(file, { force: true });
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const pid = Number(fs.readFileSync(file, 'utf8'));
      if (Number.isInteger(pid) && pid !== process.pid && alive(pid)) {
        throw inUse(pid, dataDir);
      }
      fs.rmSync(file, { force: true });
    }
  }
  throw new Error(`Could not lock ${dataDir}`);
}
