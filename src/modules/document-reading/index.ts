/**
 * Reading the documents themselves: OCR (tesseract.js, English and French models from npm), PDF417
 * barcodes (zxing-wasm) and PDF text layers, in a pool of worker threads; the machine-readable zone and
 * AAMVA barcode parsed, an eligibility document's text matched against what the person submitted; each
 * outcome a check with its reason, and the auto-decision rule.
 */
export { createDocumentReader, type DocumentReader } from './app/reader.ts';
export {
  readIdImages,
  readEligibilityDocument,
  type IdReading,
  type IdReadingInput,
  type EligibilityReading,
} from './app/read-documents.ts';
export { defaultPoolSize, type ReadingPoolOptions } from './infra/reading-pool.ts';
export { parseAamva, type AamvaFields } from './domain/aamva.ts';
export { locateMrz } from './domain/mrz-locate.ts';
export { matchText, type TextMatch } from './domain/text-match.ts';
export { READING_CHECK_NAMES, type ReadingCheck } from './domain/reading-checks.ts';
export { autoDecision, type AutoDecisionSetting } from './domain/auto-decision.ts';
export { pdfText } from './infra/pdf-text.ts';
