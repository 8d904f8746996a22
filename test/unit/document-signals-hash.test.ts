import { describe, expect, it } from 'vitest';
import {
  dHash,
  hammingDistance,
  hashKey,
  NEAR_DUPLICATE_MAX_DISTANCE,
  scrambleHash,
} from '../../src/modules/documents/domain/image-hash.ts';
import { createThumbnailer, DEFAULT_THUMBNAIL_LIMITS } from '../../src/modules/documents/infra/image-thumbnail.ts';
import { asJpeg, asPng, card, resize } from '../fixtures/documents/pictures.ts';

const thumbnail = createThumbnailer();
const hashOf = async (mime: string, bytes: Buffer) => {
  const t = await thumbnail(mime, bytes);
  if (!t) throw new Error('not decoded');
  return dHash(t);
};

describe('perceptual hash threshold', () => {
  it('keeps re-encoded and resized copies within the threshold and other pictures far outside it', async () => {
    const same: number[] = [];
    const other: number[] = [];
    for (const seed of [1, 2]) {
      const p = card(seed);
      const base = await hashOf('image/jpeg', asJpeg(p, 90));
      same.push(hammingDistance(base, await hashOf('image/jpeg', asJpeg(p, 40))));
      same.push(hammingDistance(base, await hashOf('image/jpeg', asJpeg(resize(p, 288, 180), 75))));
      same.push(hammingDistance(base, await hashOf('image/jpeg', asJpeg(resize(p, 160, 100), 70))));
      same.push(hammingDistance(base, await hashOf('image/png', asPng(p))));
      for (const otherSeed of [11, 12, 13]) other.push(hammingDistance(base, await hashOf('image/jpeg', asJpeg(card(otherSeed), 90))));
    }
    expect(Math.max(...same)).toBeLessThanOrEqual(4);
    expect(Math.min(...other)).toBeGreaterThan(NEAR_DUPLICATE_MAX_DISTANCE + 4);
  });

  it('keeps distances under a key, and the same picture reads differently under two keys', () => {
    const digests = (k: string) =>
      Array.from({ length: 64 }, (_, i) => `${k}${i}`.padStart(8, '0').replace(/./g, (c) => c.charCodeAt(0).toString(16)));
    const k1 = hashKey(digests('a'), 'f00dbabe12345678');
    const k2 = hashKey(digests('b'), '0123456789abcdef');
    const a = 0x0123456789abcdefn;
    const b = a ^ 0b1011n;
    expect(hammingDistance(scrambleHash(a, k1), scrambleHash(b, k1))).toBe(3);
    expect(scrambleHash(a, k1)).not.toBe(scrambleHash(a, k2));
    expect(new Set(k1.order).size).toBe(64);
  });
});

describe('decoding hostile images', () => {
  it('gives no thumbnail, without throwing, for a header of huge dimensions, a broken file or random bytes', async () => {
    const png = asPng(card(5, 16, 16));
    const huge = Buffer.from(png);
    huge.writeUInt32BE(100_000, 16);
    huge.writeUInt32BE(100_000, 20);
    expect(await thumbnail('image/png', huge)).toBeNull();
    const jpg = asJpeg(card(5, 64, 64));
    const bigJpeg = Buffer.from(jpg);
    const sof = bigJpeg.indexOf(Buffer.from([0xff, 0xc0]));
    bigJpeg.writeUInt16BE(60_000, sof + 5);
    bigJpeg.writeUInt16BE(60_000, sof + 7);
    expect(await thumbnail('image/jpeg', bigJpeg)).toBeNull();
    expect(await thumbnail('image/jpeg', jpg.subarray(0, 200))).toBeNull();
    expect(await thumbnail('image/png', Buffer.from('\x89PNG\r\n\x1a\n garbage', 'latin1'))).toBeNull();
    // The same decoder goes on with the next image.
    expect(await thumbnail('image/png', png)).toHaveLength(72);
  });

  it('stops a decoding at its deadline', async () => {
    const slow = createThumbnailer({ ...DEFAULT_THUMBNAIL_LIMITS, timeoutMs: 1 });
    const big = asJpeg(card(6, 800, 600));
    expect(await Promise.all([slow('image/jpeg', big), slow('image/jpeg', big)])).toEqual([null, null]);
  });
});
