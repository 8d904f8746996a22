import type { SecretBox } from '../../../platform/crypto/index.ts';
import type { Clock } from '../../../shared/clock.ts';
import { parseCsvRecords } from '../../../shared/csv.ts';
import { checkPastDate, parseCalendarDate } from '../../../shared/dates.ts';
import { CommonErrors } from '../../../shared/errors.ts';
import { birthDateKey, emailKey, nameKey } from '../domain/person-keys.ts';
import type { RosterRepository, RosterRow } from '../infra/roster-repository.ts';

const MAX_ROWS = 200_000;
/** How many refused lines an answer lists (all are counted). */
const PROBLEMS_IN_DETAILS = 100;
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
  const now = deps.clock.now();
  const rows: RosterRow[] = [];
  const problems: { line: number; message: string }[] = [];
  records.forEach((r, i) => {
    const line = i + 2;
    const checked = checkRow(r, now);
    if (typeof checked === 'string') problems.push({ line, message: checked });
    else rows.push(rowOf(deps, accountId, checked));
  });
  if (problems.length > 0) {
    // Every refused line is listed (the first ones in the details), and nothing is written.
    const [first] = problems;
    const more = problems.length > 1 ? ` (and ${problems.length - 1} more problem(s)); nothing was imported` : '';
    throw CommonErrors.invalidRequest(`Line ${first.line}: ${first.message}${more}`, {
      problems: problems.slice(0, PROBLEMS_IN_DETAILS),
      problemCount: problems.length,
    });
  }
  await deps.repo.insertMany(rows, replace);
  return { imported: rows.length, replaced: replace };
}

const get = (r: Record<string, string>, k: string) => (r[k.toLowerCase()] ?? r[k] ?? '').trim();

interface CheckedRow {
  first: string;
  last: string;
  birth: string;
  email: string;
  org: string;
  start: string;
  end: string;
  affiliation: string;
}

/** A roster line's values, or what is wrong with it. */
function checkRow(r: Record<string, string>, now: Date): CheckedRow | string {
  const [first, last, birth, email, org] = ['firstName', 'lastName', 'birthDate', 'email', 'organizationId'].map((k) => get(r, k));
  const [start, end] = [get(r, 'statusStartDate'), get(r, 'statusEndDate')];
  if (!first || !last) return 'firstName and lastName are required';
  if (!birth && !email) return 'birthDate or email is required to match people';
  const birthProblem = birth ? checkPastDate(birth, now) : null;
  if (birthProblem) return `birthDate ${BIRTH_DATE_PROBLEMS[birthProblem]}`;
  if (start && !parseCalendarDate(start)) return 'statusStartDate must be YYYY-MM-DD';
  if (end && !parseCalendarDate(end)) return 'statusEndDate must be YYYY-MM-DD';
  if (email && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email)) return 'invalid email';
  if (org && !/^\d{1,15}$/.test(org)) return 'organizationId must be a number';
  return { first, last, birth, email, org, start, end, affiliation: get(r, 'affiliation') };
}

/** The stored row of a checked line: the person's keys as keyed digests, the person encrypted. */
function rowOf(deps: { box: SecretBox }, accountId: string, c: CheckedRow): RosterRow {
  return {
    account_id: accountId,
    organization_id: c.org ? Number(c.org) : null,
    name_hash: deps.box.digest(nameKey(c.first, c.last)),
    birth_date_hash: c.birth ? deps.box.digest(birthDateKey(c.birth)) : null,
    email_hash: c.email ? deps.box.digest(emailKey(c.email)) : null,
    person_enc: deps.box.encryptJson({ firstName: c.first, lastName: c.last, birthDate: c.birth || null, email: c.email || null }),
    affiliation: c.affiliation || null,
    status_start: c.start || null,
    status_end: c.end || null,
  };
}
