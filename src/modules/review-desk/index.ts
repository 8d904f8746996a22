/**
 * The review desk: the console's workbench for reviewers. One queue of eligibility document reviews and
 * client ID reports, claims that keep two reviewers off one item, the item pages, and decisions made
 * through the verifications and id-reports modules' own use cases.
 */
export type { ReviewDeskDeps, ProgramSummary } from './app/deps.ts';
export { ClaimsRepository } from './infra/claims-repository.ts';
export { reviewNotes } from './app/notes.ts';
export { reviewQueue } from './app/review-queue.ts';
export { reviewSummary } from './app/summary.ts';
export { sendDocument } from './http/document-headers.ts';
export { Facts, personRows, TableWrap, valueText, When, words, sizeText, timeText } from './http/views.tsx';
export { reasonLabel } from './domain/decision-form.ts';
export { PHOTO_NAMES, ReportChecks, ReportClient, wireText } from './http/report-parts.tsx';
export { createReviewDeskModule } from './module.ts';
