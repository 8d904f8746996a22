/**
 * Add-school requests: a person asks for a school the program's organization search does not find. Pure
 * rules: the daily cap, what makes two requests the same, which organizations a program accepts.
 */

/** Requests a program stores per UTC day; more are refused (429) until the next day. */
export const DAILY_REQUESTS_PER_PROGRAM = 100;

export const MAX_PERSON_NAME_LENGTH = 100;
export const MAX_SCHOOL_NAME_LENGTH = 200;
export const MAX_TRACKING_ID_LENGTH = 200;
export const MAX_NOTE_LENGTH = 2000;

export type RequestStatus = 'PENDING' | 'APPROVED' | 'REJECTED';
export type Decision = 'APPROVE' | 'REJECT';

export const statusOf = (decision: Decision): Exclude<RequestStatus, 'PENDING'> => (decision === 'APPROVE' ? 'APPROVED' : 'REJECTED');

/**
 * What makes two requests of a program the same: the email (trimmed, in lower case) and the school's
 * domain (already normalized). The name and country the person typed do not: a person asking again for
 * the same school under another spelling is asking the same thing. Digested before it is stored.
 */
export const sameRequestKey = (email: string, schoolDomain: string) => `add-school:${email.trim().toLowerCase()}\n${schoolDomain}`;

/** The UTC day of an instant, as `YYYY-MM-DD`. */
export const utcDay = (at: Date) => at.toISOString().slice(0, 10);

/** Whole seconds from `at` to the next UTC midnight (at least 1). */
export function secondsToNextUtcDay(at: Date): number {
  const next = Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate() + 1);
  return Math.max(1, Math.ceil((next - at.getTime()) / 1000));
}

/** What a program accepts of organizations (its `orgTypes`, else its segment's; its countries; its exclusions). */
export interface ProgramAcceptance {
  types: readonly string[];
  countries: readonly string[];
  excludedIds: readonly number[];
}

export interface Candidate {
  id: number;
  type: string;
  country: string | null;
}

/**
 * Whether a person of the program may pick the organization: its type is one the program takes (a
 * program whose segment lists no type takes any), it is not excluded, and its country is one of the
 * program's (an organization of unknown country is taken, as the program's organization search does).
 */
export function accepts(program: ProgramAcceptance, org: Candidate): boolean {
  if (program.excludedIds.includes(org.id)) return false;
  if (program.types.length > 0 && !program.types.includes(org.type)) return false;
  return org.country === null || program.countries.includes(org.country);
}

/** Organizations split by whether the program accepts them, each list in the order given. */
export function splitByAcceptance<T extends Candidate>(
  program: ProgramAcceptance,
  found: readonly T[],
): { eligible: T[]; ineligible: T[] } {
  const eligible: T[] = [];
  const ineligible: T[] = [];
  for (const org of found) (accepts(program, org) ? eligible : ineligible).push(org);
  return { eligible, ineligible };
}

/** School types, in the order one is chosen for an approved school: the first the program takes. */
const SCHOOL_TYPES = ['UNIVERSITY', 'POST_SECONDARY', 'K12', 'HIGH_SCHOOL'];

/**
 * The type an approved school is added with: the first school type the program takes, so that its
 * organization search finds it; else the program's first type; else UNIVERSITY.
 */
export function typeForApprovedSchool(programTypes: readonly string[]): string {
  return SCHOOL_TYPES.find((t) => programTypes.includes(t)) ?? programTypes[0] ?? 'UNIVERSITY';
}
