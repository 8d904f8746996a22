import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { clientAddress } from '../../../platform/http/client-address.ts';
import { parseFormData } from '../../../platform/http/form-data.ts';
import { eligibilityErrorResponses } from '../../../platform/http/error-schemas.ts';
import { audited, rails } from '../../../platform/http/rails.ts';
import { CommonErrors } from '../../../shared/errors.ts';
import { MAX_FILES_PER_ATTEMPT } from '../app/document-steps.ts';
import type { VerificationsDeps } from '../app/deps.ts';
import { legacyDocUpload, type UploadedPart } from '../app/legacy-upload.ts';
import { submitStep } from '../app/submit-step.ts';
import { pathParam } from './params.ts';
import { requestFacts } from './request-facts.ts';
import { VerificationResponse } from './responses.ts';
import { StepBodyDocument, stepBodyReader } from './step-bodies.ts';

/** The largest multipart body taken: the most files of an attempt at the usual largest size, and the form around them. */
const MULTIPART_LIMIT = MAX_FILES_PER_ATTEMPT * 10_000_000 + 1_000_000;

/** A multipart body, read whole: the parser's answer, told apart from a JSON body by its class. */
class MultipartBody {
  constructor(readonly parts: UploadedPart[]) {}
}

/** The file parts of a multipart body (undici's reader, as `fetch` uses); other fields are ignored. */
async function fileParts(contentType: string, body: Buffer): Promise<UploadedPart[]> {
  const form = await parseFormData(contentType, body);
  if (!form) throw CommonErrors.invalidRequest('The multipart body could not be read: check its boundary and parts');
  const parts: UploadedPart[] = [];
  for (const value of form.values()) {
    if (typeof value === 'string') continue;
    if (parts.length === MAX_FILES_PER_ATTEMPT)
      throw CommonErrors.invalidRequest(`At most ${MAX_FILES_PER_ATTEMPT} files may be uploaded at once`);
    parts.push({ fileName: value.name || 'document', mimeType: value.type, bytes: new Uint8Array(await value.arrayBuffer()) });
  }
  return parts;
}

const answers = { 200: VerificationResponse, ...eligibilityErrorResponses };
const upload = rails({
  access: 'anyone',
  limit: 'upload',
  idempotency: 'change',
  audit: audited('verification.submit-step', 'verification', 'params.verificationId'),
});
const Multipart = z.unknown().meta({
  description: `The files as \`multipart/form-data\` parts (1 to ${MAX_FILES_PER_ATTEMPT}; the part's Content-Type is the file's type)`,
});

/**
 * SheerID's legacy document upload, the files in a `multipart/form-data` body: on `docUpload` itself
 * (which still takes the JSON file list of the current flow) and on the deprecated `docUpload/{token}`.
 * A scope of their own holds the multipart reader, so that no other route reads such bodies.
 */
export async function registerLegacyUploadRoutes(root: FastifyInstance, deps: VerificationsDeps) {
  await root.register(async (scope) => {
    scope.addContentTypeParser('multipart/form-data', { parseAs: 'buffer', bodyLimit: MULTIPART_LIMIT }, (req, body, done) => {
      fileParts(req.headers['content-type'] ?? '', body as Buffer).then(
        (parts) => done(null, new MultipartBody(parts)),
        (e) => done(e),
      );
    });
    const app = scope.withTypeProvider<ZodTypeProvider>();
    const legacy = (req: FastifyRequest, id: string, parts: UploadedPart[], token?: string) =>
      legacyDocUpload(deps, { verificationId: id, token, parts, principal: req.principal, clientIp: clientAddress(req) });

    app.post(
      '/rest/v2/verification/:verificationId/step/docUpload',
      {
        schema: {
          tags: ['eligibility'],
          summary: 'Declare the files to upload (JSON), or upload them at once (multipart, legacy)',
          params: z.object({ verificationId: pathParam('verificationId') }),
          consumes: ['application/json', 'multipart/form-data'],
          body: StepBodyDocument,
          response: answers,
        },
        config: upload,
      },
      async (req) =>
        req.body instanceof MultipartBody
          ? legacy(req, req.params.verificationId, req.body.parts)
          : submitStep(deps, {
              verificationId: req.params.verificationId,
              stepPath: 'docUpload',
              body: stepBodyReader(req.body),
              facts: requestFacts(req),
            }),
    );

    app.post(
      '/rest/v2/verification/:verificationId/step/docUpload/:docUploadToken',
      {
        schema: {
          tags: ['eligibility'],
          summary: 'Upload the files at once (multipart; deprecated: the token is the verification id)',
          params: z.object({ verificationId: pathParam('verificationId'), docUploadToken: pathParam('docUploadToken') }),
          consumes: ['multipart/form-data'],
          body: Multipart,
          response: answers,
        },
        config: upload,
      },
      async (req) => {
        if (!(req.body instanceof MultipartBody)) throw CommonErrors.invalidRequest('This upload takes a multipart/form-data body');
        return legacy(req, req.params.verificationId, req.body.parts, req.params.docUploadToken);
      },
    );
  });
}
