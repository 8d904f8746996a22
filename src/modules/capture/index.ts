/**
 * The client's capture page at the link (`/verify/...`): its steps, texts and pages, the photos, and the
 * store of what the client entered. It builds on client-requests (links, requests, the client's profile);
 * the final submit, which builds the report, is passed in by src/main (see `SubmitCapture`).
 */
export type { CaptureDeps } from './app/deps.ts';
export { CaptureRepository, type ImageRow } from './infra/capture-repository.ts';
export { CaptureErrors } from './error-codes.ts';
export { withLiveCapture, type LinkState, type OpenCapture } from './app/capture.ts';
export { hasBack, missingAddressParts, nextStep, type CaptureData, type ImageKind } from './domain/capture.ts';
export { sizeProblem } from './domain/image-info.ts';
export { registerLinkPage } from './http/link-page.ts';
export type { SubmitCapture } from './http/capture-routes.ts';
export { createCaptureModule } from './module.ts';
