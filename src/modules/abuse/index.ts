/** The defenses against scripted abuse: disposable email domains and velocity limits per program. */
export { createAbuseModule, type AbuseDeps, type AbuseModule } from './module.ts';
