import { describe, expect, it } from 'vitest';
import { createPdfMetadataScan } from '../../src/modules/documents/domain/pdf-metadata.ts';
import { letterPdf } from '../support/documents.ts';

/** The scan's facts of `bytes` pushed in chunks of `size`. */
function scan(bytes: Buffer, size: number) {
  const s = createPdfMetadataScan();
  for (let i = 0; i < bytes.length; i += size) s.push(bytes.subarray(i, i + size));
  s.finish();
  return s.facts();
}

describe('PDF Info values written as indirect objects', () => {
  it('reads the Producer, Creator and CreationDate PDFKit writes as `/Producer 10 0 R`, in any chunking', async () => {
    const made = new Date('2026-05-04T03:02:01Z');
    const pdf = await letterPdf(['Hello'], { Producer: 'Microsoft Word', CreationDate: made });
    expect(pdf.toString('latin1')).toMatch(/\/Producer \d+ 0 R/);
    for (const size of [pdf.length, 4096, 100, 7, 1]) {
      const facts = scan(pdf, size);
      expect(facts.software, `chunks of ${size}`).toEqual(expect.arrayContaining(['Microsoft Word', 'PDFKit']));
      expect(facts.dates, `chunks of ${size}`).toContain(made.getTime());
    }
  });

  it('resolves a reference whose object comes before or after it, and ignores one to no string', () => {
    const before = Buffer.from(
      '%PDF-1.4\n5 0 obj\n(Adobe Photoshop 25.0)\nendobj\n6 0 obj\n<< /Type /Page >>\nendobj\n' +
        '7 0 obj\n<< /Producer 5 0 R /Creator 6 0 R /ModDate 8 0 R >>\nendobj\n8 0 obj\n(D:20260102030405Z)\nendobj\n' +
        'trailer\n<< /Info 7 0 R >>\n%%EOF\n',
      'latin1',
    );
    for (const size of [before.length, 3]) {
      const facts = scan(before, size);
      expect(facts.software).toEqual(['Adobe Photoshop 25.0']);
      expect(facts.dates).toEqual([Date.UTC(2026, 0, 2, 3, 4, 5)]);
    }
  });
});
