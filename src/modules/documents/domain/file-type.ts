import { ANY_BYTE, caseless, createMarkerSearch, exactly, oneOf, type Pattern } from './marker-search.ts';
import { createPdfActionScan, type PdfFlag } from './pdf-actions.ts';

/**
 * Checks, while bytes stream in, that a file really is of its declared type: the magic bytes at the
 * start, the end marker of the format, and, anywhere in an image, no second format hidden in it (a
 * polyglot: a PDF, archive, HTML or script inside an image). A PDF is accepted but flagged when it
 * carries actions or JavaScript (see pdf-actions.ts). Pure: fed chunk by chunk, it keeps the first and
 * last KiB and a few bytes across each chunk boundary, never the whole file.
 */
export const ACCEPTED_MIME_TYPES = ['image/jpeg', 'image/png', 'image/gif', 'image/bmp', 'application/pdf'] as const;
export type AcceptedMimeType = (typeof ACCEPTED_MIME_TYPES)[number];
export const isAcceptedMimeType = (v: unknown): v is AcceptedMimeType =>
  typeof v === 'string' && (ACCEPTED_MIME_TYPES as readonly string[]).includes(v);

const WINDOW = 1024;
const bytes = (...b: number[]) => Buffer.from(b);
const MAGIC: Record<AcceptedMimeType, Buffer[]> = {
  'image/jpeg': [bytes(0xff, 0xd8, 0xff)],
  'image/png': [bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)],
  'image/gif': [Buffer.from('GIF87a'), Buffer.from('GIF89a')],
  'image/bmp': [Buffer.from('BM')],
  'application/pdf': [Buffer.from('%PDF-')],
};
const PNG_END = bytes(0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82);
/** How a browser ends a tag name: white space, `/` or `>`. */
const TAG_END = oneOf(' \t\n\f\r/>');
/**
 * Signatures of other formats that must not ride inside an image, searched in its whole stream.
 * Compressed image data is close to random bytes, so a short pattern turns up in it by chance; each
 * pattern is therefore as long as the format allows: tags count only as tags (`<svg` is 4 bytes, and
 * `<svgz` no tag), and a ZIP entry header only with its version field (high byte 0).
 */
const FOREIGN: Pattern[] = [
  caseless('%PDF-'),
  [...exactly('PK\u0003\u0004'), ANY_BYTE, oneOf('\u0000')],
  ...['<script', '<html', '<svg', '<!doctype'].map((tag) => [...caseless(tag), TAG_END]),
  [...caseless('<?php'), oneOf(' \t\n\r')],
];

export class FileTypeMismatch extends Error {}
export type DocumentFlag = PdfFlag;

export function createTypeInspector(mime: AcceptedMimeType, declaredSize: number) {
  let head = Buffer.alloc(0);
  let tail = Buffer.alloc(0);
  let magicChecked = false;
  const longestMagic = Math.max(...MAGIC[mime].map((m) => m.length));
  const foreign = mime === 'application/pdf' ? null : createMarkerSearch(FOREIGN);
  const pdf = mime === 'application/pdf' ? createPdfActionScan() : null;

  const checkMagic = () => {
    if (!MAGIC[mime].some((m) => head.subarray(0, m.length).equals(m))) {
      throw new FileTypeMismatch(`The file's bytes are not ${mime}`);
    }
    magicChecked = true;
  };

  return {
    push(chunk: Buffer) {
      if (head.length < WINDOW) head = Buffer.concat([head, chunk.subarray(0, WINDOW - head.length)]);
      // Keep only the last KiB; never copy a whole large chunk just to keep its end.
      tail = chunk.length >= WINDOW ? Buffer.from(chunk.subarray(chunk.length - WINDOW)) : Buffer.concat([tail, chunk]).subarray(-WINDOW);
      if (!magicChecked && head.length >= longestMagic) checkMagic();
      // Found markers are refused in finish(), once the body has been read, like the other structure problems.
      foreign?.push(chunk);
      pdf?.push(chunk);
    },
    /** Call once the last byte has arrived. */
    finish() {
      if (!magicChecked) checkMagic();
      const ends = structureProblem(mime, head, tail, declaredSize);
      if (ends) throw new FileTypeMismatch(ends);
      if (foreign?.found) throw new FileTypeMismatch('The file carries a second format inside it and is refused');
      pdf?.finish();
    },
    /** What the reviewer should know about an accepted file; complete once finish() has passed. */
    get flags(): DocumentFlag[] {
      return pdf?.flags() ?? [];
    },
  };
}

function structureProblem(mime: AcceptedMimeType, head: Buffer, tail: Buffer, size: number): string | null {
  switch (mime) {
    case 'image/jpeg':
      return tail.subarray(-2).equals(bytes(0xff, 0xd9)) ? null : 'The JPEG does not end where its data ends';
    case 'image/png':
      return tail.subarray(-PNG_END.length).equals(PNG_END) ? null : 'The PNG does not end with its IEND chunk';
    case 'image/gif':
      return tail[tail.length - 1] === 0x3b ? null : 'The GIF does not end with its trailer';
    case 'image/bmp':
      return head.length >= 6 && head.readUInt32LE(2) === size ? null : 'The BMP header does not match the file size';
    case 'application/pdf':
      return tail.includes(Buffer.from('%%EOF')) ? null : 'The PDF has no end-of-file marker';
  }
}
