export {
  createPgBossQueue,
  type GiveUpHandler,
  type JobQueue,
  type JobHandler,
  type JobQueueOptions,
  type WorkOptions,
} from './job-queue.ts';
export { describeFailure, isPermanentFailure } from './job-failure.ts';
export { checkJobStore, jobCounts } from './job-counts.ts';
export { LOCKS, runAlone } from './run-alone.ts';
