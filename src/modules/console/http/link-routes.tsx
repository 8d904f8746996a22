import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { linkInfo, redeemLink, requestPasswordReset, type AccountsDeps } from '../../accounts/index.ts';
import { sendConsolePage } from '../../../platform/html/console-page.tsx';
import { Notices } from '../../../platform/html/console-parts.tsx';
import { audited, rails } from '../../../platform/http/rails.ts';
import { isAppError } from '../../../shared/errors.ts';
import { addressOf, enterSession, field } from './forms.ts';
import { Message } from './sign-in-views.tsx';

const HIDDEN = { hide: true } as const;
/** Link pages: the capability is the token in the path; a GET only shows the page (mail scanners open links). */
const LINK_PAGE = rails({ access: 'link', limit: 'link', audit: 'none' });
const LINK_USE = rails({ access: 'link', limit: 'link', idempotency: 'exchange', audit: audited('console.link-used') });

interface PasswordFormProps {
  action: string;
  email: string;
  kind: 'invitation' | 'reset';
  error: string | null;
  /** The person has an authenticator app: a link alone does not set their password. */
  askCode: boolean;
}

function PasswordForm({ action, email, kind, error, askCode }: PasswordFormProps) {
  return (
    <>
      <h1>{kind === 'invitation' ? 'Welcome to Vouch' : 'Choose a new password'}</h1>
      <p>
        {kind === 'invitation' ? 'Choose a password to finish setting up your sign-in for ' : 'Set a new password for '}
        <strong>{email}</strong>.
      </p>
      <Notices error={error} />
      <form method="post" action={action} class="card">
        <input type="hidden" name="username" autocomplete="username" value={email} />
        <label for="password">New password</label>
        <input
          id="password"
          name="password"
          type="password"
          autocomplete="new-password"
          minLength={12}
          maxLength={256}
          required
          aria-describedby="password-hint"
        />
        <p id="password-hint" class="muted">
          At least 12 characters. A few unrelated words make a good one.
        </p>
        {askCode && (
          <>
            <label for="code">Code from your authenticator app</label>
            <input id="code" name="code" inputMode="numeric" autocomplete="one-time-code" pattern="[0-9]{6}" maxLength={6} required />
          </>
        )}
        <div class="actions">
          <button type="submit">{kind === 'invitation' ? 'Set password and sign in' : 'Save and sign in'}</button>
        </div>
      </form>
    </>
  );
}

const unusable = (req: FastifyRequest, reply: FastifyReply) =>
  sendConsolePage(req, reply, {
    title: 'This link can no longer be used',
    narrow: true,
    status: 410,
    body: () => (
      <Message title="This link can no longer be used">
        <p>It was used already, has expired, or was never valid. Ask for a new one.</p>
        <p>
          <a href="/console/reset">Reset your password</a> · <a href="/console/sign-in">Sign in</a>
        </p>
      </Message>
    ),
  });

/** Password reset (asked for by email) and invitations: links that are single-use, hashed and expiring. */
export function registerLinkRoutes(app: FastifyInstance, accounts: AccountsDeps) {
  const resetRequestPage = (req: FastifyRequest, reply: FastifyReply, sent: boolean) =>
    sendConsolePage(req, reply, {
      title: 'Reset your password',
      narrow: true,
      body: () =>
        sent ? (
          <Message title="Check your mail">
            <p>If that address has a Vouch sign-in, a link to choose a new password is on its way. It works once, for an hour.</p>
            <p>
              <a href="/console/sign-in">Back to sign-in</a>
            </p>
          </Message>
        ) : (
          <>
            <h1>Reset your password</h1>
            <form method="post" action="/console/reset" class="card">
              <label for="email">Email</label>
              <input id="email" name="email" type="email" autocomplete="username" required />
              <div class="actions">
                <button type="submit">Send me a link</button>
                <a href="/console/sign-in">Back to sign-in</a>
              </div>
            </form>
          </>
        ),
    });

  app.get('/console/reset', { schema: HIDDEN, config: rails({ access: 'anyone', limit: 'none', audit: 'none' }) }, async (req, reply) =>
    resetRequestPage(req, reply, false),
  );
  app.post(
    '/console/reset',
    // The use case records the request (user.password-reset-requested) when the address has a sign-in.
    {
      schema: HIDDEN,
      config: rails({ access: 'anyone', limit: 'auth', idempotency: 'exchange', audit: audited('console.reset-requested') }),
    },
    async (req, reply) => {
      await requestPasswordReset(accounts, { email: field(req.body, 'email').trim(), ip: addressOf(req) });
      // The same answer whether the address is known: the page never tells who has a sign-in.
      return resetRequestPage(req, reply, true);
    },
  );

  for (const kind of ['reset', 'invitation'] as const) {
    const path = `/console/${kind}/:token`;
    app.get(path, { schema: HIDDEN, config: LINK_PAGE }, async (req, reply) => {
      const { token } = req.params as { token: string };
      const info = await linkInfo(accounts, token);
      if (!info || info.kind !== kind) return unusable(req, reply);
      return sendConsolePage(req, reply, {
        title: kind === 'invitation' ? 'Welcome to Vouch' : 'Choose a new password',
        narrow: true,
        body: () => (
          <PasswordForm
            action={`/console/${kind}/${token}`}
            email={info.email}
            kind={kind}
            error={null}
            askCode={info.secondFactor.includes('totp')}
          />
        ),
      });
    });
    app.post(path, { schema: HIDDEN, config: LINK_USE }, async (req, reply) => {
      const { token } = req.params as { token: string };
      const info = await linkInfo(accounts, token);
      if (!info || info.kind !== kind) return unusable(req, reply);
      try {
        const code = field(req.body, 'code').trim();
        const session = await redeemLink(accounts, {
          token,
          password: field(req.body, 'password'),
          ip: addressOf(req),
          totpCode: code || undefined,
        });
        return enterSession(reply, session, '/console');
      } catch (e) {
        if (isAppError(e) && (e.status === 404 || e.status === 410)) return unusable(req, reply);
        // A weak password, a missing or wrong code, a second factor the link cannot stand in for: said on the form.
        if (!isAppError(e) || ![400, 401, 403, 429].includes(e.status)) throw e;
        return sendConsolePage(req, reply, {
          title: 'Choose a new password',
          narrow: true,
          status: e.status,
          body: () => (
            <PasswordForm
              action={`/console/${kind}/${token}`}
              email={info.email}
              kind={kind}
              error={e.message}
              askCode={info.secondFactor.includes('totp')}
            />
          ),
        });
      }
    });
  }
}
