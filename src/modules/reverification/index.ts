export type { ReverifyDeps } from './app/deps.ts';
export { REVERIFY_JOB, MAX_BATCH } from './app/deps.ts';
export { BatchesRepository } from './infra/batches-repository.ts';
export { createBatch, batchStatus } from './app/create-batch.ts';
export { processBatch, startReverifyWorker } from './app/process-batch.ts';
export { registerReverifyRoutes } from './http/routes.ts';
export { createReverificationModule } from './module.ts';
