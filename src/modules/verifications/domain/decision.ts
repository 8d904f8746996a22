import type { Person } from './person-validation.ts';
import { parseCalendarDate } from '../../../shared/dates.ts';
import { yearsBetween } from './field-rules.ts';

/**
 * The steps where the person proves the affiliation another way than by documents: signing in at the
 * organization, holding an address or a phone, reading their ID document, giving their social security
 * number (military).
 */
export type LoopStep = 'sso' | 'emailLoop' | 'smsLoop' | 'idCheckLoop' | 'collectSocialSecurityNumber';

/** What a person-info submission leads to. */
export type Decision =
  | { kind: 'success' }
  | { kind: 'docUpload' }
  | { kind: 'loop'; step: LoopStep }
  | { kind: 'error'; errorId: string; message: string }
  | { kind: 'fieldErrors'; errorIds: string[] };

/**
 * Test-mode programs decide from the first name, as SheerID's test programs do: `REJECTED` and `UPLOAD`
 * lead to documents (`REJECTED` to the organization's sign-in first, when it has one), `SSO` to the
 * sign-in step, `EMAILLOOP` to the email loop, `ID_CHECK_LOOP` to the ID check, `__ERROR__` to a simulated error,
 * `error` to a verification that ends not approved (SheerID's "error outcome"), anything else succeeds.
 */
export function decideTestMode(person: Person): Decision {
  switch (person.firstName) {
    case 'REJECTED':
    case 'UPLOAD':
      return { kind: 'docUpload' };
    case 'SSO':
      return { kind: 'loop', step: 'sso' };
    case 'EMAILLOOP':
      return { kind: 'loop', step: 'emailLoop' };
    case 'ID_CHECK_LOOP':
      return { kind: 'loop', step: 'idCheckLoop' };
    case 'error':
      return { kind: 'error', errorId: 'notApproved', message: 'Not approved, as the test-mode first name error asks' };
    case '__ERROR__':
      return { kind: 'error', errorId: 'simulatedError', message: 'Simulated error requested by the test-mode first name __ERROR__' };
    default:
      return { kind: 'success' };
  }
}

/** Age and senior programs decide from the birth date alone. */
export function decideByAge(
  birthDate: string | undefined,
  bounds: { minAge: number | null; maxAge: number | null },
  today: Date,
): Decision {
  const birth = parseCalendarDate(birthDate);
  if (!birth) return { kind: 'fieldErrors', errorIds: ['invalidBirthDate'] };
  const age = yearsBetween(birth, today);
  if (bounds.minAge !== null && age < bounds.minAge) return { kind: 'fieldErrors', errorIds: ['underagePerson'] };
  if (bounds.maxAge !== null && age > bounds.maxAge) return { kind: 'fieldErrors', errorIds: ['outsideAgePerson'] };
  return { kind: 'success' };
}

/** An organization is acceptable when it exists, has one of the program's types and is not excluded. */
export function organizationAcceptable(
  org: { id: number; type: string } | null,
  program: { orgTypes: string[]; excludedOrganizationIds: number[] },
): boolean {
  if (!org) return false;
  if (program.excludedOrganizationIds.includes(org.id)) return false;
  return program.orgTypes.length === 0 || program.orgTypes.includes(org.type);
}

/** Test-mode document names that decide the review by themselves (SheerID's documented test files). */
export const TEST_DOCUMENTS: Record<string, 'APPROVE' | 'REJECT'> = {
  'approve_sheerid_docreview_testmode.png': 'APPROVE',
  'reject_sheerid_docreview_testmode.png': 'REJECT',
};

/** The automatic decision the uploaded file names ask for, if any (`needs_review_...` and others wait for a reviewer). */
export function testModeDecision(fileNames: string[]): 'APPROVE' | 'REJECT' | null {
  for (const name of fileNames) {
    const decision = TEST_DOCUMENTS[name.trim().toLowerCase()];
    if (decision) return decision;
  }
  return null;
}
