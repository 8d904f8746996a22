import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createTypeInspector, FileTypeMismatch } from '../../src/modules/documents/domain/file-type.ts';
import { makePdf } from '../support/fixtures.ts';

type ImageMime = 'image/jpeg' | 'image/png' | 'image/gif' | 'image/bmp';

/** The smallest bytes each format's start and end checks accept, around `body`. */
function frame(mime: ImageMime, body: Buffer): Buffer {
  switch (mime) {
    case 'image/jpeg':
      return Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), body, Buffer.from([0xff, 0xd9])]);
    case 'image/png':
      return Buffer.concat([
        Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
        body,
        Buffer.from([0, 0, 0, 0, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82]),
      ]);
    case 'image/gif':
      return Buffer.concat([Buffer.from('GIF89a'), body, Buffer.from([0x3b])]);
    case 'image/bmp': {
      const header = Buffer.alloc(54);
      header.write('BM', 0, 'latin1');
      header.writeUInt32LE(54 + body.length, 2);
      return Buffer.concat([header, body]);
    }
  }
}

/** Bytes that look like compressed image data, the same on every run (xorshift32). */
function noise(length: number, seed = 0x9e3779b9): Buffer {
  const out = Buffer.alloc(length);
  let x = seed >>> 0;
  for (let i = 0; i < length; i += 4) {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    out.writeUInt32LE(x, i);
  }
  return out;
}

/** Feeds `file` in chunks of the given sizes (the last size repeats), then finishes. */
function inspect(mime: Parameters<typeof createTypeInspector>[0], file: Buffer, sizes: number[] = [65_536]) {
  const inspector = createTypeInspector(mime, file.length);
  for (let at = 0, i = 0; at < file.length; i++) {
    const size = sizes[Math.min(i, sizes.length - 1)];
    inspector.push(file.subarray(at, at + size));
    at += size;
  }
  inspector.finish();
  return inspector.flags;
}

const refused = (mime: Parameters<typeof createTypeInspector>[0], file: Buffer, sizes?: number[]) =>
  expect(() => inspect(mime, file, sizes)).toThrow(FileTypeMismatch);

const withMarkerInMiddle = (mime: ImageMime, marker: string) =>
  frame(mime, Buffer.concat([noise(100_000), Buffer.from(marker, 'latin1'), noise(100_000, 7)]));

describe('images: a second format anywhere in the file', () => {
  const IMAGES: ImageMime[] = ['image/jpeg', 'image/png', 'image/gif', 'image/bmp'];
  const MARKERS = [
    '<script>alert(1)</script>',
    '<HTML lang="en">',
    '<?php echo 1;',
    '<svg/onload=alert(1)>',
    '<!DocType html>',
    '%PDF-1.7',
    'PK\u0003\u0004\u0014\u0000',
  ];

  it('refuses a marker in the middle of each image type, in any case', () => {
    for (const mime of IMAGES) {
      for (const marker of MARKERS) refused(mime, withMarkerInMiddle(mime, marker));
      refused(mime, withMarkerInMiddle(mime, '<ScRiPt src=x>'));
    }
  });

  it('refuses a marker split across two chunks at every point, and fed one byte at a time', () => {
    const marker = '<SCRIPT>';
    const file = withMarkerInMiddle('image/png', marker);
    const start = file.indexOf(marker);
    for (let cut = start + 1; cut < start + marker.length + 1; cut++) refused('image/png', file, [cut, file.length]);
    refused('image/png', file.subarray(0), [start - 3, 1, 1, 1, 1, 1, 1, 1, 1, 1, 65_536]);
    refused('image/png', frame('image/png', Buffer.concat([noise(5000), Buffer.from('<?php '), noise(5000)])), [1]);
  });

  it('accepts a clean large image fed in chunks of any size', () => {
    const file = frame('image/png', noise(8 * 1024 * 1024));
    expect(inspect('image/png', file)).toEqual([]);
    expect(inspect('image/png', file, [1000, 3, 65_537])).toEqual([]);
  });

  it('counts an HTML or PHP marker only as a tag, as a browser or PHP reads it', () => {
    expect(inspect('image/png', withMarkerInMiddle('image/png', '<svgz'))).toEqual([]);
    expect(inspect('image/png', withMarkerInMiddle('image/png', '<scripts'))).toEqual([]);
    refused('image/png', withMarkerInMiddle('image/png', '<svg\n'));
  });

  it('gives the same verdict however the bytes are cut into chunks', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('', '<script>', '<Html ', '%pdf-', '<svg>', 'PK\u0003\u0004\n\u0000', '<?PHP\n'),
        fc.nat(6000),
        fc.array(fc.integer({ min: 1, max: 2000 }), { minLength: 1, maxLength: 20 }),
        (marker, at, sizes) => {
          const body = noise(6000, 3);
          const file = frame('image/gif', Buffer.concat([body.subarray(0, at), Buffer.from(marker, 'latin1'), body.subarray(at)]));
          const verdict = (s: number[]) => {
            try {
              inspect('image/gif', file, s);
              return 'accepted';
            } catch {
              return 'refused';
            }
          };
          expect(verdict(sizes)).toBe(marker ? 'refused' : 'accepted');
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('PDFs: actions and scripts are flagged for the reviewer, not refused', () => {
  const openAction = makePdf('Letter', {
    catalog: '/OpenAction 6 0 R',
    objects: ['<< /S /JavaScript /JS (app.alert\\(1\\)) >>'],
  });

  it('accepts a plain PDF without flags', () => {
    expect(inspect('application/pdf', makePdf())).toEqual([]);
  });

  it('flags /OpenAction, /AA and /JavaScript or /JS anywhere in the file', () => {
    expect(inspect('application/pdf', openAction)).toEqual(['PDF_OPEN_ACTION', 'PDF_JAVASCRIPT']);
    expect(inspect('application/pdf', makePdf('x', { objects: ['<< /AA << /O 7 0 R >> >>'] }))).toEqual(['PDF_ADDITIONAL_ACTIONS']);
    expect(inspect('application/pdf', makePdf('x', { objects: ['<</S/JS>>'] }))).toEqual(['PDF_JAVASCRIPT']);
  });

  it('finds the names split across chunks and written with #xx escapes', () => {
    const at = openAction.indexOf('/OpenAction');
    for (let cut = at; cut <= at + '/OpenAction'.length; cut++) {
      expect(inspect('application/pdf', openAction, [cut, openAction.length])).toEqual(['PDF_OPEN_ACTION', 'PDF_JAVASCRIPT']);
    }
    expect(inspect('application/pdf', openAction, [1])).toEqual(['PDF_OPEN_ACTION', 'PDF_JAVASCRIPT']);
    expect(inspect('application/pdf', makePdf('x', { objects: ['<< /S /J#61va#53cript >>'] }))).toEqual(['PDF_JAVASCRIPT']);
  });

  it('does not flag other names that merely start the same way', () => {
    expect(inspect('application/pdf', makePdf('x', { catalog: '/AAPL:Keywords [(a)] /JSON 1 /OpenActions 2' }))).toEqual([]);
  });

  it('still refuses what is not a PDF', () => {
    refused('application/pdf', Buffer.from('%PDF-1.4\n/OpenAction\n'));
  });
});
