import type { Database } from '../db/index.ts';
import type { SecretBox } from './secret-box.ts';

const META_KEY = 'secret_key_check';
const KNOWN_TEXT = 'vouch secret key check';

/**
 * Whether this process's key is the one the stored data is encrypted with. The first start (of any command
 * that opens the store with a key) encrypts a known text under its key into `vouch_meta`; every start then
 * decrypts it. A different key cannot: AES-GCM's tag fails. A wrong key is otherwise found only when
 * personal data is read, by every such request failing.
 */
export async function checkSecretKey(db: Database, box: SecretBox): Promise<boolean> {
  // Several processes starting at once on PostgreSQL: the first insert wins and every one reads that value.
  await db.insertInto('vouch_meta').values({ key: META_KEY, value: box.encrypt(KNOWN_TEXT) })
    .onConflict((oc) => oc.column('key').doNothing()).execute();
  const { value } = await db.selectFrom('vouch_meta').select('value').where('key', '=', META_KEY).executeTakeFirstOrThrow();
  try {
    return box.decrypt(value) === KNOWN_TEXT;
  } catch {
    return false;
  }
}
