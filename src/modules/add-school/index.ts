export type { AddSchoolDeps } from './app/deps.ts';
export { DAILY_REQUESTS_PER_PROGRAM } from './domain/add-school-request.ts';
export { AddSchoolErrors } from './error-codes.ts';
export { createAddSchoolModule } from './module.ts';
