/**
 * Finds short byte patterns anywhere in a stream fed chunk by chunk, without keeping the stream: only the
 * last (longest pattern - 1) bytes are carried over, so a pattern cut by a chunk boundary is still found.
 * Linear: each chunk is searched natively (`indexOf`) once per byte a pattern can start with, and only
 * those candidate positions are compared byte by byte. Pure.
 */

/** The bytes allowed at one position of a pattern (256 entries, 1 = allowed). */
export type ByteSet = Uint8Array;
export type Pattern = ByteSet[];

export const oneOf = (chars: string): ByteSet => {
  const set = new Uint8Array(256);
  for (const c of chars) set[c.charCodeAt(0) & 0xff] = 1;
  return set;
};
export const ANY_BYTE: ByteSet = new Uint8Array(256).fill(1);
/** ASCII letters match in either case. */
export const caseless = (text: string): Pattern => [...text].map((c) => oneOf(c.toLowerCase() + c.toUpperCase()));
export const exactly = (text: string): Pattern => [...text].map((c) => oneOf(c));

export function createMarkerSearch(patterns: Pattern[]) {
  const carryLength = Math.max(...patterns.map((p) => p.length)) - 1;
  const byFirstByte = new Map<number, Pattern[]>();
  for (const p of patterns) {
    for (let b = 0; b < 256; b++) if (p[0][b]) byFirstByte.set(b, [...(byFirstByte.get(b) ?? []), p]);
  }
  let carry = Buffer.alloc(0);
  let found = false;

  const matchesAt = (buf: Buffer, at: number, p: Pattern) => {
    if (at + p.length > buf.length) return false;
    for (let i = 1; i < p.length; i++) if (!p[i][buf[at + i]]) return false;
    return true;
  };
  const search = (buf: Buffer) => {
    for (const [b, candidates] of byFirstByte) {
      for (let at = buf.indexOf(b); at !== -1; at = buf.indexOf(b, at + 1)) {
        if (candidates.some((p) => matchesAt(buf, at, p))) return true;
      }
    }
    return false;
  };

  return {
    push(chunk: Buffer) {
      if (found || chunk.length === 0) return;
      // The seam: the carried end of the previous bytes with the start of this chunk (at most 2 patterns long).
      found = (carry.length > 0 && search(Buffer.concat([carry, chunk.subarray(0, carryLength)]))) || search(chunk);
      carry =
        chunk.length >= carryLength
          ? Buffer.from(chunk.subarray(chunk.length - carryLength))
          : Buffer.concat([carry, chunk]).subarray(-carryLength);
    },
    /** True once any pattern has been seen; the search stops there. */
    get found() {
      return found;
    },
  };
}
