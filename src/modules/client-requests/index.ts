/**
 * Client requests (the Treefort dialect): files, clients, requests, their expiring links and the link mail,
 * the account's settings, and the `/api/client/*` and `/api/casefile/*` routes of files and requests. The
 * capture and id-reports modules build on this one; it imports neither (what it shows of a report comes
 * through `ClientRequestsDeps.reportsOf`, wired in src/main).
 */
export type { ClientRequestsDeps, RequestReport } from './app/deps.ts';
export { SEND_LINK_MAIL_JOB } from './app/deps.ts';
export { ClientRequestsRepository, type FileRow, type LinkRow, type RequestRow } from './infra/client-requests-repository.ts';
export { ClientRequestErrors } from './error-codes.ts';
export { EVENTS, REQUEST_STATUS, fileStatus, linkIsLive, wireDate } from './domain/model.ts';
export type { Profile } from './app/present.ts';
export { event, type EventDeps } from './app/links.ts';
export { sendLinkMail, startLinkMailWorker, type LinkMailer, type LinkMailSent, type LinkMailWorkerOptions } from './app/send-link-mail.ts';
export type { LinkMailFailure } from './app/link-mail-failure.ts';
export { expireDueLinks } from './app/casefile.ts';
export { registerClientRequestRoutes, registerSettingsRoutes, type CredentialExchange } from './http/routes.ts';

// The dialect's HTTP parts, shared with the report routes (id-reports): the envelope and its answers'
// fields, the route handler, and how a body's findings are named.
export { ok } from './http/envelope.ts';
export { typed, type Handler } from './http/handler.ts';
export { listed, named } from './http/findings.ts';
export { NOT_AN_OBJECT, ClientRequestRef, TransactionRef } from './http/bodies.ts';
export {
  Done,
  envelope,
  responses,
  fileStatus as fileStatusAnswer,
  id as idAnswer,
  profileText as profileTextAnswer,
  requestStatus as requestStatusAnswer,
  wireDate as wireDateAnswer,
} from './http/responses.ts';
export { createClientRequestsModule, type ClientRequestsWiring } from './module.ts';
export { FileQueries } from './infra/file-queries.ts';
export { filesNeedingAction, findFilesAndRequests } from './app/console-reads.ts';
// The account's settings: the use cases and the body the management API checks them with (the console's
// account page runs the same).
export { changeSettings, getSettings, type SettingsChange } from './app/settings.ts';
export { SettingsBody } from './http/settings-body.ts';
export { CLIENT_WORDS, dateInWords } from './domain/client-words.ts';
export { CLIENT_LANGUAGES, type ClientLanguage } from './domain/client-input.ts';
// The API's use cases and bodies, for the console's client file pages (which run the same).
export { endFile, fileDetails, fileEvents } from './app/casefile.ts';
export { cancelVerification, getLinkInfo, reinitiate, updateVerificationRequest, verificationDetails } from './app/change-requests.ts';
export { createVerificationRequest } from './app/create-request.ts';
export { createFileBody, updateFileBody } from './http/file-bodies.ts';
