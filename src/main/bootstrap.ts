import { randomBytes } from 'node:crypto';
import { ensureAccount, ensureUser, issueApiToken, setPassword } from '../modules/accounts/index.ts';
import { SEGMENT_NAMES, TOKEN_ONLY_SEGMENTS } from '../modules/eligibility-terms/index.ts';
import { createProgram } from '../modules/programs/index.ts';
import { ROLES } from '../shared/principal.ts';
import type { Container } from './container.ts';

export const DEMO_ACCOUNT = 'Demo';
const BOOTSTRAP_TOKEN = 'bootstrap';
export const DEMO_EMAIL = 'demo@vouch.invalid';

/**
 * Creates, idempotently, a demo account, a user holding every role, an API token, and one test-mode
 * program per segment. A token cannot be shown twice, so each run revokes the previous bootstrap token
 * and issues a new one; likewise the demo user's console password is replaced by a new one, printed once.
 */
export async function bootstrap(c: Container) {
  const { account } = await ensureAccount(c.accounts, DEMO_ACCOUNT);
  return bootstrapAccount(c, account.id);
}

/** The same for an existing account: its all-roles user, a fresh bootstrap token, a test program per segment. */
export async function bootstrapAccount(c: Container, accountId: string) {
  const account = { id: accountId };
  const user = await ensureUser(c.accounts, account.id, DEMO_EMAIL, [...ROLES]);
  const password = randomBytes(15).toString('base64url');
  await setPassword(c.accounts, { accountId: account.id, userId: user.id, password });
  await c.accounts.repo.revokeTokensNamed(account.id, BOOTSTRAP_TOKEN, c.clock.now());
  const token = await issueApiToken(c.accounts, { accountId: account.id, name: BOOTSTRAP_TOKEN, roles: [...ROLES], userId: user.id });
  const programs: Record<string, string> = {};
  for (const segment of SEGMENT_NAMES.filter((s) => !TOKEN_ONLY_SEGMENTS.has(s))) {
    const name = `Demo ${segment} program`;
    const existing = await c.programs.repo.findByName(account.id, name);
    programs[segment] =
      existing?.id ??
      (
        await createProgram(c.programs, account.id, {
          name,
          segment,
          testMode: true,
          offerType: 'staticCode',
          staticCode: `DEMO-${segment.toUpperCase()}`,
        })
      ).id;
  }
  const consoleSignIn = { url: `${c.config.publicUrl}/console/sign-in`, email: DEMO_EMAIL, password };
  return { accountId: account.id, token: token.token, programs, console: consoleSignIn };
}
