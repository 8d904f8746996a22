import type { Database } from '../../../platform/db/index.ts';
import { NOT_CLEARABLE, REQUIRED_CLIENT_FIELDS, type ClientChange } from '../domain/client-input.ts';
import { mailStatus } from '../domain/link-mail.ts';
import { EVENTS, REQUEST_STATUS } from '../domain/model.ts';
import type { RequestRow } from '../infra/client-requests-repository.ts';
import { ClientRequestErrors } from '../error-codes.ts';
import type { ClientRequestsDeps } from './deps.ts';
import { event, issueLink, type IssuedLink } from './links.ts';
import { fileView, type Profile } from './present.ts';
import { assertOpen, clientFor, profileOf, startRequest, supersede } from './start-request.ts';

const LIVE = [REQUEST_STATUS.pending, REQUEST_STATUS.review] as string[];

async function loadRequest(deps: ClientRequestsDeps, accountId: string, id: string, trx?: Database) {
  const r = await deps.repo.findRequest(accountId, id, trx, !!trx);
  if (!r) throw ClientRequestErrors.unknownRequest(id);
  const file = (await deps.repo.findFile(accountId, r.file_id, trx))!;
  return { r, file };
}

/** Runs `fn` in a transaction holding the request's row lock, so concurrent changes of one request queue up. */
async function withRequest<T>(
  deps: ClientRequestsDeps,
  accountId: string,
  id: string,
  fn: (trx: Database, r: RequestRow, file: Awaited<ReturnType<typeof loadRequest>>['file']) => Promise<T>,
) {
  await loadRequest(deps, accountId, id); // answer unknown ids before opening a transaction
  return deps.repo.transaction(async (trx: Database) => {
    const { r, file } = await loadRequest(deps, accountId, id, trx);
    return fn(trx, r, file);
  });
}

/** `re-initiate-verification-request`: the old request is Cancelled and its link expired; a new request and link are sent. */
export async function reinitiate(
  deps: ClientRequestsDeps,
  accountId: string,
  input: { clientRequestId: string; bankingLoginRequired?: boolean },
) {
  const { clientRequestId: id, bankingLoginRequired: banking } = input;
  const now = deps.clock.now();
  const settings = await deps.repo.settings(accountId);
  const { file, request, link } = await withRequest(deps, accountId, id, async (trx, r, file) => {
    const closed = assertOpen(file, 're-initiate a verification');
    if (closed) throw ClientRequestErrors.notAllowed(closed);
    if (r.replaced_by) throw ClientRequestErrors.notAllowed(`Request '${r.id}' was replaced by '${r.replaced_by}'; re-initiate that one`);
    if (r.status === REQUEST_STATUS.approved) throw ClientRequestErrors.notAllowed(`Request '${r.id}' is already approved`);
    const started = await startRequest(deps, trx, file, {
      clientId: r.client_id,
      requesterClientRequestId: r.requester_client_request_id,
      banking: banking ?? r.banking_required,
      sendMail: true,
      lifetimeHours: settings.link_lifetime_hours,
      now,
      event: EVENTS.requestReinitiated,
    });
    await supersede(deps, trx, r, started.request.id, now);
    return { file, ...started };
  });
  return fileView(deps, file, [request], { fresh: [link], initialStatus: true });
}

/** `cancel-verification`: a pending or in-review request becomes Cancelled, its link expired. */
export async function cancelVerification(
  deps: ClientRequestsDeps,
  accountId: string,
  { clientRequestId: id }: { clientRequestId: string },
) {
  const now = deps.clock.now();
  await withRequest(deps, accountId, id, async (trx, r) => {
    if (!LIVE.includes(r.status)) throw ClientRequestErrors.notAllowed(`Request '${r.id}' is ${r.status} and cannot be cancelled`, false);
    await deps.repo.setRequest(trx, r.id, { status: REQUEST_STATUS.cancelled }, now);
    await deps.repo.endActiveLinks(trx, r.id, 'cancelled');
    await event(deps, trx, r, EVENTS.requestCancelled, now);
  });
  return true;
}

/**
 * `get-link-info`: issues a new link to deliver yourself (not emailed) and ends the earlier one, the mailed
 * link included: Treefort's Get Link expires every previous active link of the request. That is easy to
 * miss, so the answer adds `replacedLinkId`, the link it ended (null when none was live).
 */
export async function getLinkInfo(deps: ClientRequestsDeps, accountId: string, { clientRequestId: id }: { clientRequestId: string }) {
  const now = deps.clock.now();
  const settings = await deps.repo.settings(accountId);
  const link = await withRequest(deps, accountId, id, async (trx, r, file) => {
    const closed = assertOpen(file, 'issue a link');
    if (closed) throw ClientRequestErrors.notAllowed(closed);
    if (r.status !== REQUEST_STATUS.pending)
      throw ClientRequestErrors.notAllowed(`Request '${r.id}' is ${r.status}; only a pending request has a link`);
    const live = (await deps.repo.linksOf(accountId, [r.id], trx)).filter((l) => l.status === 'active' && l.end_date > now).at(-1);
    const issued = await issueLink(deps, trx, r, { sendMail: false, lifetimeHours: settings.link_lifetime_hours, now });
    return { ...issued, replacedLinkId: live?.id ?? null };
  });
  return link;
}

/**
 * `verification-details`: the request's status, the client's profile and its links, each with what became
 * of its email (`mailStatus`, see domain/link-mail.ts): a mail that could not be sent shows there.
 */
export async function verificationDetails(deps: ClientRequestsDeps, accountId: string, { clientRequestId }: { clientRequestId: string }) {
  const { r, file } = await loadRequest(deps, accountId, clientRequestId);
  const [client] = await deps.repo.clientsById(r.account_id, [r.client_id]);
  const profile = deps.box.decryptJson<Profile>(client.profile_enc);
  const view = (await fileView(deps, file, [r])).requests[0];
  const rows = new Map((await deps.repo.linksOf(r.account_id, [r.id])).map((l) => [l.id, l]));
  return {
    clientRequestId: r.id,
    requestStatus: r.status,
    requesterClientRequestId: r.requester_client_request_id,
    fileReferenceId: file.id,
    replacedBy: r.replaced_by,
    bankingLoginRequired: r.banking_required,
    profile,
    links: view.links.map((l) => ({ ...l, mailStatus: mailStatus(rows.get(l.id)!) })),
  };
}

/** What changes a file, as the route's schema gives it (http/file-bodies.ts). */
export interface UpdateFileInput {
  fileReferenceId: string;
  /**
   * With `clientRequestId`, a change of that request's client (its required fields never null); without, a
   * new client (all its required fields given). A `clientRequestId` of '' is an id like any other: none of
   * the file's requests has it.
   */
  clients: (ClientChange & { clientRequestId?: string })[];
  bankingLoginRequired?: boolean;
  createNewClientRecord?: boolean;
  sendLink?: boolean;
}

/**
 * `update-verification-request`: adds clients to a file, or changes a client's data. Changing a client
 * whose request is pending or in review cancels that request and its link and sends a new one.
 */
export async function updateVerificationRequest(deps: ClientRequestsDeps, accountId: string, input: UpdateFileInput) {
  const { fileReferenceId: fileId } = input;
  const now = deps.clock.now();
  if (!(await deps.repo.findFile(accountId, fileId))) throw ClientRequestErrors.unknownFile(fileId);
  const settings = await deps.repo.settings(accountId);
  const sendMail = input.sendLink !== false;
  const fresh: IssuedLink[] = [];

  const { file, shown } = await deps.repo.transaction(async (trx: Database) => {
    const file = (await deps.repo.findFile(accountId, fileId, trx, true))!;
    const closed = assertOpen(file, 'update the file');
    if (closed) throw ClientRequestErrors.notAllowed(closed);
    const shown: RequestRow[] = [];
    for (const [index, { clientRequestId, ...client }] of input.clients.entries()) {
      if (clientRequestId === undefined) {
        const clientId = await clientFor(deps, trx, accountId, profileOf(client), input.createNewClientRecord === true);
        const started = await startRequest(deps, trx, file, {
          clientId,
          requesterClientRequestId: client.requesterClientRequestId ?? null,
          banking: input.bankingLoginRequired === true,
          sendMail,
          lifetimeHours: settings.link_lifetime_hours,
          now,
        });
        fresh.push(started.link);
        shown.push(started.request);
        continue;
      }
      // The route's schema refuses these already; a change must never store a profile without them.
      const emptied = REQUIRED_CLIENT_FIELDS.filter((field) => field in client && client[field] == null);
      if (emptied.length) throw ClientRequestErrors.invalid(emptied.map((field) => `clients[${index}].${field} ${NOT_CLEARABLE}`));
      const r = await deps.repo.findRequest(accountId, clientRequestId, trx, true);
      if (!r || r.file_id !== file.id)
        throw ClientRequestErrors.invalid([`clientRequestId '${clientRequestId}' is not a request of file '${file.id}'`]);
      if (r.replaced_by) throw ClientRequestErrors.notAllowed(`Request '${r.id}' was replaced by '${r.replaced_by}'; update that one`);
      const [stored] = await deps.repo.clientsById(r.account_id, [r.client_id], trx);
      const merged: Profile = { ...deps.box.decryptJson<Profile>(stored.profile_enc), ...stripUndefined(client) } as Profile;
      const clientId = await clientFor(deps, trx, accountId, merged, false);
      if (!LIVE.includes(r.status)) {
        shown.push(r);
        continue;
      }
      const started = await startRequest(deps, trx, file, {
        clientId,
        requesterClientRequestId: client.requesterClientRequestId ?? r.requester_client_request_id,
        banking: input.bankingLoginRequired ?? r.banking_required,
        sendMail,
        lifetimeHours: settings.link_lifetime_hours,
        now,
        event: EVENTS.clientUpdated,
      });
      await supersede(deps, trx, r, started.request.id, now);
      fresh.push(started.link);
      shown.push(started.request);
    }
    return { file, shown };
  });
  return fileView(deps, file, shown, { fresh, initialStatus: true });
}

const stripUndefined = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
