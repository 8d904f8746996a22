import { ENVELOPE_MESSAGES } from '../../../platform/http/dialects.ts';

/** The success envelope of the client-request dialect (errors get theirs from the dialect's presenter). */
export const ok = (data: unknown) => ({ statusCode: 200, message: ENVELOPE_MESSAGES[200], data, errors: null });
