import type { FastifyInstance } from 'fastify';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** Counts of jobs by queue and state, read from the job store when Prometheus scrapes. */
export type JobCounts = () => Promise<{ queue: string; state: string; count: number }[]>;

/**
 * The metrics of one running Vouch, in a registry of its own (tests run several servers in one process).
 * Other parts increment what they own, e.g. `metrics.webhookDeliveries.inc({ outcome: 'delivered' })`.
 */
export interface Metrics {
  registry: Registry;
  httpRequests: Counter<'method' | 'route' | 'status'>;
  httpDuration: Histogram<'method' | 'route' | 'status'>;
  /** Webhook delivery attempts by outcome: `delivered`, `failed` (will retry), `dead` (gave up), `refused` (guarded target). */
  webhookDeliveries: Counter<'outcome'>;
  /** Link mails whose sending gave up: one per round (the first marks the mail failed, each later automatic round that fails counts again). */
  mailFailures: Counter;
  jobs: Gauge<'queue' | 'state'>;
  queueDepth: Gauge<'queue'>;
}

export function createMetrics(jobCounts?: JobCounts): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'vouch_' });
  const httpRequests = new Counter({
    name: 'vouch_http_requests_total',
    help: 'HTTP requests answered, by route pattern, method and status',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [registry],
  });
  const httpDuration = new Histogram({
    name: 'vouch_http_request_duration_seconds',
    help: 'Time to answer HTTP requests, by route pattern, method and status',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [registry],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  });
  const webhookDeliveries = new Counter({
    name: 'vouch_webhook_deliveries_total',
    help: 'Webhook delivery attempts by outcome',
    labelNames: ['outcome'] as const,
    registers: [registry],
  });
  const mailFailures = new Counter({
    name: 'vouch_mail_failures_total',
    help: 'Link mails whose sending gave up after its retries (each automatic round that fails again counts once more)',
    registers: [registry],
  });
  // Both gauges are filled from one read of the job store per scrape.
  let pending: Promise<void> | undefined;
  const readJobs = () =>
    (pending ??= (async () => {
      try {
        const rows = jobCounts ? await jobCounts() : [];
        jobs.reset();
        queueDepth.reset();
        const depth = new Map<string, number>();
        for (const r of rows) {
          jobs.set({ queue: r.queue, state: r.state }, r.count);
          if (r.state === 'created' || r.state === 'retry') depth.set(r.queue, (depth.get(r.queue) ?? 0) + r.count);
          else depth.set(r.queue, depth.get(r.queue) ?? 0);
        }
        for (const [queue, n] of depth) queueDepth.set({ queue }, n);
      } finally {
        pending = undefined;
      }
    })());
  const jobs: Gauge<'queue' | 'state'> = new Gauge({
    name: 'vouch_jobs',
    help: 'Jobs in the job store by queue and state (created, retry, active, completed, cancelled, failed)',
    labelNames: ['queue', 'state'] as const,
    registers: [registry],
    collect: readJobs,
  });
  const queueDepth: Gauge<'queue'> = new Gauge({
    name: 'vouch_job_queue_depth',
    help: 'Jobs waiting to run (created or waiting for a retry), by queue',
    labelNames: ['queue'] as const,
    registers: [registry],
    collect: readJobs,
  });
  return { registry, httpRequests, httpDuration, webhookDeliveries, mailFailures, jobs, queueDepth };
}

/**
 * Counts and times every answered request by its route pattern (never the raw URL: ids and tokens would
 * make unbounded label values, and links carry secrets).
 */
export function registerHttpMetrics(app: FastifyInstance, metrics: Metrics) {
  app.addHook('onResponse', async (req, reply) => {
    const labels = { method: req.method, route: req.routeOptions.url ?? 'unmatched', status: String(reply.statusCode) };
    metrics.httpRequests.inc(labels);
    metrics.httpDuration.observe(labels, reply.elapsedTime / 1000);
  });
}
