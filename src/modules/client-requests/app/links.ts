import { sha256 } from '../../../platform/crypto/index.ts';
import type { Database } from '../../../platform/db/index.ts';
import { EVENTS, wireDate } from '../domain/model.ts';
import { SEND_LINK_MAIL_JOB, type ClientRequestsDeps } from './deps.ts';

export interface IssuedLink {
  id: number;
  link: string;
  startDate: string | null;
  endDate: string | null;
}

/**
 * Issues a request's new link (256-bit token, stored hashed) and ends any earlier active one: a request
 * has at most one live link. With `sendMail`, the mail job is enqueued in the same transaction and the URL
 * is kept encrypted only until that mail is sent.
 */
export async function issueLink(
  deps: ClientRequestsDeps,
  trx: Database,
  request: { id: string; account_id: string; file_id: string },
  options: { sendMail: boolean; lifetimeHours: number; now: Date },
): Promise<IssuedLink> {
  const token = deps.ids.secret('vcl');
  const link = `${deps.publicUrl}/verify/${token}`;
  const end = new Date(options.now.getTime() + options.lifetimeHours * 3_600_000);
  await deps.repo.endActiveLinks(trx, request.id, 'superseded');
  const id = await deps.repo.insertLink(trx, {
    account_id: request.account_id,
    request_id: request.id,
    token_hash: sha256(token),
    url_enc: options.sendMail ? deps.box.encrypt(link) : null,
    start_date: options.now,
    end_date: end,
    send_mail: options.sendMail,
  });
  if (options.sendMail) await deps.jobs.send(SEND_LINK_MAIL_JOB, { linkId: id }, { exec: trx });
  else await event(deps, trx, request, EVENTS.linkIssued, options.now);
  return { id, link, startDate: wireDate(options.now), endDate: wireDate(end) };
}

/** What writing a file event needs: the store and the webhook outbox (the id-reports module writes them too). */
export type EventDeps = Pick<ClientRequestsDeps, 'repo' | 'events'>;

/** Records a file event and emits it as a webhook, in the caller's transaction. */
export async function event(
  deps: EventDeps,
  trx: Database,
  request: { id: string | null; account_id: string; file_id: string },
  e: { id: number; message: string },
  now: Date,
) {
  await deps.repo.insertEvent(trx, {
    account_id: request.account_id,
    file_id: request.file_id,
    client_request_id: request.id,
    event_id: e.id,
    message: e.message,
    created_at: now,
  });
  // The same event as a webhook, in Treefort's payload shape: 1xx name the file, 2xx-3xx the client request.
  // The references are read only when an endpoint listens.
  const aboutFile = e.id < 200;
  await deps.events.emit(trx, {
    accountId: request.account_id,
    type: aboutFile ? 'file.event' : 'client.event',
    subjectId: aboutFile ? request.file_id : (request.id ?? request.file_id),
    payload: async () => {
      const refs = await references(deps, trx, request);
      return {
        fileReferenceId: aboutFile ? request.file_id : null,
        clientRequestId: aboutFile ? null : request.id,
        requesterReferenceId: refs.requesterReferenceId,
        requesterClientRequestId: refs.requesterClientRequestId,
        eventId: e.id,
        event: e.message,
      };
    },
  });
}

/** The organization's own references of a file and request, as webhook payloads carry them. */
export async function references(deps: EventDeps, exec: Database, request: { id: string | null; account_id: string; file_id: string }) {
  const file = await deps.repo.findFile(request.account_id, request.file_id, exec);
  const clientRequest = request.id ? await deps.repo.findRequest(request.account_id, request.id, exec) : undefined;
  return {
    requesterReferenceId: file?.requester_reference_id ?? null,
    requesterClientRequestId: clientRequest?.requester_client_request_id ?? null,
  };
}
