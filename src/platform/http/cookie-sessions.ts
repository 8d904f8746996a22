import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../shared/errors.ts';
import type { Principal } from '../../shared/principal.ts';
import { clientAddress } from './client-address.ts';

/** What a session cookie resolves to: the principal the rails check, and the token every form must echo. */
export interface ResolvedSession {
  principal: Principal;
  csrf: string;
  /** Who is signed in, as the pages name them (the person's email). */
  label: string;
}

export interface CookieSessionOptions {
  /** The cookie's name. */
  cookie: string;
  /** The path prefix of the pages that take a session (and the cookie's Path). */
  prefix: string;
  resolve(token: string, clientAddress: string | null): Promise<ResolvedSession | null>;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The console session the request came with (cookie), once resolved; null otherwise. */
    session: { token: string; csrf: string; label: string } | null;
  }
}

/** The form field (or header, for scripts) that carries the session's CSRF token. */
export const CSRF_FIELD = '_csrf';
const CSRF_HEADER = 'x-csrf-token';
const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

export const CookieSessionErrors = {
  /** A form posted without the token of the session it came with: another site's page, or a stale form. */
  csrf: () => new AppError('invalidCsrfToken', 403, 'This form has expired or did not come from this site; reload the page and try again'),
  /** A POST without a session whose Origin is another site (sign-in forms are not to be posted from elsewhere). */
  crossSite: () => new AppError('crossSiteRequest', 403, 'This form did not come from this site'),
};

/** The value of one cookie of a Cookie header, or undefined. */
export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

/**
 * Sets or clears the session cookie: HttpOnly (no script reads it), SameSite=Lax (not sent on another site's
 * POST), Secure when the request came over TLS (directly or through a trusted proxy), scoped to the pages.
 */
export function setSessionCookie(
  reply: FastifyReply,
  options: Pick<CookieSessionOptions, 'cookie' | 'prefix'>,
  value: string | null,
  expiresAt?: Date,
) {
  const attributes = [`Path=${options.prefix}`, 'HttpOnly', 'SameSite=Lax'];
  if (reply.request.protocol === 'https') attributes.push('Secure');
  if (value === null) attributes.push('Max-Age=0');
  else if (expiresAt) attributes.push(`Expires=${expiresAt.toUTCString()}`);
  reply.header('set-cookie', `${options.cookie}=${value ?? ''}; ${attributes.join('; ')}`);
}

const sameText = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

/**
 * Resolves the session cookie of requests under `prefix` into `req.principal` (a bearer token counts for nothing there),
 * before the rails check roles, so a page's roles are checked exactly as an API route's. A change (any
 * method but GET/HEAD) with a session must echo the session's CSRF token; one without a session (sign-in,
 * password reset) must not come from another site's page.
 */
export function registerCookieSessions(app: FastifyInstance, options: CookieSessionOptions) {
  app.decorateRequest('session', null);
  const under = (req: FastifyRequest) =>
    req.url === options.prefix || req.url.startsWith(`${options.prefix}/`) || req.url.startsWith(`${options.prefix}?`);
  app.addHook('onRequest', async (req) => {
    if (!under(req)) return;
    // The pages are for people: an API token sent there opens nothing (its own checks have run already).
    req.principal = null;
    const token = readCookie(req.headers.cookie, options.cookie);
    if (!token) return;
    const resolved = await options.resolve(token, clientAddress(req));
    if (!resolved) return;
    req.principal = resolved.principal;
    req.session = { token, csrf: resolved.csrf, label: resolved.label };
  });
  app.addHook('preHandler', async (req) => {
    if (!under(req) || SAFE.has(req.method)) return;
    if (req.session) {
      const body = req.body as Record<string, unknown> | undefined;
      const sent = (typeof body?.[CSRF_FIELD] === 'string' ? body[CSRF_FIELD] : undefined) ?? req.headers[CSRF_HEADER];
      if (typeof sent !== 'string' || !sameText(sent, req.session.csrf)) throw CookieSessionErrors.csrf();
      return;
    }
    const origin = req.headers.origin;
    if (origin && origin !== 'null' && hostOf(origin) !== req.headers.host) throw CookieSessionErrors.crossSite();
    if (origin === 'null' || req.headers['sec-fetch-site'] === 'cross-site') throw CookieSessionErrors.crossSite();
  });
}

function hostOf(origin: string): string | null {
  try {
    return new URL(origin).host;
  } catch {
    return null;
  }
}
