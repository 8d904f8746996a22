/**
 * The console's Programs section: the account's programs, made and changed through the programs module's
 * use cases (judged by the management API's schema), their theme with a preview of the hosted form, their
 * reward-code pools and low-stock warning, and organization and roster imports.
 */
export type { ProgramConsoleDeps } from './app/deps.ts';
export { mailLowStockWarnings } from './app/low-stock-mail.ts';
export { createProgramConsoleModule } from './module.ts';
