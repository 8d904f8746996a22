import type { Person } from './person-validation.ts';
import { parseCalendarDate } from '../../../shared/dates.ts';
import { yearsBetween } from './field-rules.ts';

/** What a person-info submission leads to. */
export type Decision =
  | { kind: 'success' }
  | { kind: 'docUpload' }
  | { kind: 'error'; errorId: string; message: string }
  | { kind: 'fieldErrors'; errorIds: string[] };

/**
 * Test-mode programs decide from the first name, as SheerID's test programs do: `REJECTED` and `UPLOAD`
 * lead to documents, `__ERROR__` to a simulated error, anything else succeeds.
 */
export function decideTestMode(person: Person): Decision {
  switch (person.firstName) {
    case 'REJECTED':
    case 'UPLOAD':
      return { kind: 'docUpload' };
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
