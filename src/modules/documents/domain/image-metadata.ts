/**
 * The software an image names in its metadata, read from the first bytes of the file only (where cameras
 * and editors write it): a JPEG's EXIF `Software` (IFD0 tag 0x0131) and XMP `CreatorTool` in its APP1
 * segments, a PNG's `Software` text chunk. Pure; every offset is checked against the bytes at hand, so a
 * truncated or hostile header yields nothing rather than an error.
 */
export const IMAGE_METADATA_PREFIX = 128 * 1024;
const MAX_TEXT = 200;

export function imageSoftware(mime: string, head: Buffer): string[] {
  try {
    if (mime === 'image/jpeg') return jpegSoftware(head);
    if (mime === 'image/png') return pngSoftware(head);
  } catch {
    // A header that does not parse says nothing.
  }
  return [];
}

const clean = (s: string) =>
  s
    .replace(/[\u0000-\u001f\u007f]/g, ' ')
    .trim()
    .slice(0, MAX_TEXT);

function jpegSoftware(b: Buffer): string[] {
  const found: string[] = [];
  let i = 2;
  // Markers before the image data: FFxx and a 2-byte length that counts itself.
  for (let segments = 0; i + 4 <= b.length && segments < 64; segments++) {
    if (b[i] !== 0xff) break;
    const marker = b[i + 1];
    if (marker === 0xd8 || (marker >= 0xd0 && marker <= 0xd7) || marker === 0x01 || marker === 0xff) {
      i += marker === 0xff ? 1 : 2;
      continue;
    }
    if (marker === 0xda || marker === 0xd9) break; // the image data starts: no metadata after it
    const length = b.readUInt16BE(i + 2);
    if (length < 2) break;
    const body = b.subarray(i + 4, Math.min(b.length, i + 2 + length));
    if (marker === 0xe1) {
      if (body.subarray(0, 6).equals(Buffer.from('Exif\0\0', 'latin1'))) {
        const s = exifSoftware(body.subarray(6));
        if (s) found.push(s);
      } else if (body.subarray(0, 29).toString('latin1') === 'http://ns.adobe.com/xap/1.0/\0') {
        const m = /CreatorTool(?:>([^<]{1,300})<|\s*=\s*"([^"]{1,300})")/.exec(body.subarray(29).toString('utf8'));
        if (m) found.push(clean(m[1] ?? m[2]));
      }
    }
    i += 2 + length;
  }
  return found.filter(Boolean);
}

/** IFD0's Software (ASCII) in a TIFF structure. */
function exifSoftware(t: Buffer): string | null {
  if (t.length < 8) return null;
  const le = t.toString('latin1', 0, 2) === 'II';
  if (!le && t.toString('latin1', 0, 2) !== 'MM') return null;
  const u16 = (o: number) => (le ? t.readUInt16LE(o) : t.readUInt16BE(o));
  const u32 = (o: number) => (le ? t.readUInt32LE(o) : t.readUInt32BE(o));
  if (u16(2) !== 42) return null;
  const ifd = u32(4);
  if (ifd + 2 > t.length) return null;
  const count = Math.min(u16(ifd), 256);
  for (let e = 0; e < count; e++) {
    const at = ifd + 2 + e * 12;
    if (at + 12 > t.length) return null;
    if (u16(at) !== 0x0131 || u16(at + 2) !== 2) continue;
    const n = u32(at + 4);
    const start = n <= 4 ? at + 8 : u32(at + 8);
    if (n === 0 || start + n > t.length) return null;
    return clean(t.toString('latin1', start, start + n));
  }
  return null;
}

/** `tEXt` and uncompressed `iTXt` chunks with the keyword Software, before the image data. */
function pngSoftware(b: Buffer): string[] {
  const found: string[] = [];
  for (let i = 8, chunks = 0; i + 8 <= b.length && chunks < 256; chunks++) {
    const length = b.readUInt32BE(i);
    const type = b.toString('latin1', i + 4, i + 8);
    if (type === 'IDAT' || type === 'IEND') break;
    const data = b.subarray(i + 8, Math.min(b.length, i + 8 + length));
    const nul = data.indexOf(0);
    if (nul > 0 && data.toString('latin1', 0, nul) === 'Software') {
      if (type === 'tEXt') found.push(clean(data.toString('latin1', nul + 1)));
      if (type === 'iTXt' && data[nul + 1] === 0) {
        // compression flag 0, method, language tag\0, translated keyword\0, text
        const lang = data.indexOf(0, nul + 3);
        const translated = lang === -1 ? -1 : data.indexOf(0, lang + 1);
        if (translated !== -1) found.push(clean(data.toString('utf8', translated + 1)));
      }
    }
    i += 12 + length;
  }
  return found.filter(Boolean);
}
