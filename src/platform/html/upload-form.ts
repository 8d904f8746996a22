import type { FastifyInstance, FastifyRequest } from 'fastify';
import { parseFormData } from '../http/form-data.ts';

/**
 * Reads `multipart/form-data` bodies (a form with a file) in `scope` into an object of strings, a file
 * as its text, so the platform's CSRF check finds `_csrf` where it finds it in an ordinary form. A body
 * over `bodyLimit` bytes is refused before it is read; one that cannot be read throws `unreadable()`.
 */
export function acceptUploadForms(scope: FastifyInstance, options: { bodyLimit: number; unreadable: () => Error }) {
  scope.addContentTypeParser(
    'multipart/form-data',
    { parseAs: 'buffer', bodyLimit: options.bodyLimit },
    async (req: FastifyRequest, body: Buffer) => {
      const form = await parseFormData(req.headers['content-type'] ?? '', body);
      if (!form) throw options.unreadable();
      const fields: Record<string, string> = {};
      for (const [name, value] of form.entries()) fields[name] = typeof value === 'string' ? value : await value.text();
      return fields;
    },
  );
}
