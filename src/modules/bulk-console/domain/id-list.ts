import { parseCsv } from '../../../shared/csv.ts';
import { HEX24 } from '../../../shared/ids.ts';

export type IdList = { ok: true; ids: string[] } | { ok: false; problem: string };

/**
 * The verification ids of a CSV, from its first column: one id per row, in order (a report of an
 * earlier batch can be sent back as it is). A first row whose first cell is not an id is its header.
 * Blank rows are skipped; any other row must start with an id, or the whole list is refused with the
 * line that is wrong, so a batch never starts from half a file.
 */
export function idsFromCsv(text: string, max: number): IdList {
  let rows: string[][];
  try {
    rows = parseCsv(text);
  } catch (e) {
    return { ok: false, problem: `The CSV cannot be read: ${e instanceof Error ? e.message : 'it is not well formed'}.` };
  }
  const ids: string[] = [];
  for (const [i, row] of rows.entries()) {
    const cell = (row[0] ?? '').trim();
    if (cell === '' && row.every((c) => c.trim() === '')) continue;
    if (HEX24.test(cell)) {
      ids.push(cell);
      continue;
    }
    if (i === 0) continue; // a header
    return { ok: false, problem: `Line ${i + 1}: "${cell.slice(0, 40)}" is not a verification id (24 hexadecimal characters).` };
  }
  if (ids.length === 0) return { ok: false, problem: 'The CSV holds no verification ids: put one id per line, in the first column.' };
  if (ids.length > max) return { ok: false, problem: `A batch holds at most ${max} verification ids; this CSV has ${ids.length}.` };
  return { ok: true, ids };
}
