/**
 * A perceptual hash of an image (dHash): the picture reduced to 9x8 grey cells, one bit per pair of
 * neighbouring cells in a row (is the left one brighter?). Re-encoding, resizing or light retouching
 * change few of the 64 bits; another picture changes about half. Pure.
 */
export const THUMB_WIDTH = 9;
export const THUMB_HEIGHT = 8;

/**
 * Two hashes at most this many bits apart are the same picture. Chosen from the test images
 * (test/unit/document-signals-hash.test.ts, card-like pictures made by code): a JPEG re-encoded at lower
 * quality, a copy resized to 90% or 50% and re-encoded, and a PNG of the same pixels stayed within 2 bits;
 * other pictures of the same kind (other layout, tint, shading and text lines) lay 21 bits apart or more.
 * 10 leaves room on both sides, for photographs that differ more than these.
 */
export const NEAR_DUPLICATE_MAX_DISTANCE = 10;

/** The hash of a 9x8 grey thumbnail (row by row, 0..255). */
export function dHash(gray: ArrayLike<number>): bigint {
  if (gray.length !== THUMB_WIDTH * THUMB_HEIGHT) throw new Error('a dHash needs a 9x8 thumbnail');
  let h = 0n;
  for (let y = 0; y < THUMB_HEIGHT; y++) {
    for (let x = 0; x < THUMB_WIDTH - 1; x++) {
      h = (h << 1n) | (gray[y * THUMB_WIDTH + x] > gray[y * THUMB_WIDTH + x + 1] ? 1n : 0n);
    }
  }
  return h;
}

export function hammingDistance(a: bigint, b: bigint): number {
  let x = BigInt.asUintN(64, a ^ b);
  let n = 0;
  while (x) {
    x &= x - 1n;
    n++;
  }
  return n;
}

/**
 * A hash as stored: its bits moved to other places and flipped, both by an account's secret key (from a
 * keyed digest). Distances between two hashes of the same account are kept; the stored value says nothing
 * of the picture without the key, and the same picture gives unrelated values in two accounts.
 */
export interface HashKey {
  mask: bigint;
  /** order[i]: where bit i goes. */
  order: number[];
}

/** A key from 64 + 1 keyed digests (hex): one per bit position to sort by, and one for the mask. */
export function hashKey(positionDigests: string[], maskDigest: string): HashKey {
  if (positionDigests.length !== 64) throw new Error('64 position digests are needed');
  const byDigest = positionDigests.map((d, i) => ({ d, i })).sort((a, b) => (a.d < b.d ? -1 : a.d > b.d ? 1 : a.i - b.i));
  const order = new Array<number>(64);
  byDigest.forEach(({ i }, place) => {
    order[i] = place;
  });
  return { mask: BigInt.asUintN(64, BigInt(`0x${maskDigest.slice(0, 16)}`)), order };
}

export function scrambleHash(hash: bigint, key: HashKey): bigint {
  let out = 0n;
  for (let i = 0; i < 64; i++) if ((hash >> BigInt(i)) & 1n) out |= 1n << BigInt(key.order[i]);
  return BigInt.asUintN(64, out ^ key.mask);
}

/** As PostgreSQL's bigint (signed) takes it, in decimal text. */
export const asSignedText = (hash: bigint) => BigInt.asIntN(64, hash).toString();
