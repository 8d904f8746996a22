import type { Database } from '../db/index.ts';
import type { SecretBox } from './secret-box.ts';

const META_KEY = 'secret_key_check';
const KNOWN_TEXT = 'vouch secret key check';

/**
 * Whether this process's key is the one the stored data is encrypted with. The first start (of any command
 * that opens the store with a key) encrypts a known text under its key into `vouch_meta`; every start then
 * decrypts it. A different key cannot: AES-GCM's tag fails. Without this, a wrong key is found only when
 * personal data is read, by every such request failing.
 */
export async function claimKeyCheck(db: Database, box: SecretBox): Promise<boolean> {
  // Several processes starting at once on PostgreSQL: the first insert wins and every one reads that value,
  // so of two first starts with different keys, the second is refused.
  await db
    .insertInto('vouch_meta')
    .values({ key: META_KEY, value: box.encrypt(KNOWN_TEXT) })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
  return opens(box, await storedCheck(db));
}

/**
 * Throws unless `box` decrypts the key check the store holds now, read afresh: a running process's key
 * cannot change, but the database behind it can (a restore or fail-over to another installation's data).
 */
export async function requireKeyCheck(db: Database, box: SecretBox, keySource: string): Promise<void> {
  const value = await storedCheck(db);
  if (value === undefined) throw new Error('the store holds no key check: it is not the database this process started on');
  if (!opens(box, value)) throw new Error(`${keySource} does not decrypt the key check the store holds now`);
}

async function storedCheck(db: Database): Promise<string | undefined> {
  return (await db.selectFrom('vouch_meta').select('value').where('key', '=', META_KEY).executeTakeFirst())?.value;
}

function opens(box: SecretBox, value: string | undefined): boolean {
  if (value === undefined) return false;
  try {
    return box.decrypt(value) === KNOWN_TEXT;
  } catch {
    return false;
  }
}
