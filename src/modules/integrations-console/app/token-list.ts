import { listApiTokens, tokensLastUsed } from '../../accounts/index.ts';
import type { IntegrationsConsoleDeps } from './deps.ts';

/** The account's API tokens as the console lists them: the API's listing, with when each was last used. */
export async function tokenList(deps: IntegrationsConsoleDeps, accountId: string) {
  const tokens = await listApiTokens(deps.accounts, accountId);
  const used = await tokensLastUsed(deps.credentials, accountId);
  return tokens.map((t) => ({ ...t, lastUsed: used.get(t.id)?.getTime() ?? null }));
}
export type ListedToken = Awaited<ReturnType<typeof tokenList>>[number];
