import type { Database } from '../../../platform/db/index.ts';
import {
  partnerEndpointId,
  partnerEventType,
  partnerWebhookBody,
  programOfPartnerEndpoint,
  type PartnerWebhookType,
} from '../domain/partner-webhook.ts';
import { WebhookErrors } from '../error-codes.ts';
import { newSharedSecret } from '../infra/signature.ts';
import type { EndpointRow } from '../infra/webhooks-repository.ts';
import type { WebhooksDeps } from './deps.ts';
import { checkUrl } from './endpoints.ts';

/** How many partner webhooks one program may have. */
export const MAX_PARTNER_WEBHOOKS = 50;

/** A partner webhook as SheerID's partner API shows it. */
export const presentPartnerWebhook = (r: EndpointRow) => ({
  id: r.id,
  callbackUri: r.url,
  type: r.event_types[0] ?? '',
  webhookStatus: r.enabled ? ('ENABLED' as const) : ('DISABLED' as const),
});

/**
 * Registers partner webhooks of a program (SheerID's `POST /rest/oem/program/{id}/webhooks`), each told
 * of one type of news. Every callback is held to the rules of every endpoint (the SSRF guard included)
 * before anything is stored, so a refused one registers none. A webhook the program already has (same
 * type, same callback) is answered as it is rather than registered twice, so a client may register its
 * set again. Each new webhook gets its own signing secret (`X-Sheerid-Signature`), in this answer only.
 * A TEST webhook is sent one delivery (`{"program_id": ...}`) at once.
 */
export async function createPartnerWebhooks(
  deps: WebhooksDeps,
  accountId: string,
  programId: string,
  wanted: { type: PartnerWebhookType; callbackUri: string }[],
) {
  await deps.programOfAccount(accountId, programId); // another account's program is answered as unknown (noProgram)
  const checked: { type: PartnerWebhookType; url: string }[] = [];
  for (const w of wanted) checked.push({ type: w.type, url: await checkUrl(deps, w.callbackUri) });
  const existing = await deps.repo.listPartnerEndpoints(accountId, programId);
  const same = (r: { url: string; event_types: string[] }, w: { type: string; url: string }) =>
    r.url === w.url && r.event_types[0] === w.type;
  const fresh = checked.filter(
    (w, i) => !existing.some((r) => same(r, w)) && checked.findIndex((o) => o.type === w.type && o.url === w.url) === i,
  );
  if (existing.length + fresh.length > MAX_PARTNER_WEBHOOKS) throw WebhookErrors.tooManyPartnerWebhooks(programId, MAX_PARTNER_WEBHOOKS);
  const now = deps.clock.now();
  const made = fresh.map((w) => {
    const signingSecret = newSharedSecret();
    const row = {
      id: partnerEndpointId(programId, deps.ids.hex24()),
      account_id: accountId,
      url: w.url,
      description: null,
      event_types: [w.type],
      secret_enc: deps.box.encrypt(signingSecret),
      created_at: now,
      updated_at: now,
    };
    return { row, signingSecret };
  });
  await deps.repo.transaction(async (trx) => {
    for (const { row } of made) await deps.repo.insertEndpoint(row, trx);
    const tests = made.filter(({ row }) => row.event_types[0] === 'TEST').map(({ row }) => row.id);
    if (tests.length) await sendTest(deps, trx, accountId, programId, tests, now);
  });
  return checked.map((w) => {
    const mine = made.find(({ row }) => same(row, w));
    if (mine) return { ...presentPartnerWebhook({ ...mine.row, enabled: true, disabled_reason: null }), signingSecret: mine.signingSecret };
    return presentPartnerWebhook(existing.find((r) => same(r, w))!);
  });
}

/** One TEST delivery to each of `endpointIds`, written with their registration. */
async function sendTest(deps: WebhooksDeps, trx: Database, accountId: string, programId: string, endpointIds: string[], now: Date) {
  const subject = `program:${programId}`;
  const last = await deps.repo.reserveSequences(trx, accountId, new Map([[subject, 1]]));
  const id = `evt_${deps.ids.hex24()}`;
  await deps.repo.insertEvents(trx, [
    {
      id,
      account_id: accountId,
      type: partnerEventType('TEST'),
      subject_id: subject,
      sequence: last.get(subject)!,
      body: partnerWebhookBody('TEST', { programId }),
      created_at: now,
    },
  ]);
  await deps.repo.insertDeliveries(
    endpointIds.map((endpointId) => ({
      id: deps.ids.hex24(),
      account_id: accountId,
      event_id: id,
      endpoint_id: endpointId,
      next_attempt_at: now,
      created_at: now,
    })),
    trx,
  );
}

export async function listPartnerWebhooks(deps: WebhooksDeps, accountId: string, programId: string) {
  await deps.programOfAccount(accountId, programId);
  return (await deps.repo.listPartnerEndpoints(accountId, programId)).map(presentPartnerWebhook);
}

/** A program's partner webhook; another program's (or account's), or any other endpoint, is unknown. */
async function findPartnerWebhook(deps: WebhooksDeps, accountId: string, programId: string, webhookId: string) {
  await deps.programOfAccount(accountId, programId);
  const row = programOfPartnerEndpoint(webhookId) === programId ? await deps.repo.findEndpoint(accountId, webhookId) : undefined;
  if (!row) throw WebhookErrors.unknownPartnerWebhook(webhookId);
  return row;
}

export async function getPartnerWebhook(deps: WebhooksDeps, accountId: string, programId: string, webhookId: string) {
  return presentPartnerWebhook(await findPartnerWebhook(deps, accountId, programId, webhookId));
}

/** Changes a partner webhook's callback (held to the same rules), type or status (ENABLED re-enables one a 410 disabled). */
export async function updatePartnerWebhook(
  deps: WebhooksDeps,
  accountId: string,
  programId: string,
  webhookId: string,
  patch: { callbackUri?: string; type?: PartnerWebhookType; webhookStatus?: 'ENABLED' | 'DISABLED' },
) {
  await findPartnerWebhook(deps, accountId, programId, webhookId);
  const url = patch.callbackUri === undefined ? undefined : await checkUrl(deps, patch.callbackUri);
  const enabled = patch.webhookStatus === undefined ? undefined : patch.webhookStatus === 'ENABLED';
  if (!(await deps.repo.updatePartnerEndpoint(accountId, webhookId, { url, type: patch.type, enabled }, deps.clock.now()))) {
    throw WebhookErrors.unknownPartnerWebhook(webhookId);
  }
  return getPartnerWebhook(deps, accountId, programId, webhookId);
}

/** Deletes a partner webhook: nothing more is sent to it. Answers the webhook as it was. */
export async function deletePartnerWebhook(deps: WebhooksDeps, accountId: string, programId: string, webhookId: string) {
  const row = await findPartnerWebhook(deps, accountId, programId, webhookId);
  if (!(await deps.repo.deleteEndpoint(accountId, webhookId, deps.clock.now()))) throw WebhookErrors.unknownPartnerWebhook(webhookId);
  return presentPartnerWebhook(row);
}
