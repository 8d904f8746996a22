export type { PartnerApiDeps } from './app/deps.ts';
export { PartnerErrors } from './error-codes.ts';
export { createPartnerApiModule } from './module.ts';
