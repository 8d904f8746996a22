import type { FastifyReply, FastifyRequest } from 'fastify';
import { setSessionCookie } from '../../../platform/http/cookie-sessions.ts';
import { clientAddress } from '../../../platform/http/client-address.ts';

/** The console's session cookie: its name and the pages it is sent to. */
export const SESSION_COOKIE = { cookie: 'vouch_session', prefix: '/console' } as const;

/** A form field as text ('' when absent or not text). */
export const field = (body: unknown, name: string): string => {
  const v = (body as Record<string, unknown> | undefined)?.[name];
  return typeof v === 'string' ? v : '';
};

/**
 * Where to go after signing in: a console path the request named, else the overview. Anything else (another
 * site, `//host`, a backslash trick) is ignored, so the sign-in page cannot be used to send people elsewhere.
 */
export function safeNext(value: unknown): string {
  if (typeof value !== 'string' || !/^\/console(?:[/?#]|$)/.test(value) || /[\\\s]/.test(value)) return '/console';
  return value;
}

/** Starts the browser's session: a new cookie each sign-in, so a session id set before it is worth nothing. */
export const startSession = (reply: FastifyReply, session: { token: string; expiresAt: Date }) =>
  setSessionCookie(reply, SESSION_COOKIE, session.token, session.expiresAt);

/** Starts the browser's session and moves on to `next`. */
export function enterSession(reply: FastifyReply, session: { token: string; expiresAt: Date }, next: string) {
  startSession(reply, session);
  return reply.header('cache-control', 'no-store').redirect(next, 303);
}

/** Ends the browser's session cookie. */
export const clearSession = (reply: FastifyReply) => setSessionCookie(reply, SESSION_COOKIE, null);

export const addressOf = (req: FastifyRequest) => clientAddress(req);
