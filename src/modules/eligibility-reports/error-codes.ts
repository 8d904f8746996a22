import { AppError } from '../../shared/errors.ts';

export const ReportErrors = {
  unknownReport: (id: string) => new AppError('notFound', 404, `Report with ID '${id}' not found`),
  unknownBatch: (id: string) => new AppError('notFound', 404, `Re-verification task with batch ID '${id}' not found`),
  unknownProgram: (id: string) => new AppError('noProgram', 404, `Program with ID '${id}' not found`),
} as const;
