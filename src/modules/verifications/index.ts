export type { VerificationsDeps } from './app/deps.ts';
export { VerificationsRepository } from './infra/verifications-repository.ts';
export { registerVerificationRoutes } from './http/routes.ts';
export { startVerification } from './app/start-verification.ts';
export { submitStep } from './app/submit-step.ts';
export { getVerification } from './app/read-verification.ts';
export type { Verification } from './domain/verification.ts';
export { registerReviewRoutes, type DocumentReader } from './http/review-routes.ts';
export { prepareReverifications, storeReverifications, type PreparedReverification, type ReverifyOutcome } from './app/reverify.ts';
export { organizationOfVerification, type VerificationOrganization } from './app/organization-of-verification.ts';
export { createVerificationsModule } from './module.ts';
export { expireStaleVerifications } from './app/expire-stale.ts';
export { ConversionsRepository } from './infra/conversions-repository.ts';
export { SearchRepository } from './infra/search-repository.ts';
export { ConsumersRepository } from './infra/consumers-repository.ts';
export { VerificationLimitsRepository } from './infra/verification-limits-repository.ts';
export { finishSignIn, type SignInResult } from './app/sign-in.ts';
export type { AbuseAttempt, AbusePort, AbuseVerdict, SsoPort } from './app/deps.ts';
export {
  ConsoleReadsRepository,
  type KeysetBound,
  type PendingRow,
  type ListedRow,
  type ExploreFilter,
} from './infra/console-reads-repository.ts';
export { lateReviewCount, pendingReviews, pendingReviewCounts, reviewSubject, type ConsoleReadDeps } from './app/review-subject.ts';
export { searchVerifications } from './app/search-verifications.ts';
export { exploreVerifications, stepsOfPrograms, verificationDossier } from './app/explore.ts';
export { decideReview, type ReviewDecision } from './app/decide-review.ts';
