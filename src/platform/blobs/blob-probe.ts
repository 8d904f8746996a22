import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Whether the blob directory takes a write now, the way an upload writes: a small file written under
 * `tmp/`, renamed into the directory, read back and deleted. A directory that cannot be written (read-only
 * mount, permissions, a full disk) fails it, where only listing or reading it would pass.
 */
export async function probeBlobDir(dir: string): Promise<void> {
  const name = `ready-${process.pid}-${randomBytes(6).toString('hex')}.probe`;
  const staged = path.join(dir, 'tmp', name);
  const placed = path.join(dir, name);
  const bytes = randomBytes(32);
  try {
    await fs.promises.writeFile(staged, bytes, { flag: 'wx', mode: 0o600 });
    await fs.promises.rename(staged, placed);
    if (!(await fs.promises.readFile(placed)).equals(bytes)) throw new Error(`${placed} read back differs from what was written`);
  } finally {
    await fs.promises.rm(staged, { force: true });
    await fs.promises.rm(placed, { force: true });
  }
}
