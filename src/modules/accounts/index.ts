export type { AccountsDeps } from './app/deps.ts';
export { AccountsRepository } from './infra/accounts-repository.ts';
export { ensureAccount, type Account } from './app/create-account.ts';
export { ensureUser } from './app/ensure-user.ts';
export { issueApiToken, listApiTokens, revokeApiToken, parseRoles, type IssuedToken } from './app/api-tokens.ts';
export { authenticate } from './app/authenticate.ts';
export { createOauthClient, exchangeClientCredentials } from './app/oauth.ts';
export { AccountErrors } from './error-codes.ts';
export { registerAccountRoutes } from './http/routes.ts';
