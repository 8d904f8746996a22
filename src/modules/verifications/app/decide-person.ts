import { isoDate } from '../../../shared/clock.ts';
import { SEGMENTS } from '../../eligibility-terms/index.ts';
import { ageBounds, type Program } from '../../programs/index.ts';
import { decideByAge, decideTestMode, organizationAcceptable, type Decision } from '../domain/decision.ts';
import type { Person } from '../domain/person-validation.ts';
import type { VerificationsDeps } from './deps.ts';

export interface PersonDecision { decision: Decision; organization: { id: number; name: string } | null }

/**
 * Decides a person-info submission: test programs by their trigger names; live programs from their data
 * sources (birth date for age and senior, the organization directory and the account's roster otherwise).
 */
export async function decidePerson(deps: VerificationsDeps, program: Program, person: Person): Promise<PersonDecision> {
  const submitted = person.organization ? { id: person.organization.id, name: person.organization.name ?? '' } : null;
  if (program.testMode) return { decision: decideTestMode(person), organization: submitted };
  const today = deps.clock.now();
  if (program.segment === 'age' || program.segment === 'senior') {
    return { decision: decideByAge(person.birthDate, ageBounds(program), today), organization: null };
  }
  let organization: PersonDecision['organization'] = null;
  if (submitted) {
    if (submitted.id === 0) return { decision: { kind: 'docUpload' }, organization: submitted }; // open organization: nothing to match
    const found = await deps.organizations.find(program.accountId, submitted.id);
    const rules = { orgTypes: program.config.orgTypes ?? SEGMENTS[program.segment].orgTypes, excludedOrganizationIds: program.config.excludedOrganizationIds };
    if (!found || !organizationAcceptable(found, rules)) {
      return { decision: { kind: 'fieldErrors', errorIds: ['invalidOrganization'] }, organization: null };
    }
    organization = { id: found.id, name: found.name };
  }
  const onRoster = await deps.rosters.match({
    accountId: program.accountId, organizationId: organization?.id ?? null, firstName: person.firstName,
    lastName: person.lastName, birthDate: person.birthDate, email: person.email, today: isoDate(today),
    affiliations: program.config.affiliations,
  });
  return { decision: onRoster ? { kind: 'success' } : { kind: 'docUpload' }, organization };
}
