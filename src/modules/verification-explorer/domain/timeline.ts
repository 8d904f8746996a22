/**
 * A verification's history in time order: the steps it went through, the reviewers' decisions, fraud
 * labels and the webhook events it caused, one list. Pure: no I/O.
 */

export type Happening =
  | { kind: 'step'; at: Date; step: string; errorIds: string[]; rejectionReasons: string[] }
  | { kind: 'decision'; at: Date; attempt: number; decision: 'APPROVE' | 'REJECT'; rejectionReasons: string[]; by: string }
  | { kind: 'label'; at: Date; label: string; by: string }
  | { kind: 'event'; at: Date; type: string; sequence: number };

const ORDER: Record<Happening['kind'], number> = { step: 0, decision: 1, label: 2, event: 3 };

/** Oldest first; at the same instant the step first, then what it led to. The sort is stable within a kind. */
export const timeline = (items: Happening[]): Happening[] =>
  [...items].sort((a, b) => a.at.getTime() - b.at.getTime() || ORDER[a.kind] - ORDER[b.kind]);

/** Who decided, as the console names them: a person by email, the test-mode automation, or an API token. */
export function deciderText(decidedBy: string, people: Map<string, string>): string {
  if (decidedBy.startsWith('user:')) return people.get(decidedBy.slice(5)) ?? 'a former reviewer';
  if (decidedBy === 'test-mode') return 'test mode (automatic)';
  return `API token ${decidedBy}`;
}

/** The user ids among decision authors (`user:<id>`). */
export const deciderIds = (decidedBy: string[]) => [...new Set(decidedBy.filter((d) => d.startsWith('user:')).map((d) => d.slice(5)))];
