import { MILITARY_STATUSES, SEGMENTS } from '../../eligibility-terms/index.ts';

/** The steps a verification reaches after its person steps, whatever the segment (documents, review, the end). */
const LATER_STEPS = ['docUpload', 'pending', 'success', 'error'];

/**
 * Every step a verification of a program can stand on, in the order a flow meets them: the marketplace's
 * token step and the Remember-Me steps when the program has them, the first step (for military, the status
 * step and the person steps its offered statuses lead to), then documents, review and the two ends.
 * `subSegment` is the one the program fixes, `offered` the sub-segments it accepts.
 */
export function possibleSteps(
  segment: string,
  subSegment: string | null,
  offered: readonly string[] | null,
  flows: { marketplace?: boolean; rememberMe?: boolean } = {},
): string[] {
  const before = [
    ...(flows.marketplace ? ['collectMarketplaceToken'] : []),
    ...(flows.rememberMe ? ['collectIdentifier', 'completeAuthentication', 'collectPersonalInfo'] : []),
  ];
  const first = SEGMENTS[segment].firstStep(subSegment);
  if (first !== 'collectMilitaryStatus') return [...before, first, ...LATER_STEPS];
  const statuses = Object.values(MILITARY_STATUSES).filter((m) => !offered?.length || offered.includes(m.subSegment));
  return [...before, first, ...new Set(statuses.map((m) => m.step)), ...LATER_STEPS];
}
