import type { FastifyBaseLogger, FastifyInstance } from 'fastify';

/** A task a module runs now and then (expiries, purges): `serve` runs every module's sweeps together, one round at a time. */
export interface Sweep {
  /** What it does, for the log line of a round that failed. */
  what: string;
  run(): Promise<unknown>;
}

/**
 * What a module hands the running server: its routes, what it runs in the background, and its sweeps.
 * Each module makes its own with one factory (`<name>/module.ts`); the container is the list of them, and
 * the server and `serve` only walk that list.
 */
export interface VouchModule {
  name: string;
  /** Registers the module's routes. */
  routes?(app: FastifyInstance): void | Promise<void>;
  /** Starts its job workers and loops; every process runs them (jobs are claimed with row locks, so processes share the work). */
  start?(log: FastifyBaseLogger): Promise<void>;
  /** Stops what `start` began, before the store closes. */
  stop?(): Promise<void>;
  sweeps?: Sweep[];
}
