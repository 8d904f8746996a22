import type { Principal } from '../../../shared/principal.ts';
import { COLUMN_DESCRIPTIONS, FIXED_COLUMNS, PII_COLUMNS } from '../domain/columns.ts';
import { ReportErrors } from '../error-codes.ts';
import type { ReportsDeps } from './deps.ts';

export interface ReportField {
  name: string;
  columnHeading: string;
  description?: string;
}

/** How many of the latest verifications are read for their metadata keys (the keys are encrypted with the rest). */
const METADATA_SAMPLE = 1000;

const field = (heading: string): ReportField => {
  const description = COLUMN_DESCRIPTIONS[heading as (typeof FIXED_COLUMNS)[number]];
  return description ? { name: heading, columnHeading: heading, description } : { name: heading, columnHeading: heading };
};

/**
 * `GET /report/fields?programIds=` (SheerID §2.6): the columns a verification report can hold, by scope.
 * STANDARD and PII are the report's fixed columns (PII holds the person's data); METADATA are the metadata
 * keys found on the account's latest verifications of those programs (all programs when none is named).
 * A program of another account is answered as an unknown one.
 */
export async function reportFields(deps: ReportsDeps, principal: Principal, programIds: string[] | null) {
  if (programIds) {
    const own = new Set((await deps.repo.programNames(principal.accountId)).map((p) => p.id));
    const unknown = programIds.find((id) => !own.has(id));
    if (unknown !== undefined) throw ReportErrors.unknownProgram(unknown);
  }
  const keys = new Set<string>();
  for (const enc of await deps.repo.latestMetadata(principal.accountId, programIds, METADATA_SAMPLE)) {
    for (const k of Object.keys(deps.box.decryptJson<Record<string, string>>(enc))) keys.add(k);
  }
  return [
    { scope: 'STANDARD' as const, fields: FIXED_COLUMNS.filter((c) => !PII_COLUMNS.has(c)).map(field) },
    { scope: 'PII' as const, fields: FIXED_COLUMNS.filter((c) => PII_COLUMNS.has(c)).map(field) },
    { scope: 'METADATA' as const, fields: [...keys].sort().map((k) => ({ name: k, columnHeading: k })) },
  ];
}
