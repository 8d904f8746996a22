/**
 * Width and height of a JPEG or PNG from its first bytes. A phone's JPEG puts EXIF (often tens of KiB)
 * before the frame header, so the caller hands in the first `IMAGE_HEAD_BYTES` of the file.
 */
export const IMAGE_HEAD_BYTES = 256 * 1024;
export type ImageMime = 'image/jpeg' | 'image/png';
export const CAPTURE_MIME_TYPES: readonly ImageMime[] = ['image/jpeg', 'image/png'];

export function imageSize(mime: ImageMime, head: Buffer): { width: number; height: number } | null {
  if (mime === 'image/png') {
    if (head.length < 24 || head.toString('latin1', 12, 16) !== 'IHDR') return null;
    return { width: head.readUInt32BE(16), height: head.readUInt32BE(20) };
  }
  // JPEG: walk the markers up to a start-of-frame (SOF0..SOF15 except DHT, JPG and DAC).
  let i = 2;
  while (i + 9 < head.length) {
    if (head[i] !== 0xff) return null;
    const marker = head[i + 1];
    if (marker === 0xff) {
      i++;
      continue;
    }
    if (marker === 0xd8 || (marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
      i += 2;
      continue;
    }
    const length = head.readUInt16BE(i + 2);
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return { height: head.readUInt16BE(i + 5), width: head.readUInt16BE(i + 7) };
    }
    if (marker === 0xda || marker === 0xd9) return null;
    i += 2 + length;
  }
  return null;
}

/** What "a sensible size" means for a photo of an ID or a face: readable, and not absurd. */
export const SENSIBLE = { minShortSide: 480, minLongSide: 640, maxSide: 12_000, minBytes: 10 * 1024, maxBytes: 15 * 1024 * 1024 } as const;

/** Why an image is not of sensible size, or null when it is. */
export function sizeProblem(img: { width: number; height: number; fileSize: number }): string | null {
  const short = Math.min(img.width, img.height);
  const long = Math.max(img.width, img.height);
  if (short < SENSIBLE.minShortSide || long < SENSIBLE.minLongSide) {
    return `The image is ${img.width}x${img.height} pixels; at least ${SENSIBLE.minLongSide}x${SENSIBLE.minShortSide} is needed to read it`;
  }
  if (long > SENSIBLE.maxSide) return `The image is ${img.width}x${img.height} pixels; at most ${SENSIBLE.maxSide} on a side is accepted`;
  if (img.fileSize < SENSIBLE.minBytes) return `The image is only ${img.fileSize} bytes; a photo this small carries too little detail`;
  return null;
}
