import type PDFKit from 'pdfkit';
import type { ReportContent } from './build-report.ts';

export interface PdfInput {
  org: string;
  fileName: string;
  reportNumber: string;
  reportDate: string;
  reviewStatusDate: string;
  expiryDate: string;
  identityAnalysisResult: string;
  fraudAnalysisResult: string;
  content: ReportContent;
  /** Photos still held (none once the report has expired). */
  images: { kind: string; bytes: Buffer }[];
  now: Date;
}

const LABELS: Record<string, string> = {
  documentFront: 'Document front photo',
  documentBack: 'Document back photo',
  selfie: 'Selfie photo',
  identityConfirmed: 'Name and date of birth confirmed',
  mrzCheckDigits: 'Machine-readable zone check digits',
  mrzMatchesProfile: 'Machine-readable zone agrees with profile',
  documentNotExpired: 'Document not expired',
  addressComplete: 'Address complete',
  mrzFromImage: 'Machine-readable zone read from the photo',
  barcodeFromImage: 'Licence barcode (PDF417) read from the photo',
  documentText: "Document's text matches the person",
};
const DOC_TYPES: Record<string, string> = {
  passport: 'Passport',
  driverLicence: "Driver's licence",
  idCard: 'Identity card',
  prCard: 'Permanent resident card',
};

/**
 * The report as a PDF (pdfkit, with embedded Unicode fonts so that names in any script come out as
 * entered): summary, checks, the client as entered and as read, the photos.
 */
export async function renderReportPdf(input: PdfInput): Promise<Buffer> {
  // Loaded on first use: pdfkit and its font data add about 30 MB to a process that may never render a report;
  // each font file is read only when a text first needs it (docs/decisions/report-fonts.md).
  const [{ default: PDFDocument }, { unicodeWriter }] = await Promise.all([
    import('pdfkit') as Promise<{ default: typeof PDFKit }>,
    import('../../../platform/pdf/unicode-text.ts'),
  ]);
  const doc = new PDFDocument({
    size: 'A4',
    margin: 48,
    info: { Title: `Identity verification report ${input.reportNumber}`, Author: input.org, CreationDate: input.now },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const c = input.content;
  const width = doc.page.width - 96;
  // Every text goes through `text`: the organization's and the client's words may be in any script.
  const text = unicodeWriter(doc);

  doc.fontSize(9).fillColor('#444');
  text(`Report ${input.reportNumber}`, { width, align: 'right' }, { x: 48, y: 40 });
  text(`Report date ${input.reportDate}`, { width, align: 'right' });
  doc.moveDown(0.5).fillColor('#000').fontSize(18);
  text('Identity verification report', {}, { x: 48, y: doc.y });
  doc.fontSize(10).fillColor('#333');
  text(`${input.org} - ${input.fileName}`);
  text(`Completed by the client ${input.reviewStatusDate}; available until ${input.expiryDate}`);
  if (c.recommendation) {
    doc.fillColor('#a00');
    text(
      `SAMPLE REPORT (test mode): recommendation ${c.recommendation.value}${c.recommendation.reason ? ` - ${c.recommendation.reason}` : ''}`,
    );
  }
  doc.moveDown();

  const heading = (t: string) => {
    doc.moveDown(0.6).fillColor('#000').fontSize(13);
    text(t);
    doc.moveDown(0.2).fontSize(10);
  };
  const row = (k: string, v: string | null | undefined) => {
    doc.fillColor('#555');
    text(`${k}: `, { continued: true });
    doc.fillColor('#000');
    text(v || '-');
  };

  heading('Summary');
  row('Identity analysis', input.identityAnalysisResult);
  row('Fraud analysis', input.fraudAnalysisResult);

  heading('Checks');
  for (const ch of c.checks) {
    const mark = ch.result === 'pass' ? 'PASS' : ch.result === 'fail' ? (ch.highRisk ? 'FAIL (high risk)' : 'FAIL') : 'NOT RUN';
    doc.fillColor(ch.result === 'fail' ? '#a00' : '#000');
    text(`${mark}  ${LABELS[ch.name] ?? ch.name}`);
    doc.fillColor('#555').fontSize(9);
    text(ch.reason, { indent: 16 });
    doc.fontSize(10);
  }

  heading('Client information as entered');
  const e = c.entered;
  row('Name', [e.identity.firstName, e.identity.middleName, e.identity.lastName].filter(Boolean).join(' '));
  row('Date of birth', e.identity.dateOfBirth);
  row(
    'Document',
    `${DOC_TYPES[e.document.type] ?? e.document.type} ${e.document.number}, ${e.document.issuingCountry}, expires ${e.document.expiryDate}`,
  );
  row(
    'Current address',
    [e.address.address, e.address.city, e.address.province, e.address.postalCode, e.address.country].filter(Boolean).join(', '),
  );

  heading('As read from the document');
  if (c.fromDocument) {
    const m = c.fromDocument;
    row('Zone format', m.format);
    row('Name', [m.firstName, m.lastName].filter(Boolean).join(' '));
    row('Date of birth', m.dateOfBirth);
    row('Document number', m.documentNumber);
    row('Expiry date', m.expiryDate);
    row('Nationality', m.nationality);
  } else {
    doc.fillColor('#000');
    text('No machine-readable zone was read.');
  }

  heading('Organization record');
  row('Name', [c.profile.firstName, c.profile.middleName, c.profile.lastName].filter(Boolean).join(' '));
  row('Date of birth', c.profile.dateOfBirth);

  if (input.images.length) {
    doc.addPage();
    doc.fontSize(13).fillColor('#000');
    text('Photos');
    let y = doc.y + 8;
    for (const img of input.images) {
      doc.fontSize(10);
      text(img.kind === 'front' ? 'Document front' : img.kind === 'back' ? 'Document back' : 'Selfie', {}, { x: 48, y });
      try {
        doc.image(img.bytes, 48, y + 14, { fit: [width, 220] });
      } catch {
        text('(the photo could not be drawn)', {}, { x: 48, y: y + 14 });
      }
      y += 245;
      if (y > doc.page.height - 260) {
        doc.addPage();
        y = 48;
      }
    }
  }
  doc.end();
  return done;
}
