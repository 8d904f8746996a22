import { Readable } from 'node:stream';
import type { Principal } from '../../../shared/principal.ts';
import { VerificationErrors } from '../error-codes.ts';
import type { VerificationsDeps } from './deps.ts';
import { completeUpload, declareFiles } from './document-steps.ts';
import { loadVerification } from './load-verification.ts';
import { persistMove } from './persist-move.ts';
import { respond } from './response-context.ts';

/** A file part of a multipart body: its name, its declared type and its bytes. */
export interface UploadedPart {
  fileName: string;
  mimeType: string;
  bytes: Uint8Array;
}

/**
 * SheerID's legacy upload: `POST .../step/docUpload` (or `docUpload/{docUploadToken}`) as
 * `multipart/form-data`, the files in the body. It is the JSON flow in one request: the files are
 * declared (same checks, answered per file on the same step), each stored as its upload URL would
 * store it (same type and size checks), and the attempt is completed, so the answer is `pending`.
 * Vouch issues no separate upload token: the path's token must be the verification id
 * (`invalidDocUploadToken` otherwise). A file refused on the way leaves the earlier ones stored and the
 * verification on `docUpload`: the person sends the files again.
 */
export async function legacyDocUpload(
  deps: VerificationsDeps,
  input: { verificationId: string; token?: string; parts: UploadedPart[]; principal: Principal | null; clientIp: string | null },
) {
  const v = await loadVerification(deps, input.verificationId, input.principal);
  if (input.token !== undefined && input.token !== v.id) throw VerificationErrors.badDocUploadToken(v);
  if (v.currentStep !== 'docUpload') throw VerificationErrors.invalidStep(v, 'docUpload');
  if (input.parts.length === 0) throw VerificationErrors.badBody(v, 'invalidNumberOfFiles', 'The multipart body holds no file part');
  const program = await deps.programs.load(v.programId);

  const declared = await declareFiles(deps, v, program, () =>
    input.parts.map((p) => ({ fileName: p.fileName, mimeType: p.mimeType, fileSize: p.bytes.length })),
  );
  if (declared.kind === 'fieldErrors') return { ...(await respond(deps, v, program, declared.documents)), errorIds: declared.errorIds };
  const withFiles = await persistMove(deps, v, program, declared);
  for (const [i, doc] of (declared.documents ?? []).entries()) {
    const bytes = input.parts[i].bytes;
    await deps.documents.receive({
      token: new URL(doc.uploadUrl!).pathname.split('/').pop()!,
      contentType: doc.mimeType,
      contentLength: String(bytes.length),
      body: Readable.from([Buffer.from(bytes)]),
      clientIp: input.clientIp,
    });
  }
  const completed = await completeUpload(deps, withFiles, program, null);
  if (completed.kind === 'fieldErrors')
    return { ...(await respond(deps, withFiles, program, completed.documents)), errorIds: completed.errorIds };
  return respond(deps, await persistMove(deps, withFiles, program, completed), program, completed.documents);
}
