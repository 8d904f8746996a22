/**
 * Watches a PDF stream, chunk by chunk, for the names that make a reader run something by itself: an
 * action when the file opens (`/OpenAction`), actions on events (`/AA`) and JavaScript (`/JavaScript`,
 * `/JS`). Names are read as PDF tokens: `/AAPL:Keywords` is not `/AA`, and `#xx` escapes are decoded
 * (`/J#61vaScript` is `/JavaScript`). Names inside compressed object streams are not seen: a flag is a
 * hint for the reviewer, not a guarantee. Pure; keeps at most one short name between chunks.
 */
export const PDF_FLAGS = ['PDF_OPEN_ACTION', 'PDF_ADDITIONAL_ACTIONS', 'PDF_JAVASCRIPT'] as const;
export type PdfFlag = (typeof PDF_FLAGS)[number];

const FLAG_OF = new Map<string, PdfFlag>([
  ['OpenAction', 'PDF_OPEN_ACTION'],
  ['AA', 'PDF_ADDITIONAL_ACTIONS'],
  ['JavaScript', 'PDF_JAVASCRIPT'],
  ['JS', 'PDF_JAVASCRIPT'],
]);
const LONGEST = Math.max(...[...FLAG_OF.keys()].map((k) => k.length));
const SLASH = 0x2f;
const HASH = 0x23;

/** PDF white-space and delimiters: each ends a name. */
const ENDS_NAME = new Uint8Array(256);
for (const c of '\0\t\n\f\r ()<>[]{}/%') ENDS_NAME[c.charCodeAt(0)] = 1;

const hexValue = (b: number) => (b >= 0x30 && b <= 0x39 ? b - 0x30 : (b | 0x20) >= 0x61 && (b | 0x20) <= 0x66 ? (b | 0x20) - 0x57 : -1);

export function createPdfActionScan() {
  const seen = new Set<PdfFlag>();
  // The name being read (decoded); null outside a name. Past LONGEST bytes it cannot be one we look for.
  let name: number[] | null = null;
  let tooLong = false;
  // A `#` escape cut by a chunk boundary: the raw bytes after `#` so far.
  let escaped: number[] | null = null;

  // A malformed escape stands for itself, as lenient readers take it.
  const flushEscape = () => {
    const raw = escaped ?? [];
    escaped = null;
    [HASH, ...raw].forEach(add);
  };
  const endName = () => {
    if (escaped) flushEscape();
    if (name && !tooLong) {
      const flag = FLAG_OF.get(String.fromCharCode(...name));
      if (flag) seen.add(flag);
    }
    name = null;
    tooLong = false;
    escaped = null;
  };
  const add = (b: number) => {
    if (tooLong) return;
    if (name!.length === LONGEST) tooLong = true;
    else name!.push(b);
  };

  return {
    push(chunk: Buffer) {
      let i = 0;
      while (i < chunk.length) {
        if (name === null) {
          const at = chunk.indexOf(SLASH, i);
          if (at === -1) return;
          name = [];
          i = at + 1;
          continue;
        }
        const b = chunk[i];
        if (ENDS_NAME[b]) {
          endName();
          // The `/` that ends a name starts the next one; any other delimiter is left behind.
          if (b !== SLASH) i++;
          continue;
        }
        i++;
        if (escaped) {
          escaped.push(b);
          if (escaped.length === 2) {
            const [hi, lo] = escaped.map(hexValue);
            if (hi < 0 || lo < 0) flushEscape();
            else {
              escaped = null;
              add(hi * 16 + lo);
            }
          }
        } else if (b === HASH) escaped = [];
        else add(b);
      }
    },
    /** Call once the last byte has arrived: a name may end the file. */
    finish() {
      endName();
    },
    /** The flags seen so far, in a stable order. */
    flags(): PdfFlag[] {
      return PDF_FLAGS.filter((f) => seen.has(f));
    },
  };
}
