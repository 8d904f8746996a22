/**
 * Reads, while a PDF streams in, what its metadata says about how it was made: the Producer and Creator
 * of its Info dictionary (and their XMP twins, CreatorTool and Producer), its creation and modification
 * dates, and its pages' MediaBox. Only uncompressed text is seen (metadata in a compressed object stream is
 * not): a hint for the reviewer, never proof. Pure and bounded: it keeps at most VALUE_MAX bytes (and a name) between
 * chunks, reads at most VALUE_MAX bytes after each name, stops reading after MAX_HITS names, and keeps a
 * few values of each kind. An Info value written as a reference (`/Producer 10 0 R`, as PDFKit writes them)
 * is looked up among the string objects seen (a bounded number of them), wherever they come in the file.
 */
export interface PdfMetadata {
  /** Metadata texts naming the software that made the file (raw, at most MAX_TEXT characters each). */
  software: string[];
  /** Creation and modification dates, epoch ms. */
  dates: number[];
  /** Page sizes in points (1/72 inch), as written in MediaBox entries. */
  pageSizes: { width: number; height: number }[];
}

const VALUE_MAX = 512;
const MAX_HITS = 4096;
const MAX_KEPT = 16;
const MAX_TEXT = VALUE_MAX;

type Kind = 'software' | 'date' | 'box' | 'xmpSoftware' | 'xmpDate';
const KEYS: [Buffer, Kind][] = [
  ['/Producer', 'software'],
  ['/Creator', 'software'],
  ['/CreationDate', 'date'],
  ['/ModDate', 'date'],
  ['/MediaBox', 'box'],
  ['xmp:CreatorTool', 'xmpSoftware'],
  ['pdf:Producer', 'xmpSoftware'],
  ['xmp:CreateDate', 'xmpDate'],
  ['xmp:ModifyDate', 'xmpDate'],
].map(([k, kind]) => [Buffer.from(k, 'latin1'), kind as Kind]);

/** Objects whose value is a string, kept to resolve an Info value written as a reference (`/Producer 10 0 R`, as PDFKit does). */
const MAX_STRING_OBJECTS = 256;
const OBJ = Buffer.from(' obj', 'latin1');
/** The longest `N G` before ` obj` that is read. */
const OBJ_NUMBER_MAX = 20;

const LONGEST_KEY = Math.max(...KEYS.map(([k]) => k.length));
const WHITE = new Set([0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20]);
const DELIMITERS = new Set([...WHITE, ...Buffer.from('()<>[]{}/%')]);

export function createPdfMetadataScan() {
  let carry = Buffer.alloc(0);
  let hits = 0;
  const software = new Set<string>();
  const dates = new Set<number>();
  const boxes = new Map<string, { width: number; height: number }>();
  /** Info values given as references (`N G R`), by kind, and the string objects seen (`N G obj (...)`). */
  const refs: { kind: 'software' | 'date'; id: string }[] = [];
  const strings = new Map<string, string>();

  const keep = <T>(set: { size: number }, add: () => T) => {
    if (set.size < MAX_KEPT) add();
  };
  const reference = (kind: 'software' | 'date', after: Buffer) => {
    const m = /^\s*(\d{1,10})\s+(\d{1,5})\s+R/.exec(after.subarray(0, 40).toString('latin1'));
    if (m && refs.length < MAX_KEPT * 2) refs.push({ kind, id: `${Number(m[1])} ${Number(m[2])}` });
  };
  /** `N G obj` followed by a string: kept (a few) in case an Info value refers to it. */
  const stringObjects = (buf: Buffer, limit: number) => {
    for (let at = buf.indexOf(OBJ, from); at !== -1 && at < limit && strings.size < MAX_STRING_OBJECTS; at = buf.indexOf(OBJ, at + 1)) {
      const m = /(\d{1,10})\s+(\d{1,5})$/.exec(buf.subarray(Math.max(0, at - 20), at).toString('latin1'));
      if (!m) continue;
      const text = pdfString(buf.subarray(at + OBJ.length, at + OBJ.length + VALUE_MAX));
      if (text) strings.set(`${Number(m[1])} ${Number(m[2])}`, text.slice(0, MAX_TEXT));
    }
  };
  const read = (kind: Kind, after: Buffer) => {
    switch (kind) {
      case 'software': {
        const text = pdfString(after);
        if (text) keep(software, () => software.add(text.slice(0, MAX_TEXT)));
        else reference('software', after);
        break;
      }
      case 'xmpSoftware': {
        const text = xmpValue(after);
        if (text) keep(software, () => software.add(text.slice(0, MAX_TEXT)));
        break;
      }
      case 'date': {
        const text = pdfString(after);
        const at = text ? parsePdfDate(text) : null;
        if (at !== null) keep(dates, () => dates.add(at));
        else if (!text) reference('date', after);
        break;
      }
      case 'xmpDate': {
        const text = xmpValue(after);
        const at = text ? parseXmpDate(text) : null;
        if (at !== null) keep(dates, () => dates.add(at));
        break;
      }
      case 'box': {
        const box = mediaBox(after);
        if (box && boxes.size < MAX_KEPT * 4) boxes.set(`${box.width}x${box.height}`, box);
        break;
      }
    }
  };

  /** Bytes at the start of `carry` already scanned, kept for the object number before an ` obj` that comes next. */
  let from = 0;
  const scan = (buf: Buffer, final: boolean) => {
    const limit = final ? buf.length : buf.length - VALUE_MAX - LONGEST_KEY;
    if (hits < MAX_HITS && limit > 0) {
      for (const [key, kind] of KEYS) {
        for (let at = buf.indexOf(key, from); at !== -1 && at < limit && hits < MAX_HITS; at = buf.indexOf(key, at + 1)) {
          const end = at + key.length;
          // A name ends at a delimiter: `/CreatorX` is another name. An XMP name is followed by `>` or `=`.
          if (end < buf.length && kind !== 'xmpSoftware' && kind !== 'xmpDate' && !DELIMITERS.has(buf[end])) continue;
          hits++;
          read(kind, buf.subarray(end, end + VALUE_MAX));
        }
      }
    }
    if (limit > 0) stringObjects(buf, limit);
    // What has not been read yet: names whose value may still be arriving (and a few bytes before them).
    const start = Math.max(limit, from);
    const kept = Math.max(start - OBJ_NUMBER_MAX, 0);
    carry = final ? Buffer.alloc(0) : Buffer.from(buf.subarray(kept));
    from = start - kept;
  };

  return {
    push(chunk: Buffer) {
      if (chunk.length > 0) scan(Buffer.concat([carry, chunk]), false);
    },
    /** Call once the last byte has arrived. */
    finish() {
      scan(carry, true);
    },
    facts(): PdfMetadata {
      for (const r of refs) {
        const text = strings.get(r.id);
        if (!text) continue;
        if (r.kind === 'software') keep(software, () => software.add(text));
        else {
          const at = parsePdfDate(text);
          if (at !== null) keep(dates, () => dates.add(at));
        }
      }
      return { software: [...software], dates: [...dates], pageSizes: [...boxes.values()] };
    },
  };
}

const skipWhite = (b: Buffer, i = 0) => {
  while (i < b.length && WHITE.has(b[i])) i++;
  return i;
};

/** A literal `(...)` or hexadecimal `<...>` string at the start of `b`, decoded; null for anything else. */
export function pdfString(b: Buffer): string | null {
  let i = skipWhite(b);
  const out: number[] = [];
  if (b[i] === 0x28) {
    let depth = 1;
    for (i++; i < b.length; i++) {
      const c = b[i];
      if (c === 0x5c) {
        const n = b[++i];
        if (n === undefined) return null;
        const esc: Record<number, number> = { 110: 0x0a, 114: 0x0d, 116: 0x09, 98: 0x08, 102: 0x0c }; // \n \r \t \b \f
        if (n >= 0x30 && n <= 0x37) {
          let v = n - 0x30;
          for (let k = 0; k < 2 && b[i + 1] >= 0x30 && b[i + 1] <= 0x37; k++) v = v * 8 + (b[++i] - 0x30);
          out.push(v & 0xff);
        } else if (esc[n] !== undefined) out.push(esc[n]);
        else if (n !== 0x0a && n !== 0x0d) out.push(n);
        continue;
      }
      if (c === 0x28) depth++;
      if (c === 0x29 && --depth === 0) return decodeText(Buffer.from(out));
      out.push(c);
    }
    return null; // not closed within the bytes read
  }
  if (b[i] === 0x3c && b[i + 1] !== 0x3c) {
    let hex = '';
    for (i++; i < b.length && b[i] !== 0x3e; i++) if (!WHITE.has(b[i])) hex += String.fromCharCode(b[i]);
    if (i >= b.length || !/^[0-9a-fA-F]*$/.test(hex)) return null;
    if (hex.length % 2) hex += '0';
    return decodeText(Buffer.from(hex, 'hex'));
  }
  return null;
}

/** PDF text strings: UTF-16BE after a byte order mark, UTF-8 after its own, else (close enough) Latin-1. */
function decodeText(b: Buffer): string {
  let text: string;
  if (b[0] === 0xfe && b[1] === 0xff)
    text = Buffer.from(b.subarray(2, 2 + ((b.length - 2) & ~1)))
      .swap16()
      .toString('utf16le');
  else if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) text = b.subarray(3).toString('utf8');
  else text = b.toString('latin1');
  return text.replace(/[\u0000-\u001f\u007f]/g, ' ').trim();
}

/** An XMP property's value: `>text<` (element) or `="text"` (attribute). */
function xmpValue(b: Buffer): string | null {
  const text = b.toString('utf8');
  const m = /^\s*(?:>([^<]*)<|=\s*"([^"]*)"|=\s*'([^']*)')/.exec(text);
  const v = m ? (m[1] ?? m[2] ?? m[3]) : null;
  return v ? v.trim() : null;
}

/** `D:YYYYMMDDHHmmSSOHH'mm'`, every part after the year optional; without an offset the time is taken as UTC. */
export function parsePdfDate(text: string): number | null {
  const m = /^(?:D:)?(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?(?:([Zz+-])(?:(\d{2})'?(\d{2})?'?)?)?/.exec(text.trim());
  if (!m) return null;
  const [y, mo = '01', d = '01', h = '00', mi = '00', s = '00'] = m.slice(1, 7);
  const at = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
  if (!Number.isFinite(at) || Number(mo) > 12 || Number(d) > 31 || Number(h) > 23 || Number(mi) > 59 || Number(s) > 59) return null;
  const sign = m[7] === '+' ? 1 : m[7] === '-' ? -1 : 0;
  const offset = sign * (Number(m[8] ?? 0) * 60 + Number(m[9] ?? 0)) * 60_000;
  return at - offset;
}

/** XMP dates are ISO 8601: `2026-12-07T15:58:10Z` or with an offset; a date alone is not precise enough. */
function parseXmpDate(text: string): number | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?$/.test(text)) return null;
  const at = Date.parse(/(Z|[+-]\d{2}:\d{2})$/.test(text) ? text : `${text}Z`);
  return Number.isFinite(at) ? at : null;
}

/** `[x1 y1 x2 y2]`: width and height in points, rounded; null unless four numbers. */
function mediaBox(b: Buffer): { width: number; height: number } | null {
  const text = b.subarray(0, 120).toString('latin1');
  const m = /^\s*\[\s*([-+]?[\d.]+)\s+([-+]?[\d.]+)\s+([-+]?[\d.]+)\s+([-+]?[\d.]+)\s*\]/.exec(text);
  if (!m) return null;
  const [x1, y1, x2, y2] = m.slice(1, 5).map(Number);
  if (![x1, y1, x2, y2].every(Number.isFinite)) return null;
  return { width: Math.round(Math.abs(x2 - x1)), height: Math.round(Math.abs(y2 - y1)) };
}
