// Reads documents in a thread of its own (see reading-pool.ts): OCR with tesseract.js, barcodes with zxing-wasm.
// Plain JavaScript because a worker thread starts without the TypeScript loader. Everything it needs comes
// from node_modules: the language models from their npm packages, the barcode reader's wasm from its own;
// nothing is fetched and nothing is cached on disk.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { parentPort } from 'node:worker_threads';

const require = createRequire(import.meta.url);
const MRZ_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<';

let tesseract = null;
let zxing = null;

/** One tesseract worker holding English and French, LSTM models only (the smaller `best_int` ones). */
async function ocrEngine() {
  if (tesseract) return tesseract;
  const { createWorker, OEM } = await import('tesseract.js');
  // Each language package ships its model under <package>/4.0.0_best_int; both sit in the same parent.
  const dir = (lang) => path.join(path.dirname(require.resolve(`@tesseract.js-data/${lang}/package.json`)), '4.0.0_best_int');
  const eng = dir('eng');
  const fra = dir('fra');
  // tesseract.js reads every language from one langPath: give it a directory holding links to both.
  const langPath = fs.mkdtempSync(path.join((await import('node:os')).tmpdir(), 'vouch-ocr-'));
  fs.symlinkSync(path.join(eng, 'eng.traineddata.gz'), path.join(langPath, 'eng.traineddata.gz'));
  fs.symlinkSync(path.join(fra, 'fra.traineddata.gz'), path.join(langPath, 'fra.traineddata.gz'));
  try {
    tesseract = await createWorker(['eng', 'fra'], OEM.LSTM_ONLY, { langPath, cacheMethod: 'none', gzip: true });
  } finally {
    fs.rmSync(langPath, { recursive: true, force: true });
  }
  return tesseract;
}

async function barcodeEngine() {
  if (zxing) return zxing;
  const mod = await import('zxing-wasm');
  const wasm = fs.readFileSync(
    path.join(path.dirname(path.dirname(path.dirname(require.resolve('zxing-wasm')))), 'full', 'zxing_full.wasm'),
  );
  const wasmBinary = wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength);
  await mod.prepareZXingModule({ overrides: { wasmBinary, locateFile: (f) => f }, fireImmediately: true });
  zxing = mod;
  return zxing;
}

const linesOf = (data) =>
  (data.blocks ?? []).flatMap((b) =>
    (b.paragraphs ?? []).flatMap((p) => (p.lines ?? []).map((l) => ({ text: l.text.trim(), confidence: l.confidence }))),
  );

async function run(job) {
  const image = Buffer.from(job.image.buffer, job.image.byteOffset, job.image.byteLength);
  if (job.type === 'barcode') {
    const z = await barcodeEngine();
    const found = await z.readBarcodes(image, { formats: ['PDF417'], tryHarder: true, textMode: 'Plain', maxNumberOfSymbols: 2 });
    return { barcodes: found.filter((b) => b.isValid).map((b) => ({ format: b.format, text: b.text })) };
  }
  const t = await ocrEngine();
  if (job.type === 'mrz') {
    // The zone is the bottom of the page: its lowest third, read with the zone's 37 characters only.
    await t.setParameters({ tessedit_char_whitelist: MRZ_CHARS, tessedit_pageseg_mode: '6', preserve_interword_spaces: '0' });
    const top = Math.floor(job.height * 0.6);
    const band = await t.recognize(image, { rectangle: { left: 0, top, width: job.width, height: job.height - top } }, { blocks: true });
    const lines = linesOf(band.data);
    // Not found there (a card photographed upside down or with a wide margin): the whole picture.
    if (lines.filter((l) => l.text.replace(/\s/g, '').length >= 28).length >= 2) return { lines, where: 'bottom' };
    const whole = await t.recognize(image, {}, { blocks: true });
    return { lines: linesOf(whole.data), where: 'whole' };
  }
  await t.setParameters({ tessedit_char_whitelist: '', tessedit_pageseg_mode: '3', preserve_interword_spaces: '0' });
  const r = await t.recognize(image, {}, { blocks: true });
  return { lines: linesOf(r.data), confidence: r.data.confidence };
}

parentPort.on('message', async (job) => {
  try {
    parentPort.postMessage({ id: job.id, result: await run(job) });
  } catch (e) {
    parentPort.postMessage({ id: job.id, error: e instanceof Error ? e.message : String(e) });
  }
});
