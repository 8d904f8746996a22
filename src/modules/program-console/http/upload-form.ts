import type { FastifyInstance, FastifyRequest } from 'fastify';
import { parseFormData } from '../../../platform/http/form-data.ts';
import { ProgramConsoleErrors } from '../error-codes.ts';

/** The largest upload: a roster of 200,000 people, or 100,000 codes, with room for the form around them. */
export const UPLOAD_LIMIT = 24 * 1024 * 1024;

/**
 * Reads `multipart/form-data` bodies (a form with a file) in `scope` into an object of strings, a file
 * as its text, so the platform's CSRF check finds `_csrf` where it finds it in an ordinary form.
 */
export function acceptUploadForms(scope: FastifyInstance) {
  scope.addContentTypeParser(
    'multipart/form-data',
    { parseAs: 'buffer', bodyLimit: UPLOAD_LIMIT },
    async (req: FastifyRequest, body: Buffer) => {
      const form = await parseFormData(req.headers['content-type'] ?? '', body);
      if (!form) throw ProgramConsoleErrors.unreadableForm();
      const fields: Record<string, string> = {};
      for (const [name, value] of form.entries()) fields[name] = typeof value === 'string' ? value : await value.text();
      return fields;
    },
  );
}
