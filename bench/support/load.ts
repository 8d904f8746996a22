/**
 * Load generation shared by the benchmarks: autocannon runs of the eligibility flow and of status reads,
 * their raw samples, and figures taken from merged samples.
 */
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';

type Ctx = Record<string, unknown>;
interface AcRequest {
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  body?: string;
  setupRequest?: (req: AcRequest, ctx: Ctx) => AcRequest | undefined;
  onResponse?: (status: number, body: string, ctx: Ctx) => void;
}
interface AcResult {
  duration: number;
  errors: number;
  timeouts: number;
  '2xx': number;
}
const autocannon = createRequire(import.meta.url)('autocannon') as (opts: {
  url: string;
  connections: number;
  duration: number;
  /** Requests per second over all connections (paced load); unpaced without it. */
  overallRate?: number;
  requests: AcRequest[];
}) => Promise<AcResult>;

/** Raw counts of one run; runs of one side are merged before figures are taken. */
export interface Sample {
  done: number;
  requests: number;
  seconds: number;
  latencies: number[];
  bad: number;
}

export interface Figure {
  /** Completed units (flows, GETs) per second. */
  rate: number;
  /** Successful HTTP requests per second. */
  reqRate: number;
  p50: number;
  p99: number;
  bad: number;
}

const percentile = (sorted: number[], q: number) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] : NaN;

export function figure(samples: Sample[]): Figure {
  const seconds = samples.reduce((a, s) => a + s.seconds, 0);
  const latencies = samples.flatMap((s) => s.latencies).sort((a, b) => a - b);
  return {
    rate: samples.reduce((a, s) => a + s.done, 0) / seconds,
    reqRate: samples.reduce((a, s) => a + s.requests, 0) / seconds,
    p50: percentile(latencies, 0.5),
    p99: percentile(latencies, 0.99),
    bad: samples.reduce((a, s) => a + s.bad, 0),
  };
}

export interface FlowRun {
  /** Path of the create request (the submission path comes from its answer's submissionUrl). */
  createPath: string;
  programId: string;
  /** The person step's body; the flow counts when its answer says `success`. */
  person: unknown;
  connections: number;
  seconds: number;
  /** Receives the ids of the completed flows' verifications. */
  ids: string[];
}

/** Completed two-request flows: create, then submit to the returned submissionUrl, ending on `success`. */
export async function runFlow(url: string, run: FlowRun): Promise<Sample> {
  const json = { 'content-type': 'application/json' };
  const latencies: number[] = [];
  let bad = 0;
  const result = await autocannon({
    url,
    connections: run.connections,
    duration: run.seconds,
    requests: [
      {
        method: 'POST',
        path: run.createPath,
        headers: json,
        body: JSON.stringify({ programId: run.programId }),
        setupRequest: (req, ctx) => {
          ctx.t0 = performance.now();
          return req;
        },
        onResponse: (status, body, ctx) => {
          if (status !== 200) {
            bad++;
            return;
          }
          const r = JSON.parse(body) as { verificationId: string; submissionUrl: string };
          ctx.id = r.verificationId;
          ctx.path = new URL(r.submissionUrl).pathname;
        },
      },
      {
        method: 'POST',
        headers: json,
        body: JSON.stringify(run.person),
        setupRequest: (req, ctx) => (typeof ctx.path === 'string' ? { ...req, path: ctx.path } : undefined),
        onResponse: (status, body, ctx) => {
          if (status !== 200 || (JSON.parse(body) as { currentStep?: string }).currentStep !== 'success') {
            bad++;
            return;
          }
          latencies.push(performance.now() - (ctx.t0 as number));
          run.ids.push(ctx.id as string);
        },
      },
    ],
  });
  return {
    done: latencies.length,
    requests: result['2xx'],
    seconds: result.duration,
    latencies,
    bad: bad + result.errors + result.timeouts,
  };
}

export interface StatusRun {
  /** The status path without the id (ids are appended in turn). */
  prefix: string;
  ids: string[];
  connections: number;
  seconds: number;
  /** Paced: this many GETs per second over all connections; unpaced without it. */
  overallRate?: number;
}

/** GETs of existing verifications, round-robin over `ids`. */
export async function runStatus(url: string, run: StatusRun): Promise<Sample> {
  const ids = run.ids;
  if (!ids.length) throw new Error('no verification ids to read');
  let i = 0;
  const latencies: number[] = [];
  let bad = 0;
  const result = await autocannon({
    url,
    connections: run.connections,
    duration: run.seconds,
    ...(run.overallRate ? { overallRate: run.overallRate } : {}),
    requests: [
      {
        method: 'GET',
        setupRequest: (req, ctx) => {
          ctx.t0 = performance.now();
          return { ...req, path: `${run.prefix}${ids[i++ % ids.length]}` };
        },
        onResponse: (status, _body, ctx) => {
          if (status !== 200) {
            bad++;
            return;
          }
          latencies.push(performance.now() - (ctx.t0 as number));
        },
      },
    ],
  });
  return {
    done: latencies.length,
    requests: result['2xx'],
    seconds: result.duration,
    latencies,
    bad: bad + result.errors + result.timeouts,
  };
}

/**
 * Runs each side `rounds` times in the order given and then reversed (A B B A ...), `seconds` in all per
 * side, so that a drift during the run (tables growing, other load on the machine) weighs on every side alike.
 */
export async function alternate<S extends string>(
  sides: readonly S[],
  seconds: number,
  rounds: number,
  run: (side: S, seconds: number) => Promise<Sample>,
): Promise<Record<S, Figure>> {
  const order = [...sides, ...[...sides].reverse()];
  const slice = seconds / (2 * rounds);
  const got = new Map<S, Sample[]>(sides.map((s) => [s, []]));
  for (let r = 0; r < rounds; r++) for (const side of order) got.get(side)!.push(await run(side, slice));
  return Object.fromEntries(sides.map((s) => [s, figure(got.get(s)!)])) as Record<S, Figure>;
}
