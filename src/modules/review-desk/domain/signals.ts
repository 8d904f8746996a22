/**
 * The documents module's flags and fraud signals on one document, in sentences a reviewer reads: what was
 * found and why it matters. Pure: no I/O.
 */

export interface DocumentSignals {
  flags: string[];
  signals: { editedWith?: string[]; minutesBeforeUpload?: number; implausiblePageSizes?: { width: number; height: number }[] };
  fraudSignals: {
    sameDocumentElsewhere: { verificationId: string; documentId: string; kind: string; distance: number }[];
    sameFileOtherPeople: number;
    sameFileOtherAccounts: number;
    uploadsFromSameIpLastHour: number;
  };
}

export interface Finding {
  /** Whether it weighs against the document (shown as a warning) or is a fact for the record. */
  warning: boolean;
  text: string;
  /** A verification the finding points to (the same document sent there). */
  verificationId?: string;
}

/** Uploads from one address for one program in an hour beyond which the count is a warning. */
const BUSY_ADDRESS = 3;

const FLAG_TEXT: Record<string, (s: DocumentSignals['signals']) => string> = {
  PDF_OPEN_ACTION: () => 'The PDF runs an action when it is opened (it is shown here without running it)',
  PDF_ADDITIONAL_ACTIONS: () => 'The PDF runs actions on page or field events (it is shown here without running them)',
  PDF_JAVASCRIPT: () => 'The PDF carries JavaScript (it is shown here without running it)',
  EDITED_WITH_SOFTWARE: (s) => `Made or edited with ${s.editedWith?.join(', ') || 'editing software'}, not scanned or photographed`,
  MADE_JUST_BEFORE_UPLOAD: (s) =>
    `Created or changed ${s.minutesBeforeUpload ?? 0} minute${s.minutesBeforeUpload === 1 ? '' : 's'} before it was uploaded`,
  IMPLAUSIBLE_PAGE_SIZE: (s) =>
    `Page size no scanner produces: ${(s.implausiblePageSizes ?? []).map((p) => `${Math.round(p.width)}×${Math.round(p.height)} pt`).join(', ')}`,
};

/** Everything found on one document, warnings first. */
export function findings(d: DocumentSignals): Finding[] {
  const out: Finding[] = [];
  for (const flag of d.flags) {
    if (flag === 'DUPLICATE_DOCUMENT' || flag === 'NEAR_DUPLICATE_IMAGE') continue; // told below, with where
    out.push({ warning: true, text: FLAG_TEXT[flag]?.(d.signals) ?? `Flagged ${flag}` });
  }
  for (const m of d.fraudSignals.sameDocumentElsewhere)
    out.push({
      warning: true,
      text:
        m.kind === 'NEAR_DUPLICATE_IMAGE'
          ? `A nearly identical picture (distance ${m.distance}) was sent for another verification`
          : 'The same file was sent for another verification',
      verificationId: m.verificationId,
    });
  const f = d.fraudSignals;
  if (f.sameFileOtherPeople > 0)
    out.push({
      warning: true,
      text: `The same file was sent by ${f.sameFileOtherPeople} other ${f.sameFileOtherPeople === 1 ? 'person' : 'people'}`,
    });
  if (f.sameFileOtherAccounts > 0)
    out.push({
      warning: true,
      text: `The same file was sent to ${f.sameFileOtherAccounts} other account${f.sameFileOtherAccounts === 1 ? '' : 's'}`,
    });
  out.push({
    warning: f.uploadsFromSameIpLastHour > BUSY_ADDRESS,
    text: `${f.uploadsFromSameIpLastHour} upload${f.uploadsFromSameIpLastHour === 1 ? '' : 's'} from the same address for this program in the last hour`,
  });
  return out.sort((a, b) => Number(b.warning) - Number(a.warning));
}
