import { readMrz, type MrzReading } from '../../../shared/mrz.ts';
import { parseAamva, type AamvaFields } from '../domain/aamva.ts';
import { locateMrz } from '../domain/mrz-locate.ts';
import { judgeBarcode, judgeMrzImage, judgeText, notRun, type Person, type ReadingCheck } from '../domain/reading-checks.ts';
import { matchText, type TextMatch } from '../domain/text-match.ts';
import { pdfText } from '../infra/pdf-text.ts';
import { whyNotRead, type DocumentReader } from './reader.ts';

export interface IdImage {
  bytes: Buffer;
  width: number;
  height: number;
}
export interface IdReadingInput {
  documentType: 'passport' | 'driverLicence' | 'idCard' | 'prCard';
  front: IdImage | null;
  back: IdImage | null;
  person: Person;
  entered: { number: string | null; expiryDate: string | null };
  today: string;
}
export interface IdReading {
  checks: ReadingCheck[];
  mrz: MrzReading | null;
  barcode: AamvaFields | null;
}

async function mrzOf(reader: DocumentReader, img: IdImage, today: string) {
  const o = await reader.mrzLines(img.bytes, img);
  if (!o.ok) return { why: whyNotRead(o) };
  const located = locateMrz((o.answer.lines ?? []).map((l) => l.text));
  const reading = located ? readMrz(located.lines.join('\n'), today) : null;
  return reading ? { reading } : { why: 'No machine-readable zone was found in the photo' };
}

/**
 * Reads the ID's photos: the machine-readable zone of a passport (front) or an ID or PR card (back, else
 * front), the PDF417 barcode on a driver's licence's back. Each gives one check; a document without the
 * zone or barcode, or a photo it could not be found in, gives `not-run` with why.
 */
export async function readIdImages(reader: DocumentReader, input: IdReadingInput): Promise<IdReading> {
  const { person, entered, today } = input;
  if (input.documentType === 'driverLicence') {
    const mrzCheck = notRun('mrzFromImage', "A driver's licence has no machine-readable zone");
    if (!input.back)
      return { checks: [mrzCheck, notRun('barcodeFromImage', 'No photo of the back was received')], mrz: null, barcode: null };
    const o = await reader.barcodes(input.back.bytes);
    if (!o.ok) return { checks: [mrzCheck, notRun('barcodeFromImage', whyNotRead(o))], mrz: null, barcode: null };
    const parsed = (o.answer.barcodes ?? []).map((b) => parseAamva(b.text)).find((b) => b !== null) ?? null;
    const check = parsed
      ? judgeBarcode(parsed, person, entered)
      : notRun(
          'barcodeFromImage',
          (o.answer.barcodes ?? []).length
            ? 'The barcode on the back is not an AAMVA licence barcode'
            : 'No PDF417 barcode was found on the back',
        );
    return { checks: [mrzCheck, check], mrz: null, barcode: parsed };
  }
  const barcodeCheck = notRun('barcodeFromImage', "Only North American driver's licences carry a PDF417 barcode");
  const sides = (input.documentType === 'passport' ? [input.front] : [input.back, input.front]).filter((s): s is IdImage => s !== null);
  if (!sides.length)
    return { checks: [notRun('mrzFromImage', 'No photo of the document was received'), barcodeCheck], mrz: null, barcode: null };
  let why = '';
  for (const side of sides) {
    const r = await mrzOf(reader, side, today);
    if (r.reading) return { checks: [judgeMrzImage(r.reading, person, entered.expiryDate), barcodeCheck], mrz: r.reading, barcode: null };
    why = r.why;
  }
  return { checks: [notRun('mrzFromImage', why), barcodeCheck], mrz: null, barcode: null };
}

export interface EligibilityReading {
  check: ReadingCheck;
  match: TextMatch | null;
  /** Where the text came from. */
  source: 'ocr' | 'pdf-text' | null;
}

/**
 * Reads an eligibility document (a JPEG or PNG by OCR in English and French, a PDF by its text layer) and
 * matches it against what the person submitted: their name and their organization's.
 */
export async function readEligibilityDocument(
  reader: DocumentReader,
  file: { mime: string; bytes: Buffer },
  submitted: { firstName: string; lastName: string; organization: string | null },
): Promise<EligibilityReading> {
  let text: string;
  let source: 'ocr' | 'pdf-text';
  if (file.mime === 'application/pdf') {
    text = pdfText(file.bytes);
    source = 'pdf-text';
    if (!text.trim())
      return { check: notRun('documentText', 'The PDF has no text layer that can be read (a scanned page)'), match: null, source };
  } else if (file.mime === 'image/jpeg' || file.mime === 'image/png') {
    const o = await reader.text(file.bytes);
    if (!o.ok) return { check: notRun('documentText', whyNotRead(o)), match: null, source: null };
    text = (o.answer.lines ?? []).map((l) => l.text).join('\n');
    source = 'ocr';
    if (!text.trim()) return { check: notRun('documentText', 'No text was found in the image'), match: null, source };
  } else {
    return { check: notRun('documentText', `A ${file.mime} file is not read`), match: null, source: null };
  }
  const match = matchText(text, submitted);
  return { check: judgeText(match, !!submitted.organization), match, source };
}
