import type { FastifyInstance } from 'fastify';
import { sweepIdempotencyKeys } from '../platform/http/idempotency.ts';
import { LOCKS, runAlone } from '../platform/jobs/index.ts';
import type { Config } from './config.ts';
import { createContainer, type Container, type ContainerOverrides } from './container.ts';
import { buildServer } from './server.ts';
import { applyMemoryProfile } from './memory-profile.ts';
import { holdPort, type PortHold } from './port-hold.ts';
import { explainListenFailure, explainStoreFailure } from './start-failures.ts';

export interface Running {
  app: FastifyInstance;
  container: Container;
  url: string;
  stop(): Promise<void>;
}

/** `port`: HOST:PORT already held by the caller (the CLI takes it before loading the server's code). */
export interface ServeOptions extends ContainerOverrides {
  port?: PortHold;
}

/**
 * Starts the API (and, on the embedded store, everything else) in this process. The port is taken first
 * (port-hold.ts): a port in use fails the start at once, before the store's seconds of start-up.
 */
export async function serve(config: Config, options: ServeOptions = {}): Promise<Running> {
  const { port: held, ...overrides } = options;
  const port = held ?? (await holdPort(config.host, config.port));
  try {
    return await start(config, overrides, port.release);
  } finally {
    await port.release();
  }
}

async function start(config: Config, options: ContainerOverrides, releasePort: () => Promise<void>): Promise<Running> {
  applyMemoryProfile(config.memoryProfile);
  const container = await createContainer(config, options).catch((e: unknown) => {
    throw explainStoreFailure(e, config);
  });
  const app = await buildServer(container); // closes the container itself when it refuses to start
  try {
    return await run(config, container, app, releasePort);
  } catch (e) {
    // A worker or the listen failed: nothing else will close what is open, and the process may go on (tests, embedding).
    await app.close().catch(() => undefined);
    await container.jobs.stop().catch(() => undefined);
    for (const m of container.modules) await m.stop?.().catch(() => undefined);
    await container.close().catch(() => undefined);
    throw e;
  }
}

async function run(config: Config, container: Container, app: FastifyInstance, releasePort: () => Promise<void>): Promise<Running> {
  // Embedded or not, every process runs the workers; jobs are claimed with row locks, so several share work.
  await container.jobs.start();
  for (const m of container.modules) await m.start?.(app.log);
  await releasePort();
  const address = await app.listen({ port: config.port, host: config.host }).catch((e: unknown) => {
    throw explainListenFailure(e, config.host, config.port);
  });
  // The scheduler: every module's sweeps (document purges, link and report expiry, ...) and the platform's.
  let sweeping: Promise<unknown> | undefined;
  const sweeps = [
    ...container.modules.flatMap((m) => m.sweeps ?? []),
    {
      what: 'idempotency key expiry',
      run: () => sweepIdempotencyKeys(container.store.db, container.clock, config.idempotencyKeyTtlHours),
    },
  ];
  // One instance at a time runs a round: on one PostgreSQL the others skip it (their next tick may run the next).
  const sweep = () =>
    runAlone(container.store, LOCKS.sweeps, () =>
      Promise.all(
        sweeps.map((s) =>
          s.run().catch((err: unknown) => app.log.error({ error: { message: (err as Error).message } }, `${s.what} failed`)),
        ),
      ),
    ).catch((err: unknown) => app.log.error({ error: { message: (err as Error).message } }, 'sweep round failed'));
  // One sweep at a time: a slow one makes the next tick skip rather than pile up, and a stop waits for it.
  const sweeper = setInterval(() => {
    sweeping ??= sweep().finally(() => {
      sweeping = undefined;
    });
  }, 30_000);
  sweeper.unref();
  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      clearInterval(sweeper);
      await sweeping; // the store must not close under a sweep
      // Stops accepting and lets in-flight requests finish, for SHUTDOWN_TIMEOUT_MS at most; then the
      // connections still open are closed, so their handlers fail and release what they hold (a cut upload
      // frees its URL) while the store is still open.
      const cutOff = setTimeout(() => {
        app.log.warn(
          { deadlineMs: config.shutdownTimeoutMs },
          'requests still in flight at the shutdown deadline; closing their connections',
        );
        app.server.closeAllConnections();
      }, config.shutdownTimeoutMs);
      await app.close().finally(() => clearTimeout(cutOff));
      await container.jobs.stop(); // lets running jobs finish their current chunk
      for (const m of container.modules) await m.stop?.();
      await container.close(); // CHECKPOINT and close the embedded store, release the data-directory lock
    })());
  return { app, container, url: address, stop };
}

/** How long after the request deadline a stop that is stuck gives up and exits. */
const FINAL_EXIT_GRACE_MS = 10_000;

/** SIGTERM / SIGINT: stop accepting, finish what is in flight, close the store, exit. */
export function stopOnSignals(running: Running) {
  const onSignal = (signal: string) => {
    running.app.log.info({ signal }, 'shutting down');
    // Requests get SHUTDOWN_TIMEOUT_MS (see stop); the rest of the stop (jobs, deliveries, the store) is
    // bounded too, but a stuck store could still hold it: a while after the deadline the process exits
    // anyway. Nothing is lost by that: an acknowledged write is committed, and the embedded store reopens
    // after an unclean stop.
    const deadline = running.container.config.shutdownTimeoutMs + FINAL_EXIT_GRACE_MS;
    setTimeout(() => {
      running.app.log.error({ deadlineMs: deadline }, 'shutdown did not finish in time; exiting');
      process.exit(1);
    }, deadline).unref();
    running.stop().then(
      () => process.exit(0),
      (err) => {
        running.app.log.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', onSignal);
  process.once('SIGINT', onSignal);
}
