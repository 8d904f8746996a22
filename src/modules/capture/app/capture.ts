import type { Readable } from 'node:stream';
import { BlobRejected } from '../../../platform/blobs/index.ts';
import { sha256 } from '../../../platform/crypto/index.ts';
import type { Database } from '../../../platform/db/index.ts';
import { createTypeInspector, FileTypeMismatch } from '../../documents/index.ts';
import {
  checkAddressForm,
  checkDocumentForm,
  checkIdentityForm,
  neededImages,
  type CaptureData,
  type FieldErrors,
  type ImageKind,
  type Step,
} from '../domain/capture.ts';
import { CAPTURE_MIME_TYPES, IMAGE_HEAD_BYTES, imageSize, SENSIBLE, type ImageMime } from '../domain/image-info.ts';
import {
  linkIsLive,
  REQUEST_STATUS,
  type ClientLanguage,
  type LinkRow,
  type Profile,
  type RequestRow,
} from '../../client-requests/index.ts';
import type { ImageRow } from '../infra/capture-repository.ts';
import type { CaptureDeps } from './deps.ts';
import { CaptureErrors } from '../error-codes.ts';

/** Why a link cannot be used, for the page that says so. */
export type LinkState = 'live' | 'notFound' | 'expired' | 'superseded' | 'cancelled' | 'finished';

export interface OpenCapture {
  state: LinkState;
  link?: LinkRow;
  request?: RequestRow;
  org: string;
  /** The file's name as the organization gave it (shown to the client), or null. */
  fileName: string | null;
  /** The client's language, when the organization gave one. */
  clientLanguage: ClientLanguage | null;
  /** The account's default language for clients. */
  defaultLanguage: ClientLanguage;
  profile?: Profile;
  data: CaptureData;
  images: ImageRow[];
}

/** The link's request and what the client entered so far. Reads only: a GET on a link consumes nothing. */
export async function openCapture(deps: CaptureDeps, token: string, exec?: Database, lock = false): Promise<OpenCapture> {
  // Every read goes through `exec`: inside a transaction the embedded store has no other connection.
  const link = token.length <= 100 ? await deps.repo.linkByTokenHash(sha256(token), exec) : undefined;
  if (!link) return { state: 'notFound', org: '', fileName: null, clientLanguage: null, defaultLanguage: 'en', data: {}, images: [] };
  const request = await deps.repo.findRequest(link.account_id, link.request_id, exec, lock);
  const org = await deps.repo.accountName(link.account_id, exec);
  const file = request ? await deps.repo.findFile(link.account_id, request.file_id, exec) : undefined;
  const defaultLanguage = (await deps.repo.settings(link.account_id, exec)).default_language as ClientLanguage;
  const base = { link, request, org, fileName: file?.file_name || null, clientLanguage: null, defaultLanguage, data: {}, images: [] };
  if (!request) return { ...base, state: 'notFound' };
  if (
    link.status === 'used' ||
    [REQUEST_STATUS.review, REQUEST_STATUS.approved, REQUEST_STATUS.rejected].includes(request.status as never)
  ) {
    return { ...base, state: 'finished' };
  }
  if (link.status === 'superseded') return { ...base, state: 'superseded' };
  if (link.status === 'cancelled' || request.status === REQUEST_STATUS.cancelled) return { ...base, state: 'cancelled' };
  if (!linkIsLive(link, deps.clock.now()) || request.status !== REQUEST_STATUS.pending) return { ...base, state: 'expired' };
  const [client] = await deps.repo.clientsById(request.account_id, [request.client_id], exec);
  const saved = await deps.captures.capture(request.account_id, request.id, exec);
  const profile = deps.box.decryptJson<Profile>(client.profile_enc);
  return {
    ...base,
    state: 'live',
    clientLanguage: profile.language ?? null,
    profile,
    data: saved ? deps.box.decryptJson<CaptureData>(saved.data_enc) : {},
    images: await deps.captures.images(request.account_id, request.id, exec),
  };
}

/** Runs `fn` on a live link with its request row locked, so two tabs of one client never interleave. */
export async function withLiveCapture<T>(
  deps: CaptureDeps,
  token: string,
  fn: (trx: Database, c: OpenCapture & { request: RequestRow; link: LinkRow }) => Promise<T>,
) {
  return deps.repo.transaction(async (trx: Database) => {
    const c = await openCapture(deps, token, trx, true);
    if (c.state !== 'live') throw CaptureErrors.linkUnusable(c.state);
    return fn(trx, c as OpenCapture & { request: RequestRow; link: LinkRow });
  });
}

/** Saves one step's form. Answers the field errors (nothing saved) or none. */
export async function saveStep(deps: CaptureDeps, token: string, step: Step, form: Record<string, unknown>): Promise<FieldErrors> {
  const now = deps.clock.now();
  return withLiveCapture(deps, token, async (trx, c) => {
    const data: CaptureData = { ...c.data };
    let errors: FieldErrors = {};
    if (step === 'privacy') {
      if (form.accept !== 'yes') errors = { accept: 'mustAccept' };
      else data.privacyAcceptedAt = data.privacyAcceptedAt ?? now.toISOString();
    } else if (step === 'identity') {
      const r = checkIdentityForm(form, now);
      errors = r.errors;
      if (r.value) data.identity = r.value;
    } else if (step === 'document') {
      const r = checkDocumentForm(form);
      errors = r.errors;
      if (r.value) data.document = r.value;
    } else if (step === 'address') {
      const r = checkAddressForm(form);
      errors = r.errors;
      if (r.value) data.address = r.value;
    } else {
      throw CaptureErrors.badStep(step);
    }
    if (Object.keys(errors).length === 0) {
      await deps.captures.saveCapture(
        trx,
        { request_id: c.request.id, account_id: c.request.account_id, data_enc: deps.box.encryptJson(data) },
        now,
      );
    }
    return errors;
  });
}

export interface ImageUpload {
  kind: string;
  contentType: string | undefined;
  contentLength: string | undefined;
  body: Readable;
}

/**
 * `PUT /verify/{token}/image/{kind}`: a photo, streamed into the encrypted blob store through the same
 * byte counter and magic-byte inspector as eligibility documents. Dimensions are read from the first
 * bytes; a refused body keeps nothing. A second photo of one kind replaces the first.
 */
export async function storeImage(deps: CaptureDeps, token: string, up: ImageUpload) {
  const first = await openCapture(deps, token);
  if (first.state !== 'live') throw CaptureErrors.linkUnusable(first.state);
  if (!neededImages(first.data).includes(up.kind as ImageKind) || !first.data.document) throw CaptureErrors.badImageKind(up.kind);
  const mime = (up.contentType ?? '').split(';')[0].trim().toLowerCase() as ImageMime;
  if (!CAPTURE_MIME_TYPES.includes(mime)) throw CaptureErrors.notAnImage(up.contentType);
  if (up.contentLength === undefined || !/^\d+$/.test(up.contentLength)) throw CaptureErrors.lengthRequired();
  const declared = Number(up.contentLength);
  if (declared > SENSIBLE.maxBytes) throw CaptureErrors.tooLarge(SENSIBLE.maxBytes);

  const inspector = createTypeInspector(mime, declared);
  let head = Buffer.alloc(0);
  let stored;
  try {
    stored = await deps.blobs.write(up.body, {
      maxBytes: Math.min(declared, SENSIBLE.maxBytes),
      inspect: (chunk) => {
        inspector.push(chunk);
        if (head.length < IMAGE_HEAD_BYTES) head = Buffer.concat([head, chunk.subarray(0, IMAGE_HEAD_BYTES - head.length)]);
      },
    });
  } catch (e) {
    if (e instanceof BlobRejected && e.reason === 'tooLarge') throw CaptureErrors.tooLarge(declared);
    if (e instanceof BlobRejected) throw CaptureErrors.notAnImage(up.contentType, e.message);
    throw CaptureErrors.interrupted();
  }
  let replaced: string | null = null;
  let size: { width: number; height: number } | null = null;
  try {
    if (stored.size !== declared) throw CaptureErrors.truncated(stored.size, declared);
    try {
      inspector.finish();
    } catch (e) {
      if (e instanceof FileTypeMismatch) throw CaptureErrors.notAnImage(up.contentType, e.message);
      throw e;
    }
    size = imageSize(mime, head);
    if (!size) throw CaptureErrors.notAnImage(up.contentType, 'Its width and height cannot be read');
    const { width, height } = size;
    replaced = await withLiveCapture(deps, token, (trx, c) =>
      deps.captures.putImage(
        trx,
        {
          account_id: c.request.account_id,
          request_id: c.request.id,
          client_id: c.request.client_id,
          kind: up.kind,
          blob_key: stored.key,
          content_digest: deps.box.digest(`capture-image:${stored.sha256}`),
          mime_type: mime,
          file_size: stored.size,
          width,
          height,
        },
        deps.clock.now(),
      ),
    );
  } catch (e) {
    await deps.blobs.delete(stored.key);
    throw e;
  }
  if (replaced) await deps.blobs.delete(replaced);
  return { kind: up.kind, fileSize: stored.size, width: size!.width, height: size!.height };
}
