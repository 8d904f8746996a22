import type { CredentialsDeps } from './credentials-deps.ts';

/** When each of the account's static tokens was last used, by token id (absent: never recorded). */
export const tokensLastUsed = (deps: CredentialsDeps, accountId: string) => deps.credentials.tokensLastUsed(accountId);
