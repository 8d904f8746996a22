import { sql } from 'kysely';
import type { Database } from '../../../platform/db/index.ts';
import type { Program } from '../../programs/index.ts';
import type { Person } from '../domain/person-validation.ts';
import type { VerificationsDeps } from './deps.ts';
import { decidePeople } from './decide-person.ts';
import { reverifiedEvents } from './webhook-events.ts';

export type ReverifyOutcome = 'ELIGIBLE' | 'INELIGIBLE' | 'NOT_FOUND' | 'NOT_VERIFIABLE';

export interface PreparedReverification {
  verificationId: string;
  outcome: ReverifyOutcome;
  /** What the decision gave the new verification (absent when there was nothing to re-check). */
  row?: NewRow;
}

/**
 * The new verification's own columns and those its event names. The rest (person, metadata, locale...)
 * are copied from the original by the database when it is stored.
 */
type NewRow = {
  id: string;
  account_id: string;
  program_id: string;
  segment: string;
  sub_segment: string | null;
  current_step: string;
  tracking_id: string | null;
  organization_id: number | null;
  organization_name: string | null;
  error_ids: string;
  system_error_message: string | null;
  reverify_of: string;
  reverify_batch_id: string;
  created_at: Date;
};

/**
 * Re-runs the decision of earlier verifications against the program's current data sources, without
 * writing: the caller stores the results with `storeReverifications` in its own transaction. Ids that are
 * not verifications of the program are reported as NOT_FOUND; ones that never got person data as NOT_VERIFIABLE.
 */
export async function prepareReverifications(
  deps: VerificationsDeps,
  program: Program,
  batchId: string,
  ids: string[],
): Promise<PreparedReverification[]> {
  const originals = await deps.repo.originalsForReverify(program.accountId, program.id, ids);
  const byId = new Map(originals.map((o) => [o.id, o]));
  const now = deps.clock.now();
  const verifiable = originals.filter((o) => o.person_enc);
  const decisions = await decidePeople(
    deps,
    program,
    verifiable.map((o) => deps.box.decryptJson<Person>(o.person_enc!)),
  );
  const decided = new Map(verifiable.map((o, i) => [o.id, decisions[i]]));
  const out: PreparedReverification[] = [];
  for (const id of ids) {
    const o = byId.get(id);
    if (!o) {
      out.push({ verificationId: id, outcome: 'NOT_FOUND' });
      continue;
    }
    const d = decided.get(id);
    if (!d) {
      out.push({ verificationId: id, outcome: 'NOT_VERIFIABLE' });
      continue;
    }
    const { decision, organization } = d;
    const eligible = decision.kind === 'success';
    const errorId = decision.kind === 'fieldErrors' ? decision.errorIds[0] : decision.kind === 'error' ? decision.errorId : 'notApproved';
    out.push({
      verificationId: id,
      outcome: eligible ? 'ELIGIBLE' : 'INELIGIBLE',
      row: {
        id: deps.ids.hex24(),
        account_id: program.accountId,
        program_id: program.id,
        segment: o.segment,
        sub_segment: o.sub_segment,
        current_step: eligible ? 'success' : 'error',
        tracking_id: o.tracking_id,
        organization_id: organization?.id ?? null,
        organization_name: organization?.name ?? null,
        error_ids: JSON.stringify(eligible ? [] : [errorId]),
        system_error_message: eligible ? null : `Re-verification found the person no longer eligible (${errorId})`,
        reverify_of: id,
        reverify_batch_id: batchId,
        created_at: now,
      },
    });
  }
  return out;
}

/**
 * Stores prepared re-verifications (new verification rows, their one step each, and their events) in `exec`.
 * The columns a re-verification copies from its original (person, metadata, tracking id...) are copied by
 * the database; only what the decision changed travels, as one JSON document, so a chunk is two small
 * statements.
 */
export async function storeReverifications(deps: Pick<VerificationsDeps, 'events'>, exec: Database, prepared: PreparedReverification[]) {
  const rows = prepared.flatMap((p) => (p.row ? [p.row] : []));
  if (rows.length === 0) return;
  const changed = JSON.stringify(
    rows.map((r) => ({
      id: r.id,
      original: r.reverify_of,
      step: r.current_step,
      organization_id: r.organization_id,
      organization_name: r.organization_name,
      error_ids: r.error_ids,
      message: r.system_error_message,
    })),
  );
  const recordset = sql`json_to_recordset(${changed}::json) as n(id text, original text, step text, organization_id bigint,
    organization_name text, error_ids text, message text)`;
  const { reverify_batch_id: batchId, created_at: now } = rows[0];
  await sql`
    insert into verifications (id, account_id, program_id, segment, sub_segment, current_step, locale, country, test_mode,
      tracking_id, metadata_enc, person_enc, person_id, organization_id, organization_name, error_ids, system_error_message,
      reverify_of, reverify_batch_id, created_at, updated_at, version)
    select n.id, o.account_id, o.program_id, o.segment, o.sub_segment, n.step, o.locale, o.country, o.test_mode,
      o.tracking_id, o.metadata_enc, o.person_enc, o.person_id, n.organization_id, n.organization_name, n.error_ids::jsonb, n.message,
      o.id, ${batchId}, ${now}, ${now}, 1
    from ${recordset} join verifications o on o.id = n.original`.execute(exec);
  await sql`
    insert into verification_steps (verification_id, account_id, step, response)
    select n.id, ${rows[0].account_id}, n.step,
      jsonb_build_object('verificationId', n.id, 'currentStep', n.step, 'errorIds', n.error_ids::jsonb, 'reverifyOf', n.original)
    from ${recordset}`.execute(exec);
  await deps.events.emitMany(exec, reverifiedEvents(prepared));
}
