import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { parseSecretKey } from './secret-box.ts';

/**
 * The PII key: SECRET_KEY when set; otherwise `DATA_DIR/secret.key`, generated on first start with
 * 0600 permissions. Losing this file means losing the encrypted data, which the docs say plainly.
 */
export function loadSecretKey(secretKey: string | undefined, dataDir: string): Buffer {
  if (secretKey) return parseSecretKey(secretKey);
  const file = path.join(dataDir, 'secret.key');
  fs.mkdirSync(dataDir, { recursive: true });
  try {
    fs.writeFileSync(file, randomBytes(32).toString('hex') + '\n', { flag: 'wx', mode: 0o600 });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') {
      // Created but not written (a full disk): an empty key file would fail every later start.
      fs.rmSync(file, { force: true });
      throw e;
    }
  }
  return parseSecretKey(fs.readFileSync(file, 'utf8'));
}
