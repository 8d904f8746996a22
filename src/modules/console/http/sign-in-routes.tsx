import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  completeSecondFactor,
  passkeySignInOptions,
  signIn,
  signInWithPasskey,
  signOut,
  signOutEverywhere,
  type AccountsDeps,
} from '../../accounts/index.ts';
import { sendConsolePage } from '../../../platform/html/console-page.tsx';
import { audited, rails } from '../../../platform/http/rails.ts';
import { isAppError } from '../../../shared/errors.ts';
import { ANY_ROLE } from '../../../shared/principal.ts';
import { addressOf, clearSession, enterSession, field, safeNext, startSession } from './forms.ts';
import { SecondFactorForm, SignInForm } from './sign-in-views.tsx';

const HIDDEN = { hide: true } as const;
const PAGE = rails({ access: 'anyone', limit: 'none', audit: 'none' });
/**
 * Credentials posted: counted against the per-address `auth` limit. The use cases write the audit entries
 * (who signed in, or failed to); the request itself names no account, so the rule records nothing more.
 */
const CREDENTIALS = rails({ access: 'anyone', limit: 'auth', idempotency: 'exchange', audit: audited('console.sign-in') });

/** A refusal the form shows (wrong password or code, too many attempts), or the error itself to rethrow. */
function refusal(reply: FastifyReply, e: unknown): string {
  if (!isAppError(e) || ![400, 401, 429].includes(e.status)) throw e;
  reply.status(e.status);
  if (typeof e.details.retryAfterSeconds === 'number') reply.header('retry-after', e.details.retryAfterSeconds);
  return e.message;
}

/** Sign-in (password, then a code where the person has one), passkey sign-in, sign-out. */
export function registerSignInRoutes(app: FastifyInstance, accounts: AccountsDeps) {
  const signInPage = (req: FastifyRequest, reply: FastifyReply, next: string, email: string, error: string | null) =>
    sendConsolePage(req, reply, {
      title: 'Sign in',
      narrow: true,
      status: reply.statusCode,
      scripts: ['/console/assets/webauthn.js', '/console/assets/passkeys.js'],
      body: () => <SignInForm next={next} email={email} error={error} />,
    });

  app.get('/console/sign-in', { schema: HIDDEN, config: PAGE }, async (req, reply) => {
    const next = safeNext((req.query as Record<string, unknown>).next);
    // Already signed in: straight on.
    if (req.session) return reply.redirect(next, 303);
    return signInPage(req, reply, next, '', null);
  });

  app.post('/console/sign-in', { schema: HIDDEN, config: CREDENTIALS }, async (req, reply) => {
    const next = safeNext(field(req.body, 'next'));
    const email = field(req.body, 'email');
    try {
      const result = await signIn(accounts, { email, password: field(req.body, 'password'), ip: addressOf(req) });
      if (result.kind === 'session') return enterSession(reply, result.session, next);
      // Passkeys only: the password was right, but the passkey is the second factor, and it signs in alone.
      if (!result.methods.includes('totp'))
        return signInPage(req, reply, next, email, 'Your sign-in uses a passkey: choose "Sign in with a passkey".');
      return sendConsolePage(req, reply, {
        title: 'Enter your code',
        narrow: true,
        body: () => <SecondFactorForm challenge={result.challenge} next={next} error={null} />,
      });
    } catch (e) {
      return signInPage(req, reply, next, email, refusal(reply, e));
    }
  });

  app.post('/console/sign-in/code', { schema: HIDDEN, config: CREDENTIALS }, async (req, reply) => {
    const next = safeNext(field(req.body, 'next'));
    const challenge = field(req.body, 'challenge');
    try {
      const session = await completeSecondFactor(accounts, { challenge, totpCode: field(req.body, 'code').trim(), ip: addressOf(req) });
      return enterSession(reply, session, next);
    } catch (e) {
      const message = refusal(reply, e);
      return sendConsolePage(req, reply, {
        title: 'Enter your code',
        narrow: true,
        status: reply.statusCode,
        body: () => <SecondFactorForm challenge={challenge} next={next} error={message} />,
      });
    }
  });

  // Passkeys: the page's script asks for a challenge, the authenticator signs it, the script posts the answer.
  app.post('/console/sign-in/passkey/options', { schema: HIDDEN, config: CREDENTIALS }, async () => passkeySignInOptions(accounts));
  app.post('/console/sign-in/passkey', { schema: HIDDEN, config: CREDENTIALS }, async (req, reply) => {
    const body = (req.body ?? {}) as { challengeId?: unknown; response?: unknown; next?: unknown };
    try {
      const session = await signInWithPasskey(accounts, {
        challengeId: typeof body.challengeId === 'string' ? body.challengeId : '',
        response: body.response as never,
        ip: addressOf(req),
      });
      startSession(reply, session);
      // A script follows this answer itself: the address to go to, not a redirect it would follow blindly.
      return reply.header('cache-control', 'no-store').send({ next: safeNext(body.next) });
    } catch (e) {
      return reply.send({ error: refusal(reply, e) });
    }
  });

  app.post(
    '/console/sign-out',
    { schema: HIDDEN, config: rails({ access: 'anyone', limit: 'none', idempotency: 'change', audit: audited('console.sign-out') }) },
    async (req, reply) => {
      if (req.session) await signOut(accounts, req.session.token);
      clearSession(reply);
      return reply.redirect('/console/sign-in', 303);
    },
  );

  app.post(
    '/console/sign-out-everywhere',
    {
      schema: HIDDEN,
      config: rails({ access: ANY_ROLE, limit: 'none', idempotency: 'change', audit: audited('console.sign-out-everywhere') }),
    },
    async (req, reply) => {
      const p = req.principal!;
      await signOutEverywhere(accounts, { accountId: p.accountId, userId: p.userId! });
      clearSession(reply);
      return reply.redirect('/console/sign-in', 303);
    },
  );
}
