import { isoDate } from '../../../shared/clock.ts';
import { SEGMENTS } from '../../eligibility-terms/index.ts';
import { ageBounds, type Program } from '../../programs/index.ts';
import type { RosterQuery } from '../../rosters/index.ts';
import { decideByAge, decideTestMode, organizationAcceptable, type Decision } from '../domain/decision.ts';
import type { Person } from '../domain/person-validation.ts';
import type { VerificationsDeps } from './deps.ts';

export interface PersonDecision {
  decision: Decision;
  organization: { id: number; name: string } | null;
}

/** Decides one person-info submission (see `decidePeople`). */
export async function decidePerson(deps: VerificationsDeps, program: Program, person: Person): Promise<PersonDecision> {
  return (await decidePeople(deps, program, [person]))[0];
}

/**
 * Decides person-info submissions: test programs by their trigger names; live programs from their data
 * sources (birth date for age and senior, the organization directory and the account's roster otherwise).
 * Many people at once (a re-verification chunk) cost one lookup per distinct organization and one
 * roster query, not a round trip per person.
 */
export async function decidePeople(deps: VerificationsDeps, program: Program, people: Person[]): Promise<PersonDecision[]> {
  const today = deps.clock.now();
  if (program.testMode) return people.map((p) => ({ decision: decideTestMode(p), organization: submittedOrganization(p) }));
  if (program.segment === 'age' || program.segment === 'senior') {
    return people.map((p) => ({ decision: decideByAge(p.birthDate, ageBounds(program), today), organization: null }));
  }
  const rules = {
    orgTypes: program.config.orgTypes ?? SEGMENTS[program.segment].orgTypes,
    excludedOrganizationIds: program.config.excludedOrganizationIds,
  };
  const organizations = new Map<number, Promise<{ id: number; name: string; type: string } | null>>();
  const findOrganization = (id: number) => {
    if (!organizations.has(id)) organizations.set(id, deps.organizations.find(program.accountId, id));
    return organizations.get(id)!;
  };

  const out: PersonDecision[] = new Array(people.length);
  const rosterChecks: { index: number; query: RosterQuery; organization: PersonDecision['organization'] }[] = [];
  for (const [index, person] of people.entries()) {
    const submitted = submittedOrganization(person);
    let organization: PersonDecision['organization'] = null;
    if (submitted) {
      // An open organization (id 0) has nothing to match: documents decide.
      if (submitted.id === 0) {
        out[index] = { decision: { kind: 'docUpload' }, organization: submitted };
        continue;
      }
      const found = await findOrganization(submitted.id);
      if (!found || !organizationAcceptable(found, rules)) {
        out[index] = { decision: { kind: 'fieldErrors', errorIds: ['invalidOrganization'] }, organization: null };
        continue;
      }
      organization = { id: found.id, name: found.name };
    }
    rosterChecks.push({
      index,
      organization,
      query: {
        accountId: program.accountId,
        organizationId: organization?.id ?? null,
        firstName: person.firstName,
        lastName: person.lastName,
        birthDate: person.birthDate,
        email: person.email,
        today: isoDate(today),
        affiliations: program.config.affiliations,
      },
    });
  }
  const onRoster = await deps.rosters.matchMany(rosterChecks.map((c) => c.query));
  rosterChecks.forEach((c, i) => {
    out[c.index] = { decision: onRoster[i] ? { kind: 'success' } : { kind: 'docUpload' }, organization: c.organization };
  });
  return out;
}

const submittedOrganization = (p: Person) => (p.organization ? { id: p.organization.id, name: p.organization.name ?? '' } : null);
