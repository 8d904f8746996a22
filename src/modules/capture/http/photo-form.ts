import { Readable } from 'node:stream';
import type { FastifyRequest } from 'fastify';
import { parseFormData } from '../../../platform/http/form-data.ts';
import { SENSIBLE } from '../domain/image-info.ts';

/** The photo at its largest and the form around it (boundaries, the CSRF field, part headers). */
export const PHOTO_FORM_LIMIT = SENSIBLE.maxBytes + 64 * 1024;

/** The no-JavaScript photo form as read: its CSRF field and the chosen file, or why it cannot be used. */
export type PhotoForm =
  | { ok: true; csrf: unknown; file: { type: string; bytes: Buffer } }
  | { ok: false; csrf: unknown; why: 'tooLarge' | 'unreadable' | 'noFile' };

/**
 * Reads the body whole, up to PHOTO_FORM_LIMIT. Past it, reading stops and what is left is discarded by
 * the server once the page has answered (so the browser still sees the page that says why).
 */
function readLimited(req: FastifyRequest): Promise<Buffer | null> {
  const raw = req.raw;
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > PHOTO_FORM_LIMIT) return Promise.resolve(null);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > PHOTO_FORM_LIMIT) {
        stop();
        raw.pause();
        resolve(null);
      } else chunks.push(chunk);
    };
    const onEnd = () => {
      stop();
      resolve(Buffer.concat(chunks));
    };
    const onError = (e: Error) => {
      stop();
      reject(e);
    };
    const stop = () => {
      raw.off('data', onData).off('end', onEnd).off('error', onError);
    };
    raw.on('data', onData).on('end', onEnd).on('error', onError);
  });
}

/**
 * The `multipart/form-data` body of one photo form: the `csrf` field and the `photo` file. Anything else
 * in the body is ignored.
 */
export async function readPhotoForm(req: FastifyRequest): Promise<PhotoForm> {
  const type = req.headers['content-type'] ?? '';
  const body = await readLimited(req);
  if (body === null) return { ok: false, csrf: undefined, why: 'tooLarge' };
  if (!/^multipart\/form-data\s*;/i.test(type)) return { ok: false, csrf: undefined, why: 'unreadable' };
  const form = await parseFormData(type, body);
  if (!form) return { ok: false, csrf: undefined, why: 'unreadable' };
  const csrf = form.get('csrf') ?? undefined;
  const photo = form.get('photo');
  if (!photo || typeof photo === 'string' || photo.size === 0) return { ok: false, csrf, why: 'noFile' };
  return { ok: true, csrf, file: { type: photo.type, bytes: Buffer.from(await photo.arrayBuffer()) } };
}

/** The file as the stream the photo use case reads (the same one the PUT streams). */
export const fileStream = (bytes: Buffer) => Readable.from([bytes]);
