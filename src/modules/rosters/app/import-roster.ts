import type { SecretBox } from '../../../platform/crypto/index.ts';
import type { Clock } from '../../../shared/clock.ts';
import { parseCsvRecords } from '../../../shared/csv.ts';
import { checkPastDate, parseCalendarDate } from '../../../shared/dates.ts';
import { CommonErrors } from '../../../shared/errors.ts';
import { birthDateKey, emailKey, nameKey } from '../domain/person-keys.ts';
import type { RosterRepository, RosterRow } from '../infra/roster-repository.ts';

const MAX_ROWS = 200_000;
const BIRTH_DATE_PROBLEMS = {
  invalid: 'must be YYYY-MM-DD',
  tooEarly: 'must not be before 1900-01-01',
  future: 'must not be in the future',
};

/**
 * Imports a roster CSV: `organizationId,firstName,lastName,birthDate,email,affiliation,statusStartDate,statusEndDate`.
 * Every row is checked before anything is written: one bad row imports nothing. With `replace`, the new
 * rows take the place of the account's whole roster (people left out are no longer eligible).
 */
export async function importRoster(
  deps: { repo: RosterRepository; box: SecretBox; clock: Clock },
  accountId: string,
  csvText: unknown,
  replace = false,
) {
  if (typeof csvText !== 'string') throw CommonErrors.invalidRequest('Send the roster as text/csv');
  const records = parseCsvRecords(csvText, ['firstName', 'lastName']);
  if (records.length === 0) throw CommonErrors.invalidRequest('The roster has no rows');
  if (records.length > MAX_ROWS) throw CommonErrors.invalidRequest(`At most ${MAX_ROWS} rows per import`);
  const get = (r: Record<string, string>, k: string) => (r[k.toLowerCase()] ?? r[k] ?? '').trim();
  const now = deps.clock.now();
  const rows: RosterRow[] = records.map((r, i) => {
    const line = i + 2;
    const [first, last, birth, email, org] = ['firstName', 'lastName', 'birthDate', 'email', 'organizationId'].map((k) => get(r, k));
    const [start, end] = [get(r, 'statusStartDate'), get(r, 'statusEndDate')];
    if (!first || !last) throw CommonErrors.invalidRequest(`Line ${line}: firstName and lastName are required`);
    if (!birth && !email) throw CommonErrors.invalidRequest(`Line ${line}: birthDate or email is required to match people`);
    const birthProblem = birth ? checkPastDate(birth, now) : null;
    if (birthProblem) throw CommonErrors.invalidRequest(`Line ${line}: birthDate ${BIRTH_DATE_PROBLEMS[birthProblem]}`);
    for (const [name, value] of [
      ['statusStartDate', start],
      ['statusEndDate', end],
    ] as const) {
      if (value && !parseCalendarDate(value)) throw CommonErrors.invalidRequest(`Line ${line}: ${name} must be YYYY-MM-DD`);
    }
    if (email && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email)) throw CommonErrors.invalidRequest(`Line ${line}: invalid email`);
    if (org && !/^\d{1,15}$/.test(org)) throw CommonErrors.invalidRequest(`Line ${line}: organizationId must be a number`);
    return {
      account_id: accountId,
      organization_id: org ? Number(org) : null,
      name_hash: deps.box.digest(nameKey(first, last)),
      birth_date_hash: birth ? deps.box.digest(birthDateKey(birth)) : null,
      email_hash: email ? deps.box.digest(emailKey(email)) : null,
      person_enc: deps.box.encryptJson({ firstName: first, lastName: last, birthDate: birth || null, email: email || null }),
      affiliation: get(r, 'affiliation') || null,
      status_start: start || null,
      status_end: end || null,
    };
  });
  await deps.repo.insertMany(rows, replace);
  return { imported: rows.length, replaced: replace };
}
