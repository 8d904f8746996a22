export { createPgBossQueue, type JobQueue, type JobHandler } from './job-queue.ts';
