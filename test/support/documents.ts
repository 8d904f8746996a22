import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import PDFDocument from 'pdfkit';
import { prepareZXingModule, writeBarcode } from 'zxing-wasm';
import { canvas, drawBox, drawText, fromPng, paste, toPng } from './draw-text.ts';

// Documents the reading tests know the contents of: a passport page with its machine-readable zone, a
// licence back with an AAMVA PDF417 barcode (written by zxing-wasm, the reader's own library), an
// enrollment letter as a picture and as a PDF. Nothing here was copied from a real document.

const require = createRequire(import.meta.url);
let ready: Promise<unknown> | undefined;
const zxingReady = () => {
  if (!ready) {
    const wasm = fs.readFileSync(
      path.join(path.dirname(path.dirname(path.dirname(require.resolve('zxing-wasm')))), 'full', 'zxing_full.wasm'),
    );
    const wasmBinary = wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength) as ArrayBuffer;
    ready = prepareZXingModule({ overrides: { wasmBinary, locateFile: (f: string) => f }, fireImmediately: true });
  }
  return ready;
};

/** A passport's data page: its zone's lines drawn in cells of equal width, as OCR-B is. */
export function passportPng(mrz: string, o: { software?: string } = {}): { png: Buffer; width: number; height: number } {
  const c = canvas(1000, 660);
  drawText(c, 'PASSPORT / PASSEPORT', 40, 60, 30);
  drawBox(c, 40, 110, 220, 280, 190);
  const lines = mrz.split('\n');
  const fields = ['Type: P', 'Surname / Nom', 'Given names / Prénoms', 'Nationality / Nationalité'];
  for (const [i, f] of fields.entries()) drawText(c, f, 300, 140 + i * 50, 20);
  for (const [i, l] of lines.entries()) drawText(c, l, 30, 560 + i * 52, 26, { pitch: 21.5 });
  return { png: toPng(c, o.software ? { Software: o.software } : {}), width: c.width, height: c.height };
}

/** The AAMVA payload of a licence (version 10 layout, US date order MMDDCCYY). */
export function aamvaPayload(p: {
  number: string;
  last: string;
  first: string;
  middle?: string;
  birth: string;
  expiry: string;
  issue?: string;
}) {
  const mdy = (d: string) => d.slice(5, 7) + d.slice(8, 10) + d.slice(0, 4);
  const elements = [
    `DAQ${p.number}`,
    `DCS${p.last}`,
    `DAC${p.first}`,
    `DAD${p.middle ?? 'NONE'}`,
    `DBD${mdy(p.issue ?? '2021-03-01')}`,
    `DBB${mdy(p.birth)}`,
    `DBA${mdy(p.expiry)}`,
    'DBC2',
    'DAJCA',
    'DCGUSA',
  ];
  const body = `DL${elements.join('\n')}\r`;
  const header = `@\n\x1e\rANSI 636014100001DL0031${String(body.length).padStart(4, '0')}`;
  return header + body;
}

/** A licence's back: a line of text and the PDF417 barcode. */
export async function licenceBackPng(payload: string): Promise<{ png: Buffer; width: number; height: number }> {
  await zxingReady();
  const w = await writeBarcode(payload, { format: 'PDF417', scale: 2 });
  if (w.error || !w.image) throw new Error(`writing the barcode: ${w.error}`);
  const code = fromPng(Buffer.from(await w.image.arrayBuffer()));
  const c = canvas(Math.max(900, code.width + 80), code.height + 160);
  drawText(c, 'DRIVER LICENSE', 40, 50, 24);
  paste(c, code, 40, 80);
  return { png: toPng(c), width: c.width, height: c.height };
}

/** An enrollment letter as a picture. */
export function letterPng(lines: string[]): Buffer {
  const c = canvas(900, 80 + lines.length * 44, 250);
  for (const [i, l] of lines.entries()) drawText(c, l, 50, 70 + i * 44, 22);
  return toPng(c);
}

/** The same letter as a PDF with a text layer (pdfkit, Helvetica). */
export function letterPdf(lines: string[], info: { Producer?: string; CreationDate?: Date } = {}): Promise<Buffer> {
  return new Promise((resolve) => {
    const doc = new PDFDocument({ size: 'LETTER', info: info as PDFKit.DocumentInfo, compress: true });
    const parts: Buffer[] = [];
    doc.on('data', (b: Buffer) => parts.push(b));
    doc.on('end', () => resolve(Buffer.concat(parts)));
    doc.font('Helvetica').fontSize(14);
    for (const l of lines) doc.text(l);
    doc.end();
  });
}
