import { judge, parseRetryAfter } from '../domain/retry-policy.ts';
import { isProgramEndpoint } from '../domain/program-webhook.ts';
import { isPartnerEndpoint, PARTNER_TYPE_HEADER, partnerTypeOfEvent } from '../domain/partner-webhook.ts';
import { keyOf, sharedKeyOf, sheeridHeaders, signedHeaders } from '../infra/signature.ts';
import { createSender } from '../infra/http-sender.ts';
import type { AttemptRecord, ClaimedDelivery } from '../infra/webhooks-repository.ts';
import type { WebhooksDeps } from './deps.ts';

const POLL_MS = 1000;

export interface Dispatcher {
  /**
   * Starts the delivery loop; `exclusive` (this process alone uses the store) first drops leases a killed
   * run left; `log` receives failures of the loop itself (the server's logger).
   */
  start(options?: { exclusive?: boolean; log?: (message: string, error?: unknown) => void }): Promise<void>;
  /** Looks for due deliveries now (new events, a replay, or a test that moved the clock). */
  wake(): void;
  /** Stops claiming, lets attempts in flight finish (each is bounded by the timeout) and records them. */
  stop(): Promise<void>;
  /** Outcomes of attempts made by this process since it started. */
  outcomes: { delivered: number; retried: number; dead: number };
}

/**
 * Delivers the outbox. Deliveries are claimed in batches with a lease (the rows are the queue, so nothing
 * is lost if the process dies: a claim simply expires) and sent concurrently, each on its own, with a
 * timeout. At most `endpointConcurrency` deliveries of one endpoint are in flight, so a slow or hanging
 * endpoint holds a few slots and never the others'. Outcomes are written back in batches.
 */
export type Outcome = 'delivered' | 'failed' | 'dead' | 'refused';

export interface DispatcherHooks {
  /** Called once per attempt: `failed` will be retried, `refused` is a failure the SSRF guard caused (retried too). */
  onOutcome?: (outcome: Outcome) => void;
}

export function createDispatcher(deps: WebhooksDeps, hooks: DispatcherHooks = {}): Dispatcher {
  let log: (message: string, error?: unknown) => void = () => {};
  const sender = createSender({
    timeoutMs: deps.timeoutMs,
    allowPrivate: deps.allowPrivateTargets,
    maxSocketsPerOrigin: deps.endpointConcurrency,
  });
  // Long enough for an attempt (bounded by the timeout) and the write of its outcome; a dead process's claims free up after it.
  const leaseMs = deps.timeoutMs + 10_000;
  const inflight = new Map<string, number>();
  const sending = new Set<Promise<void>>();
  const keys = new Map<string, Buffer>();
  let results: AttemptRecord[] = [];
  let total = 0;
  let running = false;
  let loop: Promise<void> | undefined;
  let woken = false;
  let wakeUp: (() => void) | undefined;
  const outcomes = { delivered: 0, retried: 0, dead: 0 };

  const wake = () => {
    woken = true;
    wakeUp?.();
  };
  /** Waits until woken or `ms` passed; true when woken. */
  const sleep = (ms: number) =>
    new Promise<boolean>((resolve) => {
      if (woken) {
        woken = false;
        return resolve(true);
      }
      const done = (byWake: boolean) => {
        clearTimeout(timer);
        wakeUp = undefined;
        woken = false;
        resolve(byWake);
      };
      const timer = setTimeout(() => done(false), ms);
      wakeUp = () => done(true);
    });

  // A program or partner webhook's secret is used as written (SheerID's scheme); an endpoint's is a `whsec_` key.
  const sheerid = (d: ClaimedDelivery) => isProgramEndpoint(d.endpoint_id) || isPartnerEndpoint(d.endpoint_id);
  const keyFor = (d: ClaimedDelivery) => {
    const program = sheerid(d);
    const cacheKey = `${program ? 'p' : 'e'}:${d.secret_enc}`;
    let key = keys.get(cacheKey);
    if (!key) {
      const secret = deps.box.decrypt(d.secret_enc);
      key = program ? sharedKeyOf(secret) : keyOf(secret);
      keys.set(cacheKey, key);
    }
    return key;
  };
  const headersFor = (d: ClaimedDelivery, timestamp: number) => {
    if (!sheerid(d)) return signedHeaders(keyFor(d), d.event_id, timestamp, d.body);
    const headers = sheeridHeaders(keyFor(d), d.event_id, d.body);
    const partnerType = partnerTypeOfEvent(d.event_type);
    return partnerType ? { ...headers, [PARTNER_TYPE_HEADER]: partnerType } : headers;
  };

  function launch(d: ClaimedDelivery) {
    total++;
    inflight.set(d.endpoint_id, (inflight.get(d.endpoint_id) ?? 0) + 1);
    const task = (async () => {
      const timestamp = Math.floor(deps.clock.now().getTime() / 1000);
      const r = await sender.send(d.url, headersFor(d, timestamp), d.body);
      const at = deps.clock.now();
      const attempt = d.attempts + 1;
      const verdict = judge({ statusCode: r.statusCode, retryAfterSeconds: parseRetryAfter(r.retryAfter, at) }, attempt, at);
      const status = verdict.kind === 'retry' ? 'pending' : verdict.kind;
      outcomes[verdict.kind === 'retry' ? 'retried' : verdict.kind]++;
      hooks.onOutcome?.(verdict.kind === 'retry' ? (r.refused ? 'refused' : 'failed') : verdict.kind);
      const error =
        r.error ?? (verdict.kind === 'dead' && verdict.reason === 'gone' ? 'Endpoint answered 410 Gone; it is now disabled' : null);
      results.push({
        deliveryId: d.id,
        accountId: d.account_id,
        endpointId: d.endpoint_id,
        attempt,
        statusCode: r.statusCode ?? null,
        latencyMs: r.latencyMs,
        error: error?.slice(0, 500) ?? null,
        at,
        status,
        nextAttemptAt: verdict.kind === 'retry' ? verdict.at : at,
        disableEndpoint: verdict.kind === 'dead' && verdict.reason === 'gone',
      });
    })()
      .catch((e) => log('webhook attempt failed', e))
      .finally(() => {
        total--;
        const left = (inflight.get(d.endpoint_id) ?? 1) - 1;
        if (left) inflight.set(d.endpoint_id, left);
        else inflight.delete(d.endpoint_id);
        sending.delete(task);
        wake();
      });
    sending.add(task);
  }

  async function flush() {
    if (results.length === 0) return;
    const batch = results;
    results = [];
    try {
      await deps.repo.record(batch);
    } catch (e) {
      // Not recorded: the leases run out and the deliveries are attempted again (receivers dedupe on webhook-id).
      log('recording webhook attempts failed', e);
    }
  }

  // Claims and writes are batched: while most slots are busy, finished attempts wait a little for others
  // rather than costing a claim and a transaction each (on PGlite every query takes the one connection).
  const refill = Math.max(1, Math.floor(deps.concurrency / 4));

  async function run() {
    let timedOut = true;
    while (running) {
      try {
        const idle = total === 0;
        if (results.length >= refill || (results.length > 0 && (idle || timedOut))) await flush();
        const capacity = deps.concurrency - total;
        if (capacity > 0 && (capacity >= refill || idle || timedOut)) {
          const now = deps.clock.now();
          // The claim reads `inflight` before it waits; attempts that end meanwhile only make it cautious,
          // so every claimed delivery fits its endpoint's share.
          const claimed = await deps.repo.claim(now, new Date(now.getTime() + leaseMs), capacity, deps.endpointConcurrency, inflight);
          for (const d of claimed) launch(d);
        }
      } catch (e) {
        log('webhook dispatch failed', e);
      }
      timedOut = !(await sleep(POLL_MS));
    }
  }

  return {
    outcomes,
    wake,
    async start(options = {}) {
      if (running) return;
      if (options.log) log = options.log;
      if (options.exclusive) await deps.repo.releaseAllLeases();
      running = true;
      loop = run();
    },
    async stop() {
      if (!running) return;
      running = false;
      wake();
      await loop;
      await Promise.allSettled([...sending]);
      await flush();
      sender.close();
    },
  };
}
