import { parseCsvTable } from '../../../shared/csv.ts';
import { CommonErrors } from '../../../shared/errors.ts';
import { singleLineName } from '../../../shared/names.ts';
import { DOMAIN_NAME } from '../domain/domain-names.ts';
import { MAX_ORGANIZATION_NAME_LENGTH, ORGANIZATION_TYPES, countryOfDomain, isOrganizationType } from '../domain/organization.ts';
import type { NewOrganization, OrganizationsRepository } from '../infra/organizations-repository.ts';

export interface ImportOrganizationsDeps {
  repo: Pick<OrganizationsRepository, 'insertMany'>;
}

export interface ImportOrganizationsResult {
  imported: number;
  /** The first organizations created, in file order (at most 100). */
  organizations: { id: number; name: string }[];
}

export const MAX_IMPORT_ROWS = 50_000;
const LISTED_IN_RESULT = 100;
const PROBLEMS_IN_DETAILS = 20;
const COLUMNS = ['name', 'type', 'country', 'domain'];
const REQUIRED_COLUMNS = ['name', 'type'];
const ORGANIZATION_NAME = singleLineName(MAX_ORGANIZATION_NAME_LENGTH);

/**
 * Imports an account's organizations from CSV with the columns `name,type,country,domain` (any order,
 * any case; name and type required). Every row is checked before anything is written: one bad row and
 * nothing is imported, with an error naming the line. Types are matched without regard to case; a row
 * without a country takes the one its domain points to, if any.
 */
export async function importOrganizations(
  deps: ImportOrganizationsDeps,
  accountId: string,
  csvText: string,
): Promise<ImportOrganizationsResult> {
  const table = parseCsvTable(csvText, REQUIRED_COLUMNS);
  const unknown = table.headers.filter((h) => !COLUMNS.includes(h.toLowerCase()));
  if (unknown.length > 0) {
    throw CommonErrors.invalidRequest(
      `CSV header has unknown column(s) ${unknown.map((h) => `'${h}'`).join(', ')}; expected ${COLUMNS.join(',')}`,
    );
  }
  if (table.records.length > MAX_IMPORT_ROWS) {
    throw CommonErrors.invalidRequest(`CSV has ${table.records.length} rows; at most ${MAX_IMPORT_ROWS} can be imported at once`);
  }

  const rows: NewOrganization[] = [];
  const problems: { line: number; message: string }[] = [];
  for (const { line, values } of table.records) {
    const checked = checkRow(values);
    if (typeof checked === 'string') problems.push({ line, message: checked });
    else rows.push(checked);
  }
  if (problems.length > 0) {
    const [first] = problems;
    const more = problems.length > 1 ? ` (and ${problems.length - 1} more problem(s))` : '';
    throw CommonErrors.invalidRequest(`CSV line ${first.line}: ${first.message}${more}; nothing was imported`, {
      problems: problems.slice(0, PROBLEMS_IN_DETAILS),
      problemCount: problems.length,
    });
  }

  const created = await deps.repo.insertMany(accountId, rows);
  return { imported: created.length, organizations: created.slice(0, LISTED_IN_RESULT) };
}

/** The row to insert, or what is wrong with it. */
function checkRow(values: Record<string, string>): NewOrganization | string {
  if ((values.name ?? '').trim() === '') return 'name is empty';
  // A quoted cell may hold a line break: refused like in any other name, not folded into a space.
  const checked = ORGANIZATION_NAME.safeParse(values.name);
  if (!checked.success) return `name ${checked.error.issues[0].message}`;
  const name = checked.data.replace(/\s+/g, ' ');

  const rawType = (values.type ?? '').trim();
  const type = rawType.toUpperCase();
  if (type === '') return 'type is empty';
  if (!isOrganizationType(type)) return `type '${rawType}' is not one of ${ORGANIZATION_TYPES.join(', ')}`;

  const rawDomain = (values.domain ?? '').trim();
  const domain = rawDomain === '' ? null : rawDomain.toLowerCase().replace(/\.$/, '');
  if (domain !== null && !DOMAIN_NAME.test(domain)) return `domain '${rawDomain}' is not a domain name`;

  const rawCountry = (values.country ?? '').trim();
  if (rawCountry !== '' && !/^[A-Za-z]{2}$/.test(rawCountry)) {
    return `country '${rawCountry}' is not a two-letter ISO 3166 code`;
  }
  const country = rawCountry === '' ? countryOfDomain(domain) : rawCountry.toUpperCase();
  return { name, type, country, domain };
}
