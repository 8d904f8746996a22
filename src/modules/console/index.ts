/** The console: sign-in, the shell's pages, people. Other console pages live in their own modules. */
export { createConsoleModule, type ConsoleDeps } from './module.ts';
export { SESSION_COOKIE } from './http/forms.ts';
export type { ConsoleReads, OverviewFigures, SearchHit } from './http/overview-routes.tsx';
