import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { audited, OPEN_READ, rails } from '../../../platform/http/rails.ts';
import { SEGMENTS } from '../../eligibility-terms/index.ts';
import { defaultMessages } from '../../programs/index.ts';
import { formToJson } from '../domain/form-values.ts';
import { isPersonStep } from '../domain/form-fields.ts';
import { type Answer, apiFor, type ApiCall, pathOf, type Theme } from './api-client.ts';
import { renderPage } from './page.tsx';
import { embedAncestors, parentOriginAllowed } from './embedding.ts';

const HEX24 = /^[0-9a-f]{24}$/;
/** The steps the form posts, beside the person steps. */
const FORM_STEPS = new Set([
  'collectMilitaryStatus',
  'docUpload',
  'emailLoop',
  'smsLoop',
  'sso',
  'idCheckLoop',
  'collectSocialSecurityNumber',
]);
/** The longest embedder option the page takes (`metadata`, `prefill`: JSON; `trackingId`). */
const OPTION_MAX = 10_000;

/** A query or form value, as one string (the first of repeated ones), or undefined. */
const one = (v: unknown): string | undefined => {
  const s = Array.isArray(v) ? v[0] : v;
  return typeof s === 'string' && s.length <= OPTION_MAX ? s : undefined;
};

/** A JSON object given as text (the embedder's metadata or prefill), or null. */
function jsonObject(text: string | undefined): Record<string, unknown> | null {
  if (!text) return null;
  try {
    const v = JSON.parse(text);
    return v && typeof v === 'object' && !Array.isArray(v) ? v : null;
  } catch {
    return null;
  }
}

/** A prefill object as input values: scalars by their property name (nested ones dotted), all as text. */
function prefillValues(prefill: Record<string, unknown> | null): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(prefill ?? {})) {
    if (['string', 'number', 'boolean'].includes(typeof v)) out[k] = String(v);
    else if (k === 'organization' && v && typeof v === 'object') {
      const o = v as { id?: unknown; name?: unknown };
      if (typeof o.name === 'string') out['organization.name'] = o.name;
      if (typeof o.id === 'number') out['organization.id:num'] = String(o.id);
    }
  }
  return out;
}

/** The first step of a program the form shows before a verification exists. */
function firstStep(theme: Theme): string {
  const segment = SEGMENTS[theme.config.segment];
  const sub = theme.config.subSegments.length === 1 ? theme.config.subSegments[0] : null;
  return segment ? segment.firstStep(sub) : 'error';
}

/**
 * The hosted verification form (what SheerID's JavaScript library shows): `GET /form/{programId}` renders
 * the verification's current step (`?verificationId=` resumes one), in the program's theme and language;
 * its forms work without JavaScript (`POST /form/{programId}`, which makes the same API calls and shows the
 * result), and the page's script makes them in the browser, straight to the API. The server side reads and
 * changes nothing itself: it calls the public API (see api-client.ts).
 */
export function registerFormRoutes(app: FastifyInstance, assets: { css: string; js: string; embed: string }, ownOrigin: string) {
  for (const [path, type, body] of [
    ['/form/assets/form.css', 'text/css; charset=utf-8', assets.css],
    ['/form/assets/form.js', 'text/javascript; charset=utf-8', assets.js],
    ['/js/vouch.js', 'text/javascript; charset=utf-8', assets.embed],
  ] as const) {
    app.get(path, { schema: { hide: true }, config: rails(OPEN_READ) }, async (_req, reply) =>
      reply.type(type).header('cache-control', 'public, max-age=3600').header('x-content-type-options', 'nosniff').send(body),
    );
  }

  app.get('/form/:programId', { schema: { hide: true }, config: rails(OPEN_READ) }, async (req, reply) => {
    const { programId } = req.params as { programId: string };
    const q = req.query as Record<string, unknown>;
    const api = apiFor(app, req);
    const verificationId = one(q.verificationId);
    // The theme and the verification are asked for together.
    const [loaded, r] = await Promise.all([
      load(api, programId, one(q.locale) ?? acceptLanguage(req)),
      verificationId !== undefined && HEX24.test(verificationId) ? api<Answer>('GET', `/rest/v2/verification/${verificationId}`) : null,
    ]);
    if ('page' in loaded) return send(reply, loaded.status, loaded.page);
    const { theme } = loaded;
    if (verificationId !== undefined && r?.status !== 200) return page(reply, 404, { theme, programId, v: notFound('noVerification') }, q);
    const v = r?.json ?? null;
    return page(reply, 200, { theme, programId, v, values: prefillValues(jsonObject(one(q.prefill))) }, q);
  });

  // Without JavaScript: the step's form posted here is sent to the API as the script would send it; field
  // errors are shown with what was typed, anything else moves on (303 to the page of the new state). The
  // API calls it makes count against the rate limits as the script's would; the post itself does not, so
  // that a person without JavaScript is not counted twice.
  app.post(
    '/form/:programId',
    { schema: { hide: true }, config: rails({ access: 'anyone', limit: 'none', idempotency: 'read', audit: audited('form.submit') }) },
    async (req, reply) => {
      const { programId } = req.params as { programId: string };
      // Only the form's own pages post here: another site's page could otherwise spend its visitors'
      // attempts (the abuse limits count them by address) without them knowing.
      if (!fromOwnPage(req, ownOrigin)) return send(reply, 403, forbiddenPage());
      const fields = (req.body && typeof req.body === 'object' ? req.body : {}) as Record<string, unknown>;
      const entries = Object.entries(fields).flatMap(([k, v]) => (typeof v === 'string' ? [[k, v] as [string, string]] : []));
      const get = (k: string) => one(fields[k]);
      const api = apiFor(app, req);
      const loaded = await load(api, programId, get('_locale'));
      if ('page' in loaded) return send(reply, loaded.status, loaded.page);
      const { theme } = loaded;
      const step = get('_step') ?? '';
      const carried = Object.fromEntries(entries.filter(([k]) => ['_locale', '_trackingId', '_metadata', '_parentOrigin'].includes(k)));
      const values = Object.fromEntries(entries.filter(([k]) => !k.startsWith('_')));
      if (fields._verificationId !== undefined && !HEX24.test(String(get('_verificationId'))))
        return page(reply, 404, { theme, programId, v: notFound('noVerification') }, carried);
      let verificationId = get('_verificationId');
      // A post the form never makes (no step, or a new verification from another step than the first) is
      // refused before any call: it changes nothing.
      if (!FORM_STEPS.has(step) && !isPersonStep(step)) return page(reply, 400, { theme, programId, v: notFound('invalidStep') }, carried);
      if (!verificationId && step !== firstStep(theme)) return page(reply, 400, { theme, programId, v: notFound('invalidStep') }, carried);
      if (!verificationId) {
        const started = await api<Answer>('POST', '/rest/v2/verification', {
          programId,
          ...(get('_trackingId') ? { trackingId: get('_trackingId') } : {}),
          ...(get('_metadata') && jsonObject(get('_metadata')) ? { metadata: jsonObject(get('_metadata')) } : {}),
        });
        if (started.status !== 200) return page(reply, started.status, { theme, programId, v: started.json }, carried);
        verificationId = started.json.verificationId!;
        // The program starts elsewhere (Remember-Me, ...): show that step rather than send this one.
        if (started.json.currentStep !== step) return moveOn(reply, programId, verificationId, carried);
      }
      const action = get('_action');
      const base = `/rest/v2/verification/${verificationId}/step/${encodeURIComponent(step)}`;
      const r =
        action === 'cancel'
          ? await api<Answer>('DELETE', base)
          : action === 'resend'
            ? await api<Answer>('GET', `${base}/retry`)
            : await api<Answer>('POST', base, await bodyFor(api, theme, step, entries));
      if (r.status === 200 && r.json?.currentStep === step && r.json.errorIds.length > 0) {
        return page(reply, 200, { theme, programId, v: r.json, values, errors: r.json.errorIds }, carried);
      }
      if (r.status >= 400) {
        // Refused: where the verification still stands on the step, the reason is shown with what was typed.
        const now = await api<Answer>('GET', `/rest/v2/verification/${verificationId}`);
        if (now.status !== 200) return page(reply, r.status, { theme, programId, v: r.json }, carried);
        if (now.json.currentStep === step)
          return page(reply, r.status, { theme, programId, v: now.json, values, errors: r.json?.errorIds ?? ['unknownError'] }, carried);
      }
      return moveOn(reply, programId, verificationId, carried);
    },
  );

  function page(
    reply: FastifyReply,
    status: number,
    view: { theme: Theme; programId: string; v: Answer | null; values?: Record<string, string>; errors?: string[] },
    q: Record<string, unknown>,
  ) {
    const nonce = randomBytes(16).toString('base64');
    const parentOrigin = one(q.parentOrigin ?? q._parentOrigin) ?? null;
    const allowedParent = parentOrigin && parentOriginAllowed(parentOrigin, view.theme.allowedDomains) ? parentOrigin : null;
    const carried: Record<string, string> = { _locale: view.theme.intl.locale };
    const trackingId = one(q.trackingId ?? q._trackingId);
    if (trackingId) carried._trackingId = trackingId;
    const metadata = jsonObject(one(q.metadata ?? q._metadata));
    if (metadata) carried._metadata = JSON.stringify(metadata);
    if (allowedParent) carried._parentOrigin = allowedParent;
    const html = renderPage({
      programId: view.programId,
      theme: view.theme,
      v: view.v,
      step: view.v?.currentStep ?? firstStep(view.theme),
      values: view.values ?? {},
      errors: view.errors ?? [],
      carried,
      nonce,
      parentOrigin: allowedParent,
      metadata,
    });
    reply.header('content-security-policy', csp(nonce, view.theme));
    return send(reply, status, html);
  }
}

/** Whether a post comes from a page of this site, by what the browser says (a client that says nothing is let through). */
function fromOwnPage(req: FastifyRequest, ownOrigin: string): boolean {
  const site = req.headers['sec-fetch-site'];
  if (site && site !== 'same-origin' && site !== 'none') return false;
  const origin = req.headers.origin;
  return !origin || origin === ownOrigin || (origin === 'null' && site === 'same-origin');
}

const forbiddenPage = () =>
  '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Refused</title></head><body><p>This form can only be sent from its own page.</p></body></html>';

function send(reply: FastifyReply, status: number, html: string) {
  return reply
    .status(status)
    .type('text/html; charset=utf-8')
    .header('cache-control', 'no-store')
    .header('x-content-type-options', 'nosniff')
    .send(html);
}

function moveOn(reply: FastifyReply, programId: string, verificationId: string, carried: Record<string, string>) {
  const q = new URLSearchParams({ verificationId });
  if (carried._locale) q.set('locale', carried._locale);
  if (carried._parentOrigin) q.set('parentOrigin', carried._parentOrigin);
  return reply.redirect(`/form/${programId}?${q}`, 303);
}

const notFound = (errorId: string): Answer => ({ verificationId: null, currentStep: 'error', errorIds: [errorId], segment: null });

/** The page's strict policy: the page's own script and styles (by nonce), its API, the program's logo. */
function csp(nonce: string, theme: Theme): string {
  const logo = theme.logoUrl ? ` ${new URL(theme.logoUrl).origin}` : '';
  return [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src 'nonce-${nonce}'`,
    `img-src 'self' blob: data:${logo}`,
    "connect-src 'self'",
    "form-action 'self'",
    "base-uri 'none'",
    `frame-ancestors ${embedAncestors(theme.allowedDomains)}`,
  ].join('; ');
}

/** The theme, in the language asked for; a program that cannot be shown is a page of its own. */
async function load(
  api: ApiCall,
  programId: string,
  locale: string | undefined,
): Promise<{ theme: Theme } | { status: number; page: string }> {
  const r = HEX24.test(programId)
    ? await api<Theme>('GET', `/rest/v2/program/${programId}/theme${locale ? `?${new URLSearchParams({ locale })}` : ''}`)
    : null;
  if (r && r.status === 200) return { theme: r.json };
  const m = defaultMessages(locale ?? 'en-US');
  const theme: Theme = {
    intl: m,
    customCss: '',
    logoUrl: null,
    privacyPolicyUrl: null,
    colors: { primary: '#0b6bcb', background: '#f4f5f7' },
    allowedDomains: [],
    isTestMode: false,
    smsLoopEnabled: false,
    config: {
      countries: [],
      locales: [m.locale],
      estimatedReviewTime: 'A_FEW_MINUTES',
      marketConsent: { enabled: false, required: false, message: '' },
      orgSearchUrl: '',
      segment: '',
      subSegments: [],
    },
  };
  const nonce = randomBytes(16).toString('base64');
  const v = notFound(r?.json && (r.json as unknown as Answer).errorIds?.[0] ? (r.json as unknown as Answer).errorIds[0] : 'noProgram');
  return {
    status: r?.status ?? 404,
    page: renderPage({
      programId,
      theme,
      v,
      step: 'error',
      values: {},
      errors: [],
      carried: {},
      nonce,
      parentOrigin: null,
      metadata: null,
    }),
  };
}

/** The first language tag of Accept-Language, for the theme to negotiate. */
const acceptLanguage = (req: FastifyRequest) => req.headers['accept-language']?.split(',')[0]?.split(';')[0]?.trim() || undefined;

/**
 * The API body of a step posted without JavaScript. A person step's organization typed without picking
 * one from the list (the list needs the script) is looked up as the script would: the program's search,
 * the first match of that exact name, else the first match.
 */
async function bodyFor(api: ApiCall, theme: Theme, step: string, entries: [string, string][]): Promise<Record<string, unknown>> {
  const body = formToJson(entries);
  const org = body.organization as { id?: number; name?: string } | undefined;
  if (isPersonStep(step) && org?.name && org.id === undefined && theme.config.orgSearchUrl) {
    const found = await api<{ id: number; name: string }[]>('GET', `${pathOf(theme.config.orgSearchUrl)}${encodeURIComponent(org.name)}`);
    const list = Array.isArray(found.json) ? found.json : [];
    const match = list.find((o) => o.name.toLowerCase() === org.name!.toLowerCase()) ?? list[0];
    body.organization = match ? { id: match.id, name: match.name } : { id: 0, name: org.name };
  }
  return body;
}
