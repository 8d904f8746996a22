import { createReadingPool, type PoolOutcome, type ReadingPool, type ReadingPoolOptions } from '../infra/reading-pool.ts';

/**
 * The port the checks read documents through: OCR of a zone or a whole page, and barcodes. The default is
 * the worker-thread pool; tests may hand in another.
 */
export interface DocumentReader {
  mrzLines(image: Buffer, size: { width: number; height: number }): Promise<PoolOutcome>;
  text(image: Buffer): Promise<PoolOutcome>;
  barcodes(image: Buffer): Promise<PoolOutcome>;
  close(): Promise<void>;
  readonly threads: number;
}

export function createDocumentReader(options: ReadingPoolOptions = {}): DocumentReader {
  const pool: ReadingPool = createReadingPool(options);
  return {
    threads: pool.size,
    mrzLines: (image, { width, height }) => pool.run({ type: 'mrz', image, width, height }),
    text: (image) => pool.run({ type: 'text', image }),
    barcodes: (image) => pool.run({ type: 'barcode', image }),
    close: () => pool.close(),
  };
}

/** Why a reading gave no answer, as a check's reason. */
export function whyNotRead(o: Exclude<PoolOutcome, { ok: true }>): string {
  if (o.why === 'timeout') return `Reading the image took too long (${o.detail})`;
  if (o.why === 'busy') return `Too many documents were waiting to be read (${o.detail})`;
  if (o.why === 'closed') return 'The server was stopping';
  return `The image could not be read (${o.detail})`;
}
