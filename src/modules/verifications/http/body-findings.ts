import type { z } from 'zod';
import type { BodyRead } from '../app/step-body.ts';

type Issue = z.core.$ZodIssue;

/** Where a finding stands among the others: the dialect names the first one, as the hand-written checks did. */
export interface FindingOrder {
  /** The rank of a property of the object at `depth` (default: the order the schema declares, kept as found). */
  property?(key: string, depth: number): number;
  /** The errorId of a finding, when it is not `invalidRequest`. */
  errorId?(issue: Issue): string | undefined;
}

/**
 * A path's ranks: an array's items by index, an object's properties by `order.property` (0: as found).
 * An unknown property ranks before the object's own properties: a body of the wrong shape is named as such.
 */
function rank(issue: Issue, order: FindingOrder): number[] {
  const ranks = issue.path.map((key, depth) => (typeof key === 'number' ? key : (order.property?.(String(key), depth) ?? 0)));
  return issue.code === 'unrecognized_keys' ? [...ranks, -1] : ranks;
}

function compare(a: number[], b: number[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i] - b[i];
  return a.length - b.length;
}

/** The first finding, in the order the body is judged. */
export function firstIssue(issues: readonly Issue[], order: FindingOrder = {}): Issue | undefined {
  return issues.map((issue, i) => ({ issue, i, rank: rank(issue, order) })).sort((x, y) => compare(x.rank, y.rank) || x.i - y.i)[0]?.issue;
}

/** A body parsed by `schema`, or the refusal naming its first finding (an `invalidRequest` unless `order` says otherwise). */
export function readBody<S extends z.ZodType>(schema: S, body: unknown, order: FindingOrder = {}): BodyRead<z.output<S>> {
  const parsed = schema.safeParse(body);
  if (parsed.success) return { kind: 'ok', value: parsed.data };
  const first = firstIssue(parsed.error.issues, order)!;
  return { kind: 'invalidRequest', errorId: order.errorId?.(first) ?? 'invalidRequest', message: first.message };
}
