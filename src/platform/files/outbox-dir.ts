import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';

/**
 * A directory of outgoing messages (mail, texts) kept as files when no provider is configured: each file
 * is named `<UTC time>-<sequence>-<id><extension>` so that a listing sorts by time, is 0600 in a 0700
 * directory, and is written aside and renamed into place, so a reader never sees half a message.
 */
export function outboxDir(dir: string) {
  let ready: Promise<unknown> | undefined;
  let sequence = 0;
  return {
    /** Writes one message; answers the file's path. */
    async write(id: string, extension: string, bytes: string | Buffer): Promise<string> {
      // A failed mkdir is tried again by the next message (the directory may have been fixed meanwhile).
      ready ??= fs.mkdir(dir, { recursive: true, mode: 0o700 }).catch((e: unknown) => {
        ready = undefined;
        throw e;
      });
      await ready;
      sequence = (sequence + 1) % 10_000;
      const stamp = new Date().toISOString().replace(/[-:.]/g, '');
      const target = path.join(dir, `${stamp}-${String(sequence).padStart(4, '0')}-${id}${extension}`);
      const tmp = path.join(dir, `.${randomBytes(8).toString('hex')}.tmp`);
      try {
        const handle = await fs.open(tmp, 'wx', 0o600);
        try {
          await handle.writeFile(bytes);
          await handle.sync();
        } finally {
          await handle.close();
        }
        await fs.rename(tmp, target);
      } catch (err) {
        await fs.rm(tmp, { force: true });
        throw err;
      }
      return target;
    },
  };
}
