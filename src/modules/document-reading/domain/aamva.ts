import { parseCalendarDate } from '../../../shared/dates.ts';

/**
 * The AAMVA DL/ID card design standard's PDF417 payload, as on the back of North American driver's
 * licences and ID cards: a header (`@`, LF, RS, CR, `ANSI ` or `AAMVA`, the issuer's IIN, versions, the
 * number of subfiles and their designators), then subfiles (`DL` or `ID`) of elements, each a three-letter
 * id and its value, ended by LF. Versions 1 to 10 differ in the name elements and the date order (US
 * MMDDCCYY, Canada CCYYMMDD), both handled here.
 */
export interface AamvaFields {
  /** The issuer's identification number (636014 is California, 636012 Ontario ...). */
  issuerId: string | null;
  version: number | null;
  documentNumber: string | null;
  lastName: string | null;
  firstName: string | null;
  middleName: string | null;
  dateOfBirth: string | null;
  expiryDate: string | null;
  issueDate: string | null;
  country: string | null;
  /** Every element read, by id (DAQ, DCS ...), for the reviewer. */
  elements: Record<string, string>;
}

const HEADER = /^@\n?\x1e?\r?\s*(?:ANSI |AAMVA)(\d{6})(\d{2})(\d{2})?(\d{2})?/;

function elementsOf(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  // Subfile designators with their offsets follow the header: the first element starts at `DL` or `ID`
  // followed by an element id, wherever the offsets put it (issuers get them wrong often enough).
  const start = text.search(/(?:DL|ID)D[A-Z]{2}/);
  const body = start >= 0 ? text.slice(start + 2) : text;
  for (const raw of body.split(/[\n\r\x1e]+/)) {
    const line = raw.replace(/^(?:DL|ID|Z[A-Z])(?=[DZ][A-Z]{2})/, '');
    const m = /^([DZ][A-Z]{2})(.*)$/.exec(line);
    if (m && !(m[1] in out)) out[m[1]] = m[2].trim();
  }
  return out;
}

const isoOf = (y: string, m: string, d: string) => {
  const v = `${y}-${m}-${d}`;
  return parseCalendarDate(v) ? v : null;
};

/** A date element: CCYYMMDD in Canada (and version 1), MMDDCCYY in the US; whichever exists when unsure. */
export function aamvaDate(v: string | undefined, country: string | null): string | null {
  if (!v || !/^\d{8}$/.test(v)) return null;
  const ymd = isoOf(v.slice(0, 4), v.slice(4, 6), v.slice(6, 8));
  const mdy = isoOf(v.slice(4, 8), v.slice(0, 2), v.slice(2, 4));
  if (country === 'CAN') return ymd ?? mdy;
  if (country === 'USA') return mdy ?? ymd;
  return mdy ?? ymd;
}

const clean = (v: string | undefined) => {
  const t = v?.replace(/\s+/g, ' ').trim();
  return t && !/^(NONE|UNAVL|UNAVAILABLE)$/i.test(t) ? t : null;
};

export function parseAamva(text: string): AamvaFields | null {
  const header = HEADER.exec(text);
  const e = elementsOf(text);
  if (!header && !e.DAQ) return null;
  if (!e.DAQ && !e.DCS && !e.DAA) return null;
  const version = header ? Number(header[2]) : null;
  let last = clean(e.DCS ?? e.DAB);
  let first = clean(e.DAC ?? e.DCT);
  let middle = clean(e.DAD);
  // Version 1 (and some later cards) write the whole name in DAA, "LAST,FIRST,MIDDLE".
  if ((!last || !first) && e.DAA) {
    const [l, f, m] = e.DAA.split(/[,$]/).map((s) => clean(s));
    last ??= l ?? null;
    first ??= f ?? null;
    middle ??= m ?? null;
  }
  // Versions 2 and 3 put every given name in DCT, separated by a space or a comma.
  if (first && !e.DAC && e.DCT) {
    const [f, ...rest] = first.split(/[ ,]+/);
    first = f;
    middle ??= rest.join(' ') || null;
  }
  const country = clean(e.DCG);
  return {
    issuerId: header?.[1] ?? null,
    version,
    documentNumber: clean(e.DAQ),
    lastName: last,
    firstName: first,
    middleName: middle,
    dateOfBirth: aamvaDate(e.DBB, country),
    expiryDate: aamvaDate(e.DBA, country),
    issueDate: aamvaDate(e.DBD, country),
    country,
    elements: e,
  };
}
