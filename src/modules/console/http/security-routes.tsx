import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  beginTotpEnrolment,
  confirmTotpEnrolment,
  listUsers,
  passkeyRegistrationOptions,
  removeTotp,
  verifyPasskeyRegistration,
  type AccountsDeps,
} from '../../accounts/index.ts';
import { CsrfField, sendConsolePage } from '../../../platform/html/console-page.tsx';
import { Notices } from '../../../platform/html/console-parts.tsx';
import { audited, rails } from '../../../platform/http/rails.ts';
import { isAppError } from '../../../shared/errors.ts';
import { ANY_ROLE } from '../../../shared/principal.ts';
import { field } from './forms.ts';

const HIDDEN = { hide: true } as const;
const change = (action: string) =>
  rails({ access: ANY_ROLE, limit: 'none', idempotency: 'change', audit: audited(action, 'user', 'principal.userId') });

interface Enrolment {
  secret: string;
  uri: string;
  error: string | null;
}

/** The signed-in person's own sign-in: second factor (authenticator app), passkeys, sessions elsewhere. */
export function registerSecurityRoutes(app: FastifyInstance, accounts: AccountsDeps) {
  const me = (req: FastifyRequest) => {
    const p = req.principal!;
    return { accountId: p.accountId, userId: p.userId! };
  };
  const page = async (req: FastifyRequest, reply: FastifyReply, enrolment: Enrolment | null, notice: string | null) => {
    const self = (await listUsers(accounts, me(req).accountId)).find((u) => u.id === me(req).userId);
    return sendConsolePage(req, reply, {
      title: 'Your sign-in',
      current: 'security',
      scripts: ['/console/assets/webauthn.js', '/console/assets/passkeys.js'],
      body: ({ csrf }) => (
        <>
          <h1>Your sign-in</h1>
          <Notices notice={notice} />
          <section class="card" aria-labelledby="totp-heading">
            <h2 id="totp-heading">Authenticator app</h2>
            {self?.totp ? (
              <>
                <p>Signing in asks for a code from your authenticator app.</p>
                <form method="post" action="/console/security/totp/remove">
                  <CsrfField csrf={csrf} />
                  <button type="submit" class="secondary">
                    Stop asking for a code
                  </button>
                </form>
              </>
            ) : enrolment ? (
              <>
                <p>
                  Add Vouch to your authenticator app with this key (or open the link on the phone that has the app), then enter the code it
                  shows.
                </p>
                <dl class="facts">
                  <dt>Key</dt>
                  <dd class="mono" id="totp-secret">
                    {enrolment.secret}
                  </dd>
                  {enrolment.uri && (
                    <>
                      <dt>Link</dt>
                      <dd>
                        <a href={enrolment.uri}>Add to authenticator app</a>
                      </dd>
                    </>
                  )}
                </dl>
                <Notices error={enrolment.error} />
                <form method="post" action="/console/security/totp/confirm">
                  <CsrfField csrf={csrf} />
                  {/* Shown again after a wrong code; what is confirmed is the key kept on the server. */}
                  <input type="hidden" name="secret" value={enrolment.secret} />
                  <input type="hidden" name="uri" value={enrolment.uri} />
                  <label for="code">Code from the app</label>
                  <input id="code" name="code" inputMode="numeric" autocomplete="one-time-code" pattern="[0-9]{6}" maxLength={6} required />
                  <div class="actions">
                    <button type="submit">Turn on</button>
                  </div>
                </form>
              </>
            ) : (
              <>
                <p>Ask for a code from an authenticator app after your password, so a stolen password is not enough.</p>
                <form method="post" action="/console/security/totp">
                  <CsrfField csrf={csrf} />
                  <button type="submit">Set up an authenticator app</button>
                </form>
              </>
            )}
          </section>
          <section class="card" aria-labelledby="passkey-heading">
            <h2 id="passkey-heading">Passkeys</h2>
            <p>
              {self?.passkeys ? `${self.passkeys} passkey${self.passkeys === 1 ? '' : 's'} saved.` : 'No passkey saved.'} A passkey signs
              you in without a password, with this device's screen lock or your phone.
            </p>
            <button type="button" id="passkey-add" data-csrf={csrf} hidden>
              Add a passkey
            </button>
            <p id="passkey-status" role="status" />
          </section>
          <section class="card" aria-labelledby="sessions-heading">
            <h2 id="sessions-heading">Signed in elsewhere?</h2>
            <p>Sign out on every device and browser, this one included.</p>
            <form method="post" action="/console/sign-out-everywhere">
              <CsrfField csrf={csrf} />
              <button type="submit" class="danger">
                Sign out everywhere
              </button>
            </form>
          </section>
        </>
      ),
    });
  };

  app.get('/console/security', { schema: HIDDEN, config: rails({ access: ANY_ROLE, limit: 'none', audit: 'none' }) }, async (req, reply) =>
    page(req, reply, null, null),
  );
  app.post('/console/security/totp', { schema: HIDDEN, config: change('console.totp-started') }, async (req, reply) => {
    const { secret, uri } = await beginTotpEnrolment(accounts, me(req));
    return page(req, reply, { secret, uri, error: null }, null);
  });
  app.post('/console/security/totp/confirm', { schema: HIDDEN, config: change('console.totp-confirmed') }, async (req, reply) => {
    try {
      await confirmTotpEnrolment(accounts, { ...me(req), code: field(req.body, 'code').trim() });
      return page(req, reply, null, 'Signing in now asks for a code from your authenticator app.');
    } catch (e) {
      if (!isAppError(e) || e.status !== 400) throw e;
      // The same key again (not a new one), so the entry already made in the app still works.
      reply.status(400);
      const uri = field(req.body, 'uri');
      return page(req, reply, { secret: field(req.body, 'secret'), uri: uri.startsWith('otpauth://') ? uri : '', error: e.message }, null);
    }
  });
  app.post('/console/security/totp/remove', { schema: HIDDEN, config: change('console.totp-removed') }, async (req, reply) => {
    await removeTotp(accounts, me(req));
    return page(req, reply, null, 'Signing in no longer asks for a code.');
  });
  app.post('/console/security/passkey/options', { schema: HIDDEN, config: change('console.passkey-started') }, async (req) =>
    passkeyRegistrationOptions(accounts, me(req)),
  );
  app.post('/console/security/passkey', { schema: HIDDEN, config: change('console.passkey-added') }, async (req, reply) => {
    try {
      await verifyPasskeyRegistration(accounts, { ...me(req), response: (req.body as { response?: unknown })?.response as never });
      return { ok: true };
    } catch (e) {
      if (!isAppError(e) || e.status >= 500) throw e;
      return reply.status(e.status).send({ ok: false, error: e.message });
    }
  });
}
