import { Notices } from '../../../platform/html/console-parts.tsx';
import type { ComponentChildren } from 'preact';

export function SignInForm({ next, email, error }: { next: string; email: string; error: string | null }) {
  return (
    <>
      <h1>Sign in to Vouch</h1>
      <Notices error={error} />
      <form method="post" action="/console/sign-in" class="card">
        <input type="hidden" name="next" value={next} />
        <label for="email">Email</label>
        <input id="email" name="email" type="email" autocomplete="username webauthn" required value={email} />
        <label for="password">Password</label>
        <input id="password" name="password" type="password" autocomplete="current-password" required />
        <div class="actions">
          <button type="submit">Sign in</button>
          <a href="/console/reset">Forgot your password?</a>
        </div>
      </form>
      <div class="card" id="passkey" hidden>
        <p>Or sign in with a passkey saved on this device or your phone.</p>
        <button type="button" class="secondary" id="passkey-sign-in" data-next={next}>
          Sign in with a passkey
        </button>
        <p class="error" id="passkey-error" role="alert" />
      </div>
    </>
  );
}

export function SecondFactorForm({ challenge, next, error }: { challenge: string; next: string; error: string | null }) {
  return (
    <>
      <h1>Enter your code</h1>
      <p>Open your authenticator app and enter the six-digit code it shows for Vouch.</p>
      <Notices error={error} />
      <form method="post" action="/console/sign-in/code" class="card">
        <input type="hidden" name="challenge" value={challenge} />
        <input type="hidden" name="next" value={next} />
        <label for="code">Code</label>
        <input id="code" name="code" inputMode="numeric" autocomplete="one-time-code" pattern="[0-9]{6}" maxLength={6} required />
        <div class="actions">
          <button type="submit">Continue</button>
          <a href="/console/sign-in">Start again</a>
        </div>
      </form>
    </>
  );
}

/** A page with a heading and a few words, for outcomes (mail sent, link used). */
export const Message = ({ title, children }: { title: string; children: ComponentChildren }) => (
  <>
    <h1>{title}</h1>
    {children}
  </>
);
