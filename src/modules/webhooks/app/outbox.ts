import type { Database } from '../../../platform/db/index.ts';
import { subscribes, type EventType } from '../domain/event-types.ts';
import {
  isProgramEndpoint,
  PROGRAM_WEBHOOK_EVENT,
  PROGRAM_WEBHOOK_TRIGGER,
  programOfEndpoint,
  programWebhookBody,
} from '../domain/program-webhook.ts';
import {
  isPartnerEndpoint,
  PARTNER_TRIGGERS,
  partnerEventType,
  partnerTypesOf,
  partnerWebhookBody,
  programOfPartnerEndpoint,
} from '../domain/partner-webhook.ts';
import type { EventRow, NewDelivery } from '../infra/webhooks-repository.ts';
import type { WebhooksDeps } from './deps.ts';

/** Something worth telling an account's endpoints about. `payload` is the dialect's own webhook body; no PII. */
export interface WebhookEvent {
  accountId: string;
  type: EventType;
  /** What the event is about (a verification, a client request, a batch ...); events of one subject are numbered in order. */
  subjectId: string;
  /** The body's dialect fields; a function is called only when some endpoint subscribes (it may read in `exec`). */
  payload: Record<string, unknown> | (() => Promise<Record<string, unknown>>);
}

/**
 * The one way modules tell the outside world: `emit` writes the event and its deliveries with the SAME
 * transaction (`exec`) as the change it tells, so either both commit or neither does. Nothing is stored
 * when no enabled endpoint of the account subscribes to the type (a program webhook counts as subscribed
 * to its own program's `verification.success`).
 */
export interface EventOutbox {
  emit(exec: Database, event: WebhookEvent): Promise<void>;
  emitMany(exec: Database, events: WebhookEvent[]): Promise<void>;
  /**
   * True when nothing the account emits now would be stored (it has no enabled endpoint): a change may then
   * skip its transaction. Mostly answered from memory (see WebhooksRepository.isQuiet).
   */
  isQuiet(accountId: string): Promise<boolean>;
}

export function createOutbox(deps: WebhooksDeps, onEmitted: () => void = () => {}): EventOutbox {
  async function emitMany(exec: Database, events: WebhookEvent[]) {
    const byAccount = new Map<string, WebhookEvent[]>();
    for (const e of events) {
      const list = byAccount.get(e.accountId);
      if (list) list.push(e);
      else byAccount.set(e.accountId, [e]);
    }
    let wrote = false;
    for (const [accountId, list] of byAccount) {
      if (deps.repo.knownQuiet(accountId)) continue;
      const endpoints = await deps.repo.subscribers(exec, accountId);
      if (endpoints.length === 0) continue;
      const planned = await plan(list, endpoints);
      if (planned.length === 0) continue;
      const counts = new Map<string, number>();
      for (const { e } of planned) counts.set(e.subjectId, (counts.get(e.subjectId) ?? 0) + 1);
      const last = await deps.repo.reserveSequences(exec, accountId, counts);
      const next = new Map([...counts].map(([s, n]) => [s, last.get(s)! - n + 1]));
      const now = deps.clock.now();
      const rows: EventRow[] = [];
      const deliveries: NewDelivery[] = [];
      for (const { e, type, to, body } of planned) {
        const sequence = next.get(e.subjectId)!;
        next.set(e.subjectId, sequence + 1);
        const id = `evt_${deps.ids.hex24()}`;
        rows.push({ id, account_id: accountId, type, subject_id: e.subjectId, sequence, body: body(sequence, now), created_at: now });
        for (const endpointId of to)
          deliveries.push({
            id: deps.ids.hex24(),
            account_id: accountId,
            event_id: id,
            endpoint_id: endpointId,
            next_attempt_at: now,
            created_at: now,
          });
      }
      await deps.repo.insertEvents(exec, rows);
      await deps.repo.insertDeliveries(deliveries, exec);
      wrote = true;
    }
    if (wrote) onEmitted();
  }
  return { emitMany, emit: (exec, event) => emitMany(exec, [event]), isQuiet: (accountId) => deps.repo.isQuiet(accountId) };
}

/** An event row to write: its type, the endpoints it goes to, and its body once its sequence is known. */
interface Planned {
  e: WebhookEvent;
  type: string;
  to: string[];
  body: (sequence: number, now: Date) => string;
}

/**
 * The events to write for an account's endpoints: each event for the endpoints subscribed to its type,
 * and for each success of a program that has a program webhook, that webhook's own event (SheerID's body).
 */
async function plan(list: WebhookEvent[], endpoints: { id: string; event_types: string[] }[]): Promise<Planned[]> {
  const subscribed = endpoints.filter((ep) => !isProgramEndpoint(ep.id) && !isPartnerEndpoint(ep.id));
  const partnerWebhooks = endpoints.filter((ep) => isPartnerEndpoint(ep.id));
  const programWebhooks = new Map<string, string>();
  for (const ep of endpoints) {
    const programId = programOfEndpoint(ep.id);
    if (programId) programWebhooks.set(programId, ep.id);
  }
  const planned: Planned[] = [];
  for (const e of list) {
    const to = subscribed.filter((ep) => subscribes(ep.event_types, e.type)).map((ep) => ep.id);
    const toProgram = e.type === PROGRAM_WEBHOOK_TRIGGER && programWebhooks.size > 0;
    const toPartner = partnerWebhooks.length > 0 && PARTNER_TRIGGERS.has(e.type);
    if (to.length === 0 && !toProgram && !toPartner) continue;
    // Read once, and only when someone listens (it may read in the emitting transaction).
    const payload = typeof e.payload === 'function' ? await e.payload() : e.payload;
    if (to.length > 0) {
      // The dialect's fields first, so that existing consumers read them where they expect them.
      const body = (sequence: number, now: Date) =>
        JSON.stringify({ ...payload, type: e.type, subjectId: e.subjectId, sequence, timestamp: now.toISOString() });
      planned.push({ e, type: e.type, to, body });
    }
    const programWebhook = toProgram && typeof payload.programId === 'string' ? programWebhooks.get(payload.programId) : undefined;
    if (programWebhook) {
      const verificationId = typeof payload.verificationId === 'string' ? payload.verificationId : e.subjectId;
      planned.push({ e, type: PROGRAM_WEBHOOK_EVENT, to: [programWebhook], body: () => programWebhookBody(verificationId) });
    }
    if (toPartner && typeof payload.programId === 'string') planned.push(...forPartners(e, payload, payload.programId, partnerWebhooks));
  }
  return planned;
}

/** The partner webhooks' own events for `e`: one per SheerID type it tells, to the program's webhooks of that type. */
function forPartners(
  e: WebhookEvent,
  payload: Record<string, unknown>,
  programId: string,
  partnerWebhooks: { id: string; event_types: string[] }[],
): Planned[] {
  const verificationId = typeof payload.verificationId === 'string' ? payload.verificationId : undefined;
  return partnerTypesOf(e.type, payload).flatMap((t) => {
    const to = partnerWebhooks.filter((ep) => programOfPartnerEndpoint(ep.id) === programId && ep.event_types[0] === t).map((ep) => ep.id);
    return to.length ? [{ e, type: partnerEventType(t), to, body: () => partnerWebhookBody(t, { programId, verificationId }) }] : [];
  });
}
