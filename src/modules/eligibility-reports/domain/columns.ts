import { csvCell } from '../../../shared/csv.ts';

/** The fixed columns of a verification report, in the order of SheerID's reverification report. */
export const FIXED_COLUMNS = [
  'Request ID',
  'Request Timestamp',
  'Account ID',
  'User ID',
  'Username',
  'Result',
  'Status',
  'Errors',
  'ErrorCodes',
  'Person ID',
  'Organization ID',
  'Organization Name',
  'Organization Phone',
  'Organization Street',
  'Organization City',
  'Organization Zip',
  'Organization State',
  'Organization Country',
  'Organization Type',
  'Verification Types',
  'Requested Affiliation Types',
  'Confirmed Affiliation Types',
  'Data Updated Date',
  'Period Begin Date',
  'Period End Date',
  'Test Mode',
  'PHONE_NUMBER',
  'EMAIL',
  'SSN_LAST4',
  'COMPANY_NAME',
  'MIDDLE_NAME',
  'USERNAME',
  'LAST_NAME',
  'IP_ADDRESS',
  'ADDRESS1',
  'CITY',
  'STATUS_START_DATE',
  'JOB_TITLE',
  'SSN',
  'RELATIONSHIP',
  'FULL_NAME',
  'BIRTH_DATE',
  'POSTAL_CODE',
  'FIRST_NAME',
  'STATE',
  'ID_NUMBER',
  'SUFFIX',
  'EMAIL2',
  'ADDRESS2',
  'Program Name',
  // Conversions reported for the verification (SheerID §2.7), totalled per currency; several currencies
  // give one amount per currency, separated by ';', in the order of the currencies.
  'amount',
  'currency',
] as const;

/** The person's columns of the report (personal data); the other fixed columns are its standard ones. */
export const PII_COLUMNS: ReadonlySet<string> = new Set(
  FIXED_COLUMNS.slice(FIXED_COLUMNS.indexOf('PHONE_NUMBER'), FIXED_COLUMNS.indexOf('Program Name')),
);

/** What some columns hold, for `GET /report/fields`. */
export const COLUMN_DESCRIPTIONS: Partial<Record<(typeof FIXED_COLUMNS)[number], string>> = {
  'Request ID': 'The verification id',
  Result: 'true: verified and eligible; false: not eligible; empty: not decided',
  Status: 'NEW, PENDING, OPEN or COMPLETE',
  'Verification Types': 'AUTHORITATIVE or ASSET REVIEW (a document was reviewed)',
  'Test Mode': 'Whether the verification ran in test mode',
  amount: "Total of the verification's conversions, per currency",
  currency: "Currencies of the verification's conversions",
};

/** Columns the seed always writes as a quoted empty string rather than an empty field. */
const QUOTED_EMPTY = new Set(['Data Updated Date', 'Period Begin Date', 'Period End Date']);

export type ReportRow = Partial<Record<(typeof FIXED_COLUMNS)[number], string | null>> & { metadata?: Record<string, string> };

/** A fixed column's heading. */
export type Column = (typeof FIXED_COLUMNS)[number];

/** The header: the fixed columns (all, or those a request chose), then one per metadata key. */
export const headerLine = (metadataKeys: string[], columns: readonly Column[] = FIXED_COLUMNS) =>
  `${[...columns, ...metadataKeys].map((c) => csvCell(c)).join(',')}\n`;

/** One CSV line: every value quoted, empty values empty, formula-like cells escaped (see csvCell). */
export function rowLine(row: ReportRow, metadataKeys: string[], columns: readonly Column[] = FIXED_COLUMNS): string {
  const cells = columns.map((c) => (QUOTED_EMPTY.has(c) && !row[c] ? '""' : csvCell(row[c])));
  for (const k of metadataKeys) cells.push(csvCell(row.metadata?.[k]));
  return `${cells.join(',')}\n`;
}

/** `YYYY-MM-DD HH:MM:SS` in UTC, as the report's timestamps. */
export const reportTimestamp = (d: Date) => d.toISOString().slice(0, 19).replace('T', ' ');

/** Birth dates as the seed prints them: unpadded month and day (`2000-1-30`). */
export const reportDate = (iso: string | undefined) => {
  const m = iso ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso) : null;
  return m ? `${m[1]}-${Number(m[2])}-${Number(m[3])}` : null;
};

/** `underagePerson` → `UNDERAGE_PERSON`. */
export const errorCode = (errorId: string) => errorId.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase();

const SEGMENT_AFFILIATIONS: Record<string, string[]> = {
  student: ['STUDENT_FULL_TIME', 'STUDENT_PART_TIME'],
  teacher: ['FACULTY'],
  age: ['AGE'],
  senior: ['AGE'],
  employment: ['EMPLOYEE'],
  member: ['MEMBER'],
  identity: ['IDENTITY'],
};

/** Affiliations a segment asks for, and the one a success confirms. */
export function affiliations(segment: string, subSegment: string | null) {
  const requested = SEGMENT_AFFILIATIONS[segment] ?? (subSegment ? [errorCode(subSegment)] : [segment.toUpperCase()]);
  const confirmed = subSegment && !SEGMENT_AFFILIATIONS[segment] ? errorCode(subSegment) : requested[0];
  return { requested: requested.join(', '), confirmed };
}
