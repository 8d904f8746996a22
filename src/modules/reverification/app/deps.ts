import type { Database } from '../../../platform/db/index.ts';
import type { JobQueue } from '../../../platform/jobs/index.ts';
import type { Clock } from '../../../shared/clock.ts';
import type { Ids } from '../../../shared/ids.ts';
import type { Program } from '../../programs/index.ts';
import type { PreparedReverification } from '../../verifications/index.ts';
import type { EventOutbox } from '../../webhooks/index.ts';
import type { BatchesRepository } from '../infra/batches-repository.ts';

export interface ReverifyDeps {
  repo: BatchesRepository;
  jobs: JobQueue;
  ids: Ids;
  clock: Clock;
  publicUrl: string;
  loadProgram(id: string, callerAccountId?: string | null): Promise<Program>;
  prepare(program: Program, batchId: string, ids: string[]): Promise<PreparedReverification[]>;
  store(exec: Database, prepared: PreparedReverification[]): Promise<void>;
  /** Webhook events (`reverification.complete`), written with the change they tell. */
  events: EventOutbox;
  /** Called in the transaction that ends a batch, complete or failed (reports waiting for it become ready, or fail with it). */
  onBatchEnd(exec: Database, batchId: string): Promise<void>;
  chunkSize: number;
  /** Verifications an account may re-verify per UTC day, all batches together. */
  dailyLimit: number;
}

export const REVERIFY_JOB = 'reverify-batch';
export const MAX_BATCH = 100_000;
