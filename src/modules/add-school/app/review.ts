import { isAppError } from '../../../shared/errors.ts';
import type { Organization } from '../../organizations/index.ts';
import { type Decision, type RequestStatus, statusOf, typeForApprovedSchool } from '../domain/add-school-request.ts';
import { AddSchoolErrors } from '../error-codes.ts';
import type { StoredRequest } from '../infra/add-school-repository.ts';
import type { AddSchoolAppDeps } from './deps.ts';
import { acceptanceOf } from './program-acceptance.ts';
import type { RequestPerson } from './request-school.ts';

export interface PendingRequest {
  requestId: string;
  programId: string;
  created: number;
  trackingId: string | null;
  person: RequestPerson;
  school: { name: string; domain: string; country: string };
}

export interface DecidedRequest {
  requestId: string;
  programId: string;
  status: Exclude<RequestStatus, 'PENDING'>;
  decided: number;
  /** The organization an approval added (or found already there); null for a rejection. */
  organization: Organization | null;
}

/** The account's pending add-school requests, oldest first, with the person decrypted for the reviewer. */
export async function addSchoolQueue(deps: AddSchoolAppDeps, accountId: string, limit: number): Promise<PendingRequest[]> {
  const requests = await deps.repo.pending(accountId, limit);
  return requests.map((r) => ({
    requestId: r.id,
    programId: r.programId,
    created: r.createdAt.getTime(),
    trackingId: r.trackingId,
    person: deps.box.decryptJson<RequestPerson>(r.personEnc),
    school: { name: r.schoolName, domain: r.schoolDomain, country: r.schoolCountry },
  }));
}

/**
 * Decides a pending request of the account, once: an approval adds the school to the account's
 * organizations (with the first school type the program takes, so that the program's search finds it),
 * in the same transaction as the decision. Another account's request is unknown; a decided one is final.
 */
export async function decideAddSchool(
  deps: AddSchoolAppDeps,
  input: { accountId: string; requestId: string; decision: Decision; note?: string; decidedBy: string },
): Promise<DecidedRequest> {
  const { accountId, requestId } = input;
  // Read before the transaction: the program is loaded through another module's store handle, which must
  // not be asked while this transaction holds the (embedded store's only) connection.
  const seen = await deps.repo.find(accountId, requestId);
  if (!seen) throw AddSchoolErrors.noRequest(requestId);
  if (seen.status !== 'PENDING') throw AddSchoolErrors.alreadyDecided(requestId, seen.status);
  const type = input.decision === 'APPROVE' ? typeForApprovedSchool(await programTypes(deps, seen)) : null;

  const at = deps.clock.now();
  return deps.repo.transaction(async (trx) => {
    const request = await deps.repo.find(accountId, requestId, { exec: trx, lock: true });
    if (!request) throw AddSchoolErrors.noRequest(requestId);
    if (request.status !== 'PENDING') throw AddSchoolErrors.alreadyDecided(requestId, request.status);
    const organization =
      type === null
        ? null
        : (
            await deps.organizations.add(
              accountId,
              { name: request.schoolName, type, country: request.schoolCountry, domain: request.schoolDomain },
              trx,
            )
          ).organization;
    const status = statusOf(input.decision);
    const decided = await deps.repo.markDecided(
      accountId,
      requestId,
      {
        status,
        at,
        by: input.decidedBy,
        noteEnc: input.note === undefined ? null : deps.box.encrypt(input.note),
        organizationId: organization?.id ?? null,
      },
      trx,
    );
    if (!decided) throw AddSchoolErrors.alreadyDecided(requestId, request.status);
    return { requestId, programId: request.programId, status, decided: at.getTime(), organization };
  });
}

/** The organization types the request's program takes (none known when the program is gone). */
async function programTypes(deps: AddSchoolAppDeps, request: StoredRequest): Promise<readonly string[]> {
  try {
    return acceptanceOf(await deps.loadProgram(request.programId, request.accountId)).types;
  } catch (e) {
    if (isAppError(e) && e.code === 'noProgram') return [];
    throw e;
  }
}
