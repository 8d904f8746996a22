export { createPgBossQueue, type JobQueue, type JobHandler } from './job-queue.ts';
export { checkJobStore, jobCounts } from './job-counts.ts';
