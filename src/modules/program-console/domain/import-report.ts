import { isAppError } from '../../../shared/errors.ts';

/** Why an import was refused: the refusal's sentence and, when the import named them, its bad lines. */
export interface ImportRefusal {
  message: string;
  lines: { line: number; message: string }[];
  /** How many bad lines the import found (it may name fewer). */
  lineCount: number;
}

/**
 * The refusal of an import use case as the page reports it: the organizations import lists its bad lines
 * in `details.problems` (and counts them in `problemCount`); the roster import names its first bad line in
 * its message (`Line 3: ...`).
 */
export function importRefusal(e: unknown): ImportRefusal | null {
  if (!isAppError(e) || e.status !== 400) return null;
  const problems = Array.isArray(e.details.problems) ? (e.details.problems as { line: number; message: string }[]) : [];
  if (problems.length > 0) {
    const count = typeof e.details.problemCount === 'number' ? e.details.problemCount : problems.length;
    return { message: e.message, lines: problems, lineCount: count };
  }
  const m = /^(?:CSV )?line (\d+): (.*)$/is.exec(e.message);
  return m
    ? { message: e.message, lines: [{ line: Number(m[1]), message: m[2] }], lineCount: 1 }
    : { message: e.message, lines: [], lineCount: 0 };
}
