import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { clientAddress } from '../../../platform/http/client-address.ts';
import { eligibilityErrorResponses } from '../../../platform/http/error-schemas.ts';
import { audited, rails } from '../../../platform/http/rails.ts';
import type { DocumentsDeps } from '../app/deps.ts';
import { receiveUpload } from '../app/receive-upload.ts';
import { ACCEPTED_MIME_TYPES } from '../domain/file-type.ts';

/** The file's bytes, of the type and length declared; read as a stream, never parsed (so not checked by a schema). */
const FileBytes = z.custom<undefined>().meta({
  type: 'string',
  format: 'binary',
  description: 'The bytes of the file: Content-Type the declared mimeType, Content-Length the declared fileSize',
});

/** What an upload stored. */
const Uploaded = z
  .object({
    documentId: z.string(),
    status: z.literal('FINISHED'),
    fileSize: z.int(),
    sha256: z.string().meta({ description: 'SHA-256 of the bytes stored, in hexadecimal' }),
  })
  .meta({ description: 'The file, stored' });

/**
 * `PUT {uploadUrl}`: the raw file body. The route has its own content-type handling: the body is never
 * parsed or buffered, the use case streams it.
 */
export async function registerUploadRoute(root: FastifyInstance, deps: DocumentsDeps) {
  await root.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', (_req, _payload, done) => done(null));
    scope.withTypeProvider<ZodTypeProvider>().put(
      '/rest/v2/document/upload/:token',
      {
        // A large file may take long on a slow line: held to a minimum rate rather than one deadline.
        // The upload token in the path is the capability.
        config: rails(
          { access: 'link', limit: 'upload', audit: audited('document.upload', 'document', 'response.documentId') },
          { streamsBody: true },
        ),
        schema: {
          tags: ['eligibility'],
          summary: 'Upload the bytes of a declared document',
          params: z.object({ token: z.string().max(100, { error: "Path parameter 'token' must be at most 100 characters" }) }),
          consumes: [...ACCEPTED_MIME_TYPES],
          body: FileBytes,
          response: { 200: Uploaded, ...eligibilityErrorResponses },
        },
      },
      async (req) =>
        receiveUpload(deps, {
          token: req.params.token,
          contentType: req.headers['content-type'],
          contentLength: req.headers['content-length'],
          body: req.raw,
          clientIp: clientAddress(req),
        }),
    );
  });
}
