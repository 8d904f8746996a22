import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { imageSoftware } from '../../src/modules/documents/domain/image-metadata.ts';
import { createMakingInspector, judgeMaking, plausibleScanPage } from '../../src/modules/documents/domain/making-signals.ts';
import { createPdfMetadataScan, parsePdfDate, pdfString } from '../../src/modules/documents/domain/pdf-metadata.ts';
import { editingSoftware } from '../../src/modules/documents/domain/software-names.ts';
import { makePdf } from '../support/fixtures.ts';
import { asJpeg, asPng, card, pdfDate, pdfWith, withExifSoftware } from '../fixtures/documents/pictures.ts';

/** Feeds `file` in chunks of `size` bytes and returns the facts. */
function facts(mime: string, file: Buffer, size = 65_536) {
  const inspector = createMakingInspector(mime);
  for (let at = 0; at < file.length; at += size) inspector.push(file.subarray(at, at + size));
  return inspector.finish();
}

const UPLOAD = new Date('2026-12-07T16:00:00Z');

describe('PDF metadata', () => {
  it('reads Producer, Creator, dates and page sizes, in any chunking', () => {
    const file = pdfWith(
      {
        Producer: '(Skia/PDF m120)',
        Creator: '<FEFF00470049004D0050>',
        CreationDate: "(D:20261207155500+00'00')",
        ModDate: "(D:20261207165800+01'00')",
      },
      [612, 792],
    );
    const expected = {
      software: ['Skia/PDF m120', 'GIMP'],
      dates: [Date.parse('2026-12-07T15:55:00Z'), Date.parse('2026-12-07T15:58:00Z')],
      pageSizes: [{ width: 612, height: 792 }],
    };
    for (const size of [1, 7, 100, 65_536]) {
      const f = facts('application/pdf', file, size);
      expect(f).toEqual(expected);
    }
  });

  it('reads a long value whatever the chunk boundary near its name', () => {
    const file = pdfWith({ Producer: `(${'x'.repeat(502)} GIMP)` });
    const at = file.indexOf('/Producer');
    for (let cut = at - 20; cut <= at + 600; cut++) {
      const scan = createPdfMetadataScan();
      scan.push(file.subarray(0, cut));
      scan.push(file.subarray(cut));
      scan.finish();
      expect(editingSoftware(scan.facts().software.join(' '))).toBe('GIMP');
    }
  });

  it('decodes literal strings with escapes and hexadecimal UTF-16 strings', () => {
    expect(pdfString(Buffer.from(' (Adobe \\(R\\) Photoshop\\0400) >>'))).toBe('Adobe (R) Photoshop 0');
    expect(pdfString(Buffer.from('<FEFF00470049004D0050>'))).toBe('GIMP');
    expect(pdfString(Buffer.from('12 0 R'))).toBeNull();
    expect(pdfString(Buffer.from('(never closed'))).toBeNull();
  });

  it('reads PDF dates with offsets, without them as UTC, and refuses nonsense', () => {
    expect(parsePdfDate("D:20261207155500-05'30'")).toBe(Date.parse('2026-12-07T21:25:00Z'));
    expect(parsePdfDate('D:20261207155500')).toBe(Date.parse('2026-12-07T15:55:00Z'));
    expect(parsePdfDate('D:2026')).toBe(Date.parse('2026-01-01T00:00:00Z'));
    expect(parsePdfDate('D:20261399')).toBeNull();
    expect(parsePdfDate('yesterday')).toBeNull();
  });

  it('reads XMP CreatorTool and dates, and a name only when it ends (/CreatorX is not /Creator)', () => {
    const xmp = '<x:xmpmeta><xmp:CreatorTool>Canva</xmp:CreatorTool><xmp:CreateDate>2026-12-07T15:50:00Z</xmp:CreateDate></x:xmpmeta>';
    const f = facts(
      'application/pdf',
      makePdf('x', { objects: [`<< /Type /Metadata /Length ${xmp.length} >>\nstream\n${xmp}\nendstream`, '<< /CreatorX (GIMP) >>'] }),
    );
    expect(f.software).toEqual(['Canva']);
    expect(f.dates).toEqual([Date.parse('2026-12-07T15:50:00Z')]);
  });
});

describe('judging how a document was made', () => {
  it('names editors and generators from the list, not scanners, cameras or office suites', () => {
    for (const [text, name] of [
      ['Adobe Photoshop 25.1 (Windows)', 'Adobe Photoshop'],
      ['GIMP 2.10.36', 'GIMP'],
      ['Canva', 'Canva'],
      ['wkhtmltopdf 0.12.6', 'wkhtmltopdf'],
      ['Qt 5.15.2', 'wkhtmltopdf'],
      ['ReportLab PDF Library - www.reportlab.com', 'ReportLab'],
      ['Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/120.0 Safari/537.36', 'Chrome (Skia)'],
      ['Microsoft: Print To PDF', 'Microsoft Print to PDF'],
    ])
      expect(editingSoftware(text)).toBe(name);
    for (const text of [
      'Epson Scan 2',
      'cairo 1.16.0 (https://cairographics.org)',
      'Microsoft® Word for Microsoft 365',
      'iOS 17.1',
      'Adobe PDF Library 15.0',
      'Canvas Scanner',
    ])
      expect(editingSoftware(text)).toBeNull();
  });

  it('flags a date within 30 minutes before the upload (or 5 after), and a page no scanner makes', () => {
    const at = (m: number) => UPLOAD.getTime() + m * 60_000;
    expect(judgeMaking({ software: [], dates: [at(-29)], pageSizes: [] }, UPLOAD)).toEqual({
      flags: ['MADE_JUST_BEFORE_UPLOAD'],
      details: { minutesBeforeUpload: 29 },
    });
    expect(judgeMaking({ software: [], dates: [at(4)], pageSizes: [] }, UPLOAD).flags).toEqual(['MADE_JUST_BEFORE_UPLOAD']);
    expect(judgeMaking({ software: [], dates: [at(-31), at(6)], pageSizes: [] }, UPLOAD).flags).toEqual([]);
    for (const ok of [
      [612, 792],
      [595, 842],
      [842, 1191],
      [243, 153],
      [300, 144],
      [612, 1008],
    ])
      expect(plausibleScanPage({ width: ok[0], height: ok[1] })).toBe(true);
    for (const odd of [
      [1080, 1920],
      [100, 60],
      [200, 900],
      [0, 0],
      [3000, 3000],
    ])
      expect(plausibleScanPage({ width: odd[0], height: odd[1] })).toBe(false);
  });

  it('makes every flag of a PDF from a generator, dated just before, of a screen-sized page', () => {
    const file = pdfWith(
      { Producer: '(ReportLab PDF Library)', CreationDate: pdfDate(new Date(UPLOAD.getTime() - 120_000)) },
      [1080, 1920],
    );
    expect(judgeMaking(facts('application/pdf', file), UPLOAD)).toEqual({
      flags: ['EDITED_WITH_SOFTWARE', 'MADE_JUST_BEFORE_UPLOAD', 'IMPLAUSIBLE_PAGE_SIZE'],
      details: { editedWith: ['ReportLab'], minutesBeforeUpload: 2, implausiblePageSizes: [{ width: 1080, height: 1920 }] },
    });
    expect(judgeMaking(facts('application/pdf', makePdf()), UPLOAD)).toEqual({ flags: [], details: {} });
  });
});

describe('image metadata', () => {
  it("reads a JPEG's EXIF Software and a PNG's Software text chunk", () => {
    expect(imageSoftware('image/jpeg', withExifSoftware(asJpeg(card(1, 32, 32)), 'GIMP 2.10'))).toEqual(['GIMP 2.10']);
    expect(imageSoftware('image/jpeg', asJpeg(card(1, 32, 32)))).toEqual([]);
    const png = asPng(card(1, 8, 8));
    const text = Buffer.from('Software\0Paint.NET 5.0', 'latin1');
    const chunk = Buffer.alloc(12 + text.length);
    chunk.writeUInt32BE(text.length, 0);
    chunk.write('tEXt', 4, 'latin1');
    text.copy(chunk, 8);
    const withText = Buffer.concat([png.subarray(0, 33), chunk, png.subarray(33)]);
    expect(judgeMaking(facts('image/png', withText), UPLOAD).details).toEqual({ editedWith: ['Paint.NET'] });
  });
});

describe('hostile files', () => {
  it('never throws on random bytes, cut anywhere, and keeps bounded facts', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('application/pdf', 'image/jpeg', 'image/png'),
        fc.uint8Array({ maxLength: 4000 }),
        fc.integer({ min: 1, max: 600 }),
        (mime, bytes, size) => {
          const prefix =
            mime === 'application/pdf'
              ? '%PDF-1.7 /Producer ('
              : mime === 'image/jpeg'
                ? '\xff\xd8\xff\xe1\x00\x40Exif\0\0MM\0\x2a'
                : '\x89PNG\r\n\x1a\n';
          const f = facts(mime, Buffer.concat([Buffer.from(prefix, 'latin1'), bytes]), size);
          const judged = judgeMaking(f, UPLOAD);
          expect(f.software.length + f.dates.length).toBeLessThanOrEqual(32);
          expect(judged.flags.every((x) => typeof x === 'string')).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('mutated real files never throw', () => {
    const pdf = pdfWith({ Producer: '(GIMP)', CreationDate: pdfDate(UPLOAD) }, [612, 792]);
    const jpg = withExifSoftware(asJpeg(card(2, 16, 16)), 'Photoshop');
    fc.assert(
      fc.property(fc.boolean(), fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 20 }), (isPdf, edits) => {
        const file = Buffer.from(isPdf ? pdf : jpg);
        for (const [at, v] of edits) file[at % file.length] = v;
        judgeMaking(facts(isPdf ? 'application/pdf' : 'image/jpeg', file, 13), UPLOAD);
      }),
      { numRuns: 300 },
    );
  });

  it('reads a bounded number of names and keeps a bounded number of values from a file made of nothing else', () => {
    const names = Array.from(
      { length: 20_000 },
      (_, i) => `/Producer (GIMP ${i}) /MediaBox [0 0 ${i} ${i}] /CreationDate (D:2026${String((i % 12) + 1).padStart(2, '0')}01)`,
    ).join('\n');
    const scan = createPdfMetadataScan();
    const file = Buffer.from(`%PDF-1.7\n${names}\n%%EOF`);
    for (let at = 0; at < file.length; at += 65_536) scan.push(file.subarray(at, at + 65_536));
    scan.finish();
    const f = scan.facts();
    expect(f.software.length).toBeLessThanOrEqual(16);
    expect(f.dates.length).toBeLessThanOrEqual(16);
    expect(f.pageSizes.length).toBeLessThanOrEqual(64);
  });
});
