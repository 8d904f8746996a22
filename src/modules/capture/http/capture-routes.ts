import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { audited, rails } from '../../../platform/http/rails.ts';
import { isAppError } from '../../../shared/errors.ts';
import { openCapture, saveStep, storeImage, type OpenCapture } from '../app/capture.ts';
import type { CaptureDeps } from '../app/deps.ts';
import { openableStep, type Step } from '../domain/capture.ts';
import { renderEnded, renderFormExpired, type Frame } from './capture-layout.tsx';
import { renderStep } from './capture-steps.tsx';
import { pickLang, TEXTS } from './capture-texts.ts';
import { CaptureErrors } from '../error-codes.ts';
import { fileStream, readPhotoForm } from './photo-form.ts';

/**
 * The final submit: it consumes the link and builds the report, which is the id-reports module's work (it
 * builds on this one); src/main passes it in. It throws the capture's errors when the link cannot be used.
 */
export type SubmitCapture = (token: string) => Promise<unknown>;

const CSRF_COOKIE = 'vouch_csrf';
const LANG_COOKIE = 'vouch_lang';
const FORM_STEPS: Step[] = ['privacy', 'identity', 'document', 'address'];
const PHOTO_KINDS = new Set(['front', 'back', 'selfie']);

/** The page's words for a photo the use case refused, by the error's status (never its JSON). */
function photoErrorCode(status: number): string {
  if (status === 415) return 'photoNotImage';
  if (status === 413) return 'photoTooLarge';
  return 'photoFailed';
}

/** The request's cookies; a value that is not valid percent-encoding reads as absent (never an error). */
function cookies(req: FastifyRequest): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const i = part.indexOf('=');
    if (i <= 0) continue;
    try {
      out[part.slice(0, i).trim()] = decodeURIComponent(part.slice(i + 1).trim());
    } catch {
      // URIError: malformed percent-encoding; any other cookie of the header still counts.
    }
  }
  return out;
}

/**
 * The capture page at the link: `GET /verify/{token}` shows the step the client is at (or one they go back
 * to), each step's form POSTs to `/verify/{token}/{step}` and redirects back (303), photos are PUT by the
 * page's script as soon as they are chosen (without JavaScript each photo's own form POSTs it as
 * `multipart/form-data` to `/verify/{token}/image/{kind}`), and `POST .../submit` ends it. Only submit
 * consumes the link.
 *
 * CSRF: a random HttpOnly SameSite=Lax cookie is set on the first GET; every form carries an HMAC of that
 * cookie and the link id (the script's photo PUT sends it in `x-csrf-token`). A POST or PUT is refused unless
 * the cookie is there and the token matches it, and unless Origin / Sec-Fetch-Site (when the browser
 * sends them) say the request came from this site (`Origin: null` only together with `same-origin`).
 */
export function registerCapturePage(app: FastifyInstance, deps: CaptureDeps, submit: SubmitCapture) {
  const secure = deps.publicUrl.startsWith('https:') ? '; Secure' : '';
  const origin = new URL(deps.publicUrl).origin;
  const csrfFor = (linkId: number, cookie: string) => deps.box.digest(`capture-csrf:${linkId}:${cookie}`);

  /** The page's frame; its language: the one chosen on the page, else the client's (or the account's default). */
  function frame(req: FastifyRequest, reply: FastifyReply, token: string, c: OpenCapture, step?: string): Frame {
    const q = req.query as Record<string, unknown>;
    const lang = pickLang(q.lang, cookies(req)[LANG_COOKIE], {
      client: c.clientLanguage,
      acceptLanguage: req.headers['accept-language'],
      fallback: c.defaultLanguage,
    });
    if (q.lang === 'fr' || q.lang === 'en')
      reply.header('set-cookie', `${LANG_COOKIE}=${lang}; Path=/verify; Max-Age=2592000; SameSite=Lax${secure}`);
    const nonce = randomBytes(16).toString('base64');
    reply
      .header('cache-control', 'no-store')
      .header('referrer-policy', 'no-referrer')
      .header('x-frame-options', 'DENY')
      .header('x-content-type-options', 'nosniff')
      .header(
        'content-security-policy',
        `default-src 'none'; style-src 'nonce-${nonce}'; script-src 'nonce-${nonce}'; img-src 'self' blob:; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'`,
      )
      .type('text/html; charset=utf-8');
    const other = lang === 'fr' ? 'en' : 'fr';
    return {
      lang,
      t: TEXTS[lang],
      org: c.org,
      file: c.fileName,
      nonce,
      token: encodeURIComponent(token),
      switchHref: `/verify/${encodeURIComponent(token)}?lang=${other}${step ? `&step=${step}` : ''}`,
    };
  }

  /** The CSRF cookie, set if the browser has none yet. */
  function csrfCookie(req: FastifyRequest, reply: FastifyReply) {
    let value = cookies(req)[CSRF_COOKIE];
    if (!value || !/^[A-Za-z0-9_-]{43}$/.test(value)) {
      value = randomBytes(32).toString('base64url');
      const set = `${CSRF_COOKIE}=${value}; Path=/verify; HttpOnly; SameSite=Lax${secure}`;
      const prev = reply.getHeader('set-cookie');
      reply.header('set-cookie', prev ? [...(Array.isArray(prev) ? prev : [String(prev)]), set] : set);
    }
    return value;
  }

  function checkCsrf(req: FastifyRequest, linkId: number, sent: unknown) {
    const site = req.headers['sec-fetch-site'];
    if (site && site !== 'same-origin' && site !== 'none') throw CaptureErrors.csrf();
    // The page's no-referrer policy makes Chromium send `Origin: null` on its own form posts; that is
    // accepted only when the browser also says the request is same-origin.
    const from = req.headers.origin;
    if (from && from !== origin && !(from === 'null' && site === 'same-origin')) throw CaptureErrors.csrf();
    const cookie = cookies(req)[CSRF_COOKIE];
    if (!cookie || typeof sent !== 'string') throw CaptureErrors.csrf();
    const expected = Buffer.from(csrfFor(linkId, cookie));
    const got = Buffer.from(sent);
    if (got.length !== expected.length || !timingSafeEqual(got, expected)) throw CaptureErrors.csrf();
  }

  function page(
    req: FastifyRequest,
    reply: FastifyReply,
    token: string,
    c: OpenCapture,
    wanted: string | undefined,
    extra: { errors?: Record<string, string>; form?: Record<string, unknown> } = {},
  ) {
    if (c.state !== 'live') {
      const f = frame(req, reply, token, c);
      return reply.status(c.state === 'finished' ? 200 : c.state === 'notFound' ? 404 : 410).send(renderEnded(f, c.state));
    }
    const step = openableStep(wanted, c.data, new Set(c.images.map((i) => i.kind)));
    const f = frame(req, reply, token, c, step);
    const csrf = csrfFor(c.link!.id, csrfCookie(req, reply));
    const errors = extra.errors ?? {};
    return reply.status(Object.keys(errors).length ? 400 : 200).send(
      renderStep(f, {
        step,
        data: c.data,
        images: c.images,
        profile: c.profile!,
        errors,
        form: extra.form ?? {},
        csrf,
        linkEnd: c.link!.end_date,
      }),
    );
  }

  app.get(
    '/verify/:token',
    { schema: { hide: true }, config: rails({ access: 'link', limit: 'link', audit: audited('link.open') }) },
    async (req, reply) => {
      const { token } = req.params as { token: string };
      return page(req, reply, token, await openCapture(deps, token), (req.query as Record<string, string>).step);
    },
  );

  app.post(
    '/verify/:token/:step',
    {
      schema: { hide: true },
      config: rails({ access: 'link', limit: 'upload', idempotency: 'change', audit: audited('capture.submit-step') }),
    },
    async (req, reply) => {
      const { token, step } = req.params as { token: string; step: string };
      const form = (req.body && typeof req.body === 'object' ? req.body : {}) as Record<string, unknown>;
      const c = await openCapture(deps, token);
      if (c.state !== 'live') return page(req, reply, token, c, undefined);
      if (step !== 'submit' && !FORM_STEPS.includes(step as Step)) throw CaptureErrors.badStep(step);
      try {
        checkCsrf(req, c.link!.id, form.csrf);
      } catch {
        const f = frame(req, reply, token, c);
        return reply.status(403).send(renderFormExpired(f));
      }
      try {
        if (step === 'submit') {
          await submit(token);
        } else {
          const errors = await saveStep(deps, token, step as Step, form);
          if (Object.keys(errors).length) return page(req, reply, token, await openCapture(deps, token), step, { errors, form });
        }
        return reply
          .status(303)
          .header('location', `/verify/${encodeURIComponent(token)}`)
          .send();
      } catch (e) {
        // The link ended between the page and the post (expired, cancelled, or submitted in another tab).
        if (isAppError(e) && (e.code === 'linkUnusable' || e.code === 'invalidState'))
          return page(req, reply, token, await openCapture(deps, token), undefined);
        throw e;
      }
    },
  );

  // Photos: the raw body streams into the blob store; no parser may buffer it. The no-JavaScript form's
  // multipart body is read by the handler itself, up to a strict limit (photo-form.ts).
  app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', (_req, _payload, done) => done(null));
    scope.put(
      '/verify/:token/image/:kind',
      {
        schema: { hide: true },
        config: rails({ access: 'link', limit: 'upload', audit: audited('capture.upload-image') }, { streamsBody: true }),
      },
      async (req, reply) => {
        const { token, kind } = req.params as { token: string; kind: string };
        reply.header('cache-control', 'no-store');
        const c = await openCapture(deps, token);
        if (c.state !== 'live') throw CaptureErrors.linkUnusable(c.state);
        checkCsrf(req, c.link!.id, req.headers['x-csrf-token']);
        return storeImage(deps, token, {
          kind,
          contentType: req.headers['content-type'],
          contentLength: req.headers['content-length'],
          body: req.raw,
        });
      },
    );

    scope.post(
      '/verify/:token/image/:kind',
      {
        schema: { hide: true },
        config: rails(
          { access: 'link', limit: 'upload', idempotency: 'change', audit: audited('capture.upload-image') },
          { streamsBody: true },
        ),
      },
      async (req, reply) => {
        const { token, kind } = req.params as { token: string; kind: string };
        const form = await readPhotoForm(req);
        const c = await openCapture(deps, token);
        if (c.state !== 'live') return page(req, reply, token, c, undefined);
        const key = PHOTO_KINDS.has(kind) ? kind : 'photo';
        const refused = async (code: string) =>
          page(req, reply, token, await openCapture(deps, token), 'photos', { errors: { [key]: code } });
        if (!form.ok && form.why === 'tooLarge') return refused('photoTooLarge');
        try {
          checkCsrf(req, c.link!.id, form.csrf);
        } catch {
          return reply.status(403).send(renderFormExpired(frame(req, reply, token, c)));
        }
        if (!form.ok) return refused(form.why === 'noFile' ? 'photoMissing' : 'photoFailed');
        try {
          await storeImage(deps, token, {
            kind,
            contentType: form.file.type,
            contentLength: String(form.file.bytes.length),
            body: fileStream(form.file.bytes),
          });
        } catch (e) {
          if (!isAppError(e)) throw e;
          if (e.code === 'linkUnusable') return page(req, reply, token, await openCapture(deps, token), undefined);
          return refused(photoErrorCode(e.status));
        }
        return reply
          .status(303)
          .header('location', `/verify/${encodeURIComponent(token)}?step=photos`)
          .send();
      },
    );
  });
}
