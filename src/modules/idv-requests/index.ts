export type { IdvDeps } from './app/deps.ts';
export { SEND_LINK_MAIL_JOB } from './app/deps.ts';
export { IdvRepository } from './infra/idv-repository.ts';
export { CaptureRepository } from './infra/capture-repository.ts';
export { sendLinkMail, startLinkMailWorker, type LinkMailer } from './app/send-link-mail.ts';
export { expireDueLinks } from './app/casefile.ts';
export { registerIdvRoutes, type CredentialExchange } from './http/routes.ts';
export { registerLinkPage } from './http/link-page.ts';
export { expireDueReports } from './app/reports.ts';
