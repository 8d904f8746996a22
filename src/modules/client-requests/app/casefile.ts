import type { Database } from '../../../platform/db/index.ts';
import { EVENTS, REQUEST_STATUS, wireDate } from '../domain/model.ts';
import { ClientRequestErrors } from '../error-codes.ts';
import type { ClientRequestsDeps } from './deps.ts';
import { event } from './links.ts';
import { fileView } from './present.ts';

/** A file reference as the dialect's bodies give it. */
export interface FileRef {
  fileReferenceId: string;
}

async function loadFile(deps: ClientRequestsDeps, accountId: string, { fileReferenceId: id }: FileRef) {
  const file = await deps.repo.findFile(accountId, id);
  if (!file) throw ClientRequestErrors.unknownFile(id);
  return file;
}

/** `casefile/details`: the file, its derived status and every request it ever had. */
export async function fileDetails(deps: ClientRequestsDeps, accountId: string, ref: FileRef) {
  const file = await loadFile(deps, accountId, ref);
  return fileView(deps, file, await deps.repo.requestsOfFile(file.account_id, file.id), { allOfFile: true });
}

/** `casefile/events`: what happened to the file, oldest first. */
export async function fileEvents(deps: ClientRequestsDeps, accountId: string, ref: FileRef) {
  const file = await loadFile(deps, accountId, ref);
  return (await deps.repo.events(file.id)).map((e) => ({
    eventId: e.event_id,
    message: e.message,
    timeStamp: wireDate(e.created_at),
    clientRequestId: e.client_request_id,
  }));
}

/**
 * `casefile/cancel` and `casefile/close`: the file ends; its requests still pending are cancelled and their
 * links expired, so no client can go on with a file the organization has ended.
 */
export async function endFile(deps: ClientRequestsDeps, accountId: string, ref: FileRef, how: 'Cancelled' | 'Closed') {
  const file = await loadFile(deps, accountId, ref);
  const now = deps.clock.now();
  await deps.repo.transaction(async (trx: Database) => {
    const locked = (await deps.repo.findFile(accountId, file.id, trx, true))!;
    if (locked.closed_status) throw ClientRequestErrors.notAllowed(`The file is already ${locked.closed_status}`, false);
    await deps.repo.setClosedStatus(trx, file.id, how);
    for (const r of await deps.repo.requestsOfFile(file.account_id, file.id, trx)) {
      if (r.status !== REQUEST_STATUS.pending) continue;
      await deps.repo.setRequest(trx, r.id, { status: REQUEST_STATUS.cancelled }, now);
      await deps.repo.endActiveLinks(trx, r.id, 'cancelled');
    }
    await event(
      deps,
      trx,
      { id: null, account_id: accountId, file_id: file.id },
      how === 'Cancelled' ? EVENTS.fileCancelled : EVENTS.fileClosed,
      now,
    );
  });
  return true;
}

/** The scheduler's sweep: links past their end become expired, each with its file event, once. */
export async function expireDueLinks(deps: ClientRequestsDeps): Promise<number> {
  let expired = 0;
  for (;;) {
    const due = await deps.repo.dueLinks(deps.clock.now());
    if (due.length === 0) return expired;
    for (const l of due) {
      await deps.repo.transaction(async (trx: Database) => {
        if (await deps.repo.expireLink(trx, l.id)) {
          await event(deps, trx, { id: l.request_id, account_id: l.account_id, file_id: l.file_id }, EVENTS.linkExpired, deps.clock.now());
          expired++;
        }
      });
    }
  }
}
