import { IMAGE_METADATA_PREFIX, imageSoftware } from './image-metadata.ts';
import { createPdfMetadataScan } from './pdf-metadata.ts';
import { editingSoftware } from './software-names.ts';

/**
 * Signs, read from the file itself, that a document was made rather than scanned or photographed: made
 * or edited with an image editor or a PDF generator (EDITED_WITH_SOFTWARE), created or modified minutes
 * before its upload (MADE_JUST_BEFORE_UPLOAD), or a PDF page no scanner produces (IMPLAUSIBLE_PAGE_SIZE).
 * Each is a hint shown to the reviewer, never a reason to refuse the file and never shown to its uploader.
 */
export const MAKING_FLAGS = ['EDITED_WITH_SOFTWARE', 'MADE_JUST_BEFORE_UPLOAD', 'IMPLAUSIBLE_PAGE_SIZE'] as const;
export type MakingFlag = (typeof MAKING_FLAGS)[number];

/** A date this long before the upload (or up to CLOCK_SKEW after it: the device's clock may be ahead) counts as "just before". */
export const JUST_BEFORE_MS = 30 * 60_000;
const CLOCK_SKEW_MS = 5 * 60_000;

/**
 * Page sizes in points that a scan of a card, letter or certificate can have: the short side at least
 * 140 pt (about 5 cm, a little under an ID card's 54 mm) and the long side at most 1300 pt (about 46 cm,
 * past A3 and 11x17 in), and no longer than 4 times the short side. Screen-sized pages (1080x1920 and the
 * like), banners and stamps fall outside.
 */
const MIN_SHORT = 140;
const MAX_LONG = 1300;
const MAX_RATIO = 4;

export const plausibleScanPage = ({ width, height }: { width: number; height: number }) => {
  const short = Math.min(width, height);
  const long = Math.max(width, height);
  return short >= MIN_SHORT && long <= MAX_LONG && long <= short * MAX_RATIO;
};

export interface MakingFacts {
  software: string[];
  dates: number[];
  pageSizes: { width: number; height: number }[];
}

/** What a reviewer is shown with the flags: the listed software's name (never the file's own text), minutes, sizes. */
export interface MakingDetails {
  editedWith?: string[];
  minutesBeforeUpload?: number;
  implausiblePageSizes?: { width: number; height: number }[];
  /** What reading the document found (`documentText`), added by the reading job after the upload is complete. */
  reading?: DocumentReadingSignal;
}

/**
 * The `documentText` check of an eligibility document with its evidence: each word of the person's name and
 * of their organization's, with the line it was found on and the word as read (null: not found), and the
 * dates written in it.
 */
export interface DocumentReadingSignal {
  check: { name: string; result: 'pass' | 'fail' | 'not-run'; reason: string; highRisk: boolean };
  source: 'ocr' | 'pdf-text' | null;
  score: number | null;
  evidence: { part: 'name' | 'organization'; word: string; line: number | null; read: string | null }[];
  dates: { text: string; date: string; line: number }[];
}

export function judgeMaking(facts: MakingFacts, uploadedAt: Date): { flags: MakingFlag[]; details: MakingDetails } {
  const flags: MakingFlag[] = [];
  const details: MakingDetails = {};
  const editors = [...new Set(facts.software.map(editingSoftware).filter((s): s is string => s !== null))];
  if (editors.length > 0) {
    flags.push('EDITED_WITH_SOFTWARE');
    details.editedWith = editors;
  }
  const now = uploadedAt.getTime();
  const recent = facts.dates.filter((d) => d >= now - JUST_BEFORE_MS && d <= now + CLOCK_SKEW_MS);
  if (recent.length > 0) {
    flags.push('MADE_JUST_BEFORE_UPLOAD');
    details.minutesBeforeUpload = Math.max(0, Math.floor((now - Math.max(...recent)) / 60_000));
  }
  const odd = facts.pageSizes.filter((p) => !plausibleScanPage(p));
  if (odd.length > 0) {
    flags.push('IMPLAUSIBLE_PAGE_SIZE');
    details.implausiblePageSizes = odd.slice(0, 5);
  }
  return { flags, details };
}

/** Collects the facts while the bytes stream in: a PDF is scanned whole, an image's first bytes only. */
export function createMakingInspector(mime: string) {
  const pdf = mime === 'application/pdf' ? createPdfMetadataScan() : null;
  const head: Buffer[] = [];
  let headLength = 0;
  return {
    push(chunk: Buffer) {
      if (pdf) return pdf.push(chunk);
      if (headLength >= IMAGE_METADATA_PREFIX) return;
      const part = Buffer.from(chunk.subarray(0, IMAGE_METADATA_PREFIX - headLength));
      head.push(part);
      headLength += part.length;
    },
    finish(): MakingFacts {
      if (pdf) {
        pdf.finish();
        return pdf.facts();
      }
      return { software: imageSoftware(mime, Buffer.concat(head)), dates: [], pageSizes: [] };
    },
  };
}
