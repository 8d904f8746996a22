export type { AccountsDeps } from './app/deps.ts';
export { AccountsRepository } from './infra/accounts-repository.ts';
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
export { registerAccountRoutes } from './http/routes.ts';
export { createAccountsModule } from './module.ts';
