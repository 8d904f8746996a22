import type { Database } from '../../../platform/db/index.ts';
import type { ClientChange } from '../domain/client-input.ts';
import { EVENTS, REQUEST_STATUS } from '../domain/model.ts';
import type { FileRow, RequestRow } from '../infra/client-requests-repository.ts';
import type { ClientRequestsDeps } from './deps.ts';
import { event, issueLink, type IssuedLink } from './links.ts';
import type { Profile } from './present.ts';

export const emailKey = (deps: ClientRequestsDeps, email: string) => deps.box.digest(`idv-email:${email.trim().toLowerCase()}`);

/** The client record for a profile: the account's existing one with that email, unless a new record is asked for. */
export async function clientFor(deps: ClientRequestsDeps, trx: Database, accountId: string, profile: Profile, createNew: boolean) {
  const hash = emailKey(deps, profile.email);
  const existing = createNew ? undefined : await deps.repo.findClientByEmail(trx, accountId, hash);
  if (existing) {
    await deps.repo.updateClient(trx, existing.id, hash, deps.box.encryptJson(profile));
    return existing.id;
  }
  const id = deps.ids.uuid();
  await deps.repo.insertClient(trx, { id, account_id: accountId, email_hash: hash, profile_enc: deps.box.encryptJson(profile) });
  return id;
}

export const profileOf = (c: ClientChange): Profile => ({
  firstName: c.firstName!,
  middleName: c.middleName ?? null,
  lastName: c.lastName!,
  email: c.email!,
  phoneNumber: c.phoneNumber!,
  dateOfBirth: c.dateOfBirth ?? null,
  language: c.language ?? null,
});

/** A new pending request for a client on a file, with its link (emailed unless `sendMail` is false). */
export async function startRequest(
  deps: ClientRequestsDeps,
  trx: Database,
  file: FileRow,
  input: {
    clientId: string;
    requesterClientRequestId: string | null;
    banking: boolean;
    sendMail: boolean;
    lifetimeHours: number;
    now: Date;
    event?: { id: number; message: string };
  },
): Promise<{ request: RequestRow; link: IssuedLink }> {
  const request: RequestRow = {
    id: deps.ids.uuid(),
    account_id: file.account_id,
    file_id: file.id,
    client_id: input.clientId,
    requester_client_request_id: input.requesterClientRequestId,
    status: REQUEST_STATUS.pending,
    banking_required: input.banking,
    replaced_by: null,
    version: 1,
    created_at: input.now,
    updated_at: input.now,
  };
  await deps.repo.insertRequest(trx, {
    id: request.id,
    account_id: request.account_id,
    file_id: request.file_id,
    client_id: request.client_id,
    requester_client_request_id: request.requester_client_request_id,
    status: request.status,
    banking_required: request.banking_required,
  });
  const link = await issueLink(deps, trx, request, { sendMail: input.sendMail, lifetimeHours: input.lifetimeHours, now: input.now });
  await event(deps, trx, request, input.event ?? EVENTS.requestSent, input.now);
  return { request, link };
}

/** Ends a request in favour of a new one (re-initiate, update): Cancelled, pointing at its successor, links ended. */
export async function supersede(deps: ClientRequestsDeps, trx: Database, old: RequestRow, successorId: string, now: Date) {
  await deps.repo.setRequest(trx, old.id, { status: REQUEST_STATUS.cancelled, replaced_by: successorId }, now);
  await deps.repo.endActiveLinks(trx, old.id, 'cancelled');
}

/** An open file (not Cancelled or Closed), or the error the dialect answers with. */
export function assertOpen(file: FileRow, what: string) {
  if (file.closed_status) return `Cannot ${what}: the file is ${file.closed_status}`;
  return null;
}
