import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { parseSecretKey } from './secret-box.ts';

/** The PII key and where it came from (start-up messages name the source, never the key). */
export interface LoadedSecretKey {
  key: Buffer;
  /** The key file it was read from; undefined when it came from SECRET_KEY. */
  file?: string;
  /** Whether this call made the key file (there was none). */
  created: boolean;
}

/**
 * The PII key: SECRET_KEY when set; otherwise `DATA_DIR/secret.key`, generated on first start with
 * 0600 permissions. Losing this file means losing the encrypted data, which the docs say plainly.
 */
export function loadSecretKey(secretKey: string | undefined, dataDir: string): LoadedSecretKey {
  if (secretKey) return { key: parseSecretKey(secretKey), created: false };
  const file = path.join(dataDir, 'secret.key');
  fs.mkdirSync(dataDir, { recursive: true });
  const created = createKeyFile(file, `${randomBytes(32).toString('hex')}\n`);
  return { key: parseSecretKey(fs.readFileSync(file, 'utf8')), file, created };
}

/** Removes a key file this start made, once the store showed it is not the installation's key (it encrypted nothing). */
export function removeCreatedKeyFile(loaded: LoadedSecretKey): void {
  if (loaded.created && loaded.file) fs.rmSync(loaded.file, { force: true });
}

/**
 * Creates `file` holding `text`, complete and on the disk, or leaves it as it was (false when it exists).
 * The key is written to a file of this process, flushed, and linked into place: processes sharing a data
 * directory that start at once never read a half-written key, a full disk leaves no empty key file that
 * would fail every later start, and a power loss cannot lose a key the store already has data under.
 */
function createKeyFile(file: string, text: string): boolean {
  const staged = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
  try {
    const fd = fs.openSync(staged, 'wx', 0o600);
    try {
      fs.writeFileSync(fd, text);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.linkSync(staged, file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw e;
  } finally {
    fs.rmSync(staged, { force: true });
  }
  syncDirectory(path.dirname(file));
  return true;
}

function syncDirectory(dir: string) {
  const fd = fs.openSync(dir, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}
