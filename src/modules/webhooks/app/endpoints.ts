import { isEventPattern } from '../domain/event-types.ts';
import { isPartnerEndpoint, programOfPartnerEndpoint } from '../domain/partner-webhook.ts';
import { isProgramEndpoint, programOfEndpoint } from '../domain/program-webhook.ts';
import { WebhookErrors } from '../error-codes.ts';
import { checkHost } from '../infra/address-guard.ts';
import { newSecret } from '../infra/signature.ts';
import type { EndpointRow } from '../infra/webhooks-repository.ts';
import type { WebhooksDeps } from './deps.ts';

export const present = (r: EndpointRow) => {
  const programId = programOfEndpoint(r.id) ?? programOfPartnerEndpoint(r.id);
  return {
    id: r.id,
    url: r.url,
    description: r.description,
    eventTypes: r.event_types,
    enabled: r.enabled,
    disabledReason: r.disabled_reason,
    // A program webhook (registered with POST /rest/v2/program/{programId}/webhook) or a partner webhook
    // (POST /rest/oem/program/{id}/webhooks) says whose it is.
    ...(programId ? { programId } : {}),
    created: r.created_at.getTime(),
    updated: r.updated_at.getTime(),
  };
};

function checkTypes(types: string[]): string[] {
  const unknown = types.filter((t) => !isEventPattern(t));
  if (unknown.length) throw WebhookErrors.badEventTypes(`Unknown event type(s): ${unknown.join(', ')}`);
  return [...new Set(types)];
}

/** A URL we may POST to: http(s), no credentials, and (unless allowed) a host that resolves only to public addresses. */
export async function checkUrl(deps: WebhooksDeps, text: string): Promise<string> {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw WebhookErrors.badUrl(`'${text}' is not an absolute URL`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw WebhookErrors.badUrl('The URL must use https (or http)');
  if (url.username || url.password) throw WebhookErrors.badUrl('The URL must not carry credentials');
  if (!deps.allowPrivateTargets) {
    try {
      await checkHost(url.hostname);
    } catch (e) {
      const code = (e as { code?: string }).code;
      if (code === 'EBLOCKEDTARGET') throw WebhookErrors.blockedTarget((e as Error).message);
      throw WebhookErrors.badUrl(`The host '${url.hostname}' cannot be resolved`);
    }
  }
  return url.toString();
}

/** Registers an endpoint. The signing secret is returned here once; it is stored encrypted. */
export async function createEndpoint(
  deps: WebhooksDeps,
  accountId: string,
  input: { url: string; eventTypes: string[]; description?: string },
) {
  const types = checkTypes(input.eventTypes);
  const url = await checkUrl(deps, input.url);
  const secret = newSecret();
  const now = deps.clock.now();
  const row = {
    id: `whe_${deps.ids.hex24()}`,
    account_id: accountId,
    url,
    description: input.description ?? null,
    event_types: types,
    secret_enc: deps.box.encrypt(secret),
    created_at: now,
    updated_at: now,
  };
  await deps.repo.insertEndpoint(row);
  return { ...present({ ...row, enabled: true, disabled_reason: null }), secret };
}

export async function listEndpoints(deps: WebhooksDeps, accountId: string) {
  return (await deps.repo.listEndpoints(accountId)).map(present);
}

export async function getEndpoint(deps: WebhooksDeps, accountId: string, id: string) {
  const row = await deps.repo.findEndpoint(accountId, id);
  if (!row) throw WebhookErrors.unknownEndpoint(id);
  return present(row);
}

/** Enables or disables an endpoint (re-enabling one a 410 disabled), or changes its subscriptions. */
export async function updateEndpoint(
  deps: WebhooksDeps,
  accountId: string,
  id: string,
  patch: { enabled?: boolean; eventTypes?: string[]; description?: string | null },
) {
  // A program webhook is told of its program's successes only: what it hears is not a subscription.
  if (patch.eventTypes && (isProgramEndpoint(id) || isPartnerEndpoint(id)) && (await deps.repo.findEndpoint(accountId, id))) {
    throw WebhookErrors.programWebhookTypes(id);
  }
  const types = patch.eventTypes ? checkTypes(patch.eventTypes) : undefined;
  if (
    !(await deps.repo.updateEndpoint(
      accountId,
      id,
      { enabled: patch.enabled, event_types: types, description: patch.description },
      deps.clock.now(),
    ))
  ) {
    throw WebhookErrors.unknownEndpoint(id);
  }
  return getEndpoint(deps, accountId, id);
}

/** Deletes an endpoint: nothing more is sent to it; its deliveries and attempts stay readable through their events. */
export async function deleteEndpoint(deps: WebhooksDeps, accountId: string, id: string) {
  if (!(await deps.repo.deleteEndpoint(accountId, id, deps.clock.now()))) throw WebhookErrors.unknownEndpoint(id);
}
