export type { AccountsDeps, PeopleAuditEvent } from './app/deps.ts';
export { AccountsRepository } from './infra/accounts-repository.ts';
export { PeopleRepository } from './infra/people-repository.ts';
export { accountName, ensureAccount, type Account } from './app/create-account.ts';
export { ensureUser } from './app/ensure-user.ts';
export {
  issueApiToken,
  issueUserApiToken,
  listApiTokens,
  revokeApiToken,
  parseAllowedAddresses,
  parseRoles,
  tokenName,
  type IssuedToken,
} from './app/api-tokens.ts';
export { setAccountStatus, type AccountStatus } from './app/account-status.ts';
export { setUserDisabled } from './app/user-status.ts';
export { authenticate } from './app/authenticate.ts';
export { createOauthClient, exchangeClientCredentials } from './app/oauth.ts';
export { AccountErrors } from './error-codes.ts';
export { signIn, type SignInResult } from './app/sign-in.ts';
export { completeSecondFactor, type SecondFactorMethod } from './app/second-factor.ts';
export { resolveSession, signOut, signOutEverywhere, type IssuedSession, type ResolvedSession } from './app/sessions.ts';
export { beginTotpEnrolment, confirmTotpEnrolment, removeTotp } from './app/totp-enrolment.ts';
export { passkeyRegistrationOptions, verifyPasskeyRegistration, passkeySignInOptions, signInWithPasskey } from './app/passkeys.ts';
export { inviteUser, requestPasswordReset, linkInfo, redeemLink, type LinkInfo } from './app/user-links.ts';
export { setPassword } from './app/passwords.ts';
export { changeRoles, listUsers, findUserByEmail, type PersonSummary } from './app/people.ts';
export { sweepConsoleSignIns } from './app/sign-in-sweep.ts';
export { PASSWORD_MIN, PASSWORD_MAX } from './domain/password-rules.ts';
export { registerAccountRoutes } from './http/routes.ts';
export { createAccountsModule } from './module.ts';
export { CredentialsRepository } from './infra/credentials-repository.ts';
export type { CredentialsDeps } from './app/credentials-deps.ts';
export { listOauthClients } from './app/list-oauth-clients.ts';
export { revokeOauthClient } from './app/revoke-oauth-client.ts';
export { tokensLastUsed } from './app/tokens-last-used.ts';
export { resetSecondFactor } from './app/reset-second-factor.ts';
export { PasskeyRemoval } from './infra/passkey-removal.ts';
