import { asSignedText, dHash, type HashKey, hashKey, scrambleHash } from '../domain/image-hash.ts';
import { createThumbnailer, type Thumbnailer } from '../infra/image-thumbnail.ts';
import type { DocumentsDeps } from './deps.ts';

let shared: Thumbnailer | undefined;

/** The account's secret key for its stored image hashes, from keyed digests (so from SECRET_KEY). */
export function accountHashKey(deps: Pick<DocumentsDeps, 'box'>, accountId: string): HashKey {
  const positions = Array.from({ length: 64 }, (_, i) => deps.box.digest(`document-image-hash:${accountId}:bit:${i}`));
  return hashKey(positions, deps.box.digest(`document-image-hash:${accountId}:mask`));
}

/**
 * The perceptual hash of a JPEG or PNG as stored for its account (keyed, see domain/image-hash.ts), in
 * PostgreSQL's bigint text; null when the image cannot be decoded within the decoder's limits.
 */
export async function keyedImageHash(deps: DocumentsDeps, accountId: string, mime: string, bytes: Buffer): Promise<string | null> {
  shared ??= createThumbnailer();
  const thumbnail = await (deps.thumbnail ?? shared)(mime, bytes);
  return thumbnail ? asSignedText(scrambleHash(dHash(thumbnail), accountHashKey(deps, accountId))) : null;
}
