export type { ProgramLinksDeps } from './app/deps.ts';
export { sendLink, type SendLinkInput } from './app/send-link.ts';
export { formLink } from './domain/link-text.ts';
export { SendLinkCountsRepository } from './infra/send-link-counts-repository.ts';
export { createProgramLinksModule } from './module.ts';
