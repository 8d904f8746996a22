import type { SecretBox } from '../../../platform/crypto/index.ts';
import { parseCsvRecords } from '../../../shared/csv.ts';
import { CommonErrors } from '../../../shared/errors.ts';
import { birthDateKey, emailKey, nameKey } from '../domain/person-keys.ts';
import type { RosterRepository, RosterRow } from '../infra/roster-repository.ts';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const MAX_ROWS = 200_000;
const validDate = (s: string) => DATE.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`));

/**
 * Imports a roster CSV: `organizationId,firstName,lastName,birthDate,email,affiliation,statusStartDate,statusEndDate`.
 * Every row is checked before anything is written: one bad row imports nothing. With `replace`, the new
 * rows take the place of the account's whole roster (people left out are no longer eligible).
 */
export async function importRoster(deps: { repo: RosterRepository; box: SecretBox }, accountId: string, csvText: unknown, replace = false) {
  if (typeof csvText !== 'string') throw CommonErrors.invalidRequest('Send the roster as text/csv');
  const records = parseCsvRecords(csvText, ['firstName', 'lastName']);
  if (records.length === 0) throw CommonErrors.invalidRequest('The roster has no rows');
  if (records.length > MAX_ROWS) throw CommonErrors.invalidRequest(`At most ${MAX_ROWS} rows per import`);
  const get = (r: Record<string, string>, k: string) => (r[k.toLowerCase()] ?? r[k] ?? '').trim();
  const rows: RosterRow[] = records.map((r, i) => {
    const line = i + 2;
    const [first, last, birth, email, org] = ['firstName', 'lastName', 'birthDate', 'email', 'organizationId'].map((k) => get(r, k));
    const [start, end] = [get(r, 'statusStartDate'), get(r, 'statusEndDate')];
    if (!first || !last) throw CommonErrors.invalidRequest(`Line ${line}: firstName and lastName are required`);
    if (!birth && !email) throw CommonErrors.invalidRequest(`Line ${line}: birthDate or email is required to match people`);
    for (const [name, value] of [['birthDate', birth], ['statusStartDate', start], ['statusEndDate', end]] as const) {
      if (value && !validDate(value)) throw CommonErrors.invalidRequest(`Line ${line}: ${name} must be YYYY-MM-DD`);
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
