import { CommonErrors } from '../../shared/errors.ts';

/** What the client file pages refuse on their own (the use cases behind them have their own errors). */
export const FilesConsoleErrors = {
  unknownPhoto: (kind: string) => CommonErrors.notFound('Photo', kind.slice(0, 20)),
  noReport: (id: string) => CommonErrors.notFound('Report of request', id.slice(0, 100)),
} as const;
