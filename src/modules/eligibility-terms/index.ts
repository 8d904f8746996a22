export * from './error-ids.ts';
export * from './rejection-reasons.ts';
export * from './segments.ts';
export const LOCALES = ['en-US', 'fr-CA', 'es-ES'] as const;
export type Locale = (typeof LOCALES)[number];
export const MAX_REVIEW_TIMES = ['2_MIN', '20_MIN', '2_HRS', '24_HRS', '2_DAY', '3_DAY'] as const;
export const ESTIMATED_REVIEW_TIMES = ['A_FEW_MINUTES', 'A_HALF_HOUR', 'A_FEW_HOURS', 'A_FEW_DAYS'] as const;
