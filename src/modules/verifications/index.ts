export type { VerificationsDeps } from './app/deps.ts';
export { VerificationsRepository } from './infra/verifications-repository.ts';
export { registerVerificationRoutes } from './http/routes.ts';
export { startVerification } from './app/start-verification.ts';
export { submitStep } from './app/submit-step.ts';
export { getVerification } from './app/read-verification.ts';
export type { Verification } from './domain/verification.ts';
export { registerReviewRoutes, type DocumentReader } from './http/review-routes.ts';
export { prepareReverifications, storeReverifications, type PreparedReverification, type ReverifyOutcome } from './app/reverify.ts';
