import { CommonErrors } from '../../shared/errors.ts';

/** What the program pages refuse on their own (the use cases behind them have their own errors). */
export const ProgramConsoleErrors = {
  badProgram: (findings: string[]) => CommonErrors.invalidRequest(findings.join('; '), { findings }),
  noCsv: () => CommonErrors.invalidRequest('Choose a CSV file to upload.'),
  badThreshold: () => CommonErrors.invalidRequest('The warning threshold must be a whole number, or empty for no warning.'),
  unreadableForm: () => CommonErrors.invalidRequest('The form could not be read; choose the file again and send it.'),
} as const;
