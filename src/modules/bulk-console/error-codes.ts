import { CommonErrors } from '../../shared/errors.ts';

/** What the bulk pages refuse on their own (the use cases behind them have their own errors). */
export const BulkConsoleErrors = {
  noProgram: () => CommonErrors.invalidRequest('Choose the program the verifications belong to.'),
  badCsv: (problem: string) => CommonErrors.invalidRequest(problem),
  noCsv: () => CommonErrors.invalidRequest('Choose a CSV file or paste the verification ids.'),
  twoCsv: () => CommonErrors.invalidRequest('Choose a CSV file or paste the ids, not both.'),
  unreadableForm: () => CommonErrors.invalidRequest('The form could not be read; choose the file again and send it.'),
  badReport: (problem: string) => CommonErrors.invalidRequest(problem),
} as const;
