import type { Database } from '../../../platform/db/index.ts';
import { subscribes, type EventType } from '../domain/event-types.ts';
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
 * when no enabled endpoint of the account subscribes to the type.
 */
export interface EventOutbox {
  emit(exec: Database, event: WebhookEvent): Promise<void>;
  emitMany(exec: Database, events: WebhookEvent[]): Promise<void>;
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
      const endpoints = await deps.repo.subscribers(exec, accountId);
      if (endpoints.length === 0) continue;
      const wanted = list.map((e) => ({ e, to: endpoints.filter((ep) => subscribes(ep.event_types, e.type)) })).filter((w) => w.to.length);
      if (wanted.length === 0) continue;
      const counts = new Map<string, number>();
      for (const { e } of wanted) counts.set(e.subjectId, (counts.get(e.subjectId) ?? 0) + 1);
      const last = await deps.repo.reserveSequences(exec, accountId, counts);
      const next = new Map([...counts].map(([s, n]) => [s, last.get(s)! - n + 1]));
      const now = deps.clock.now();
      const rows: EventRow[] = [];
      const deliveries: NewDelivery[] = [];
      for (const { e, to } of wanted) {
        const sequence = next.get(e.subjectId)!;
        next.set(e.subjectId, sequence + 1);
        const id = `evt_${deps.ids.hex24()}`;
        // The dialect's fields first, so that existing consumers read them where they expect them.
        const payload = typeof e.payload === 'function' ? await e.payload() : e.payload;
        const body = JSON.stringify({ ...payload, type: e.type, subjectId: e.subjectId, sequence, timestamp: now.toISOString() });
        rows.push({ id, account_id: accountId, type: e.type, subject_id: e.subjectId, sequence, body, created_at: now });
        for (const ep of to)
          deliveries.push({
            id: deps.ids.hex24(),
            account_id: accountId,
            event_id: id,
            endpoint_id: ep.id,
            next_attempt_at: now,
            created_at: now,
          });
      }
      await deps.repo.insertEvents(exec, rows);
      await deps.repo.insertDeliveries(exec, deliveries);
      wrote = true;
    }
    if (wrote) onEmitted();
  }
  return { emitMany, emit: (exec, event) => emitMany(exec, [event]) };
}
