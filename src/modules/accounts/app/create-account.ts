import { checkSingleLineName } from '../../../shared/names.ts';
import { ACCOUNT_NAME_MAX, slugify } from '../domain/tokens.ts';
import type { AccountsDeps } from './deps.ts';

export interface Account {
  id: string;
  name: string;
  slug: string;
}

/**
 * An account's name as stored: trimmed, one line (it heads the mails sent for the account, in their
 * Subject), not too long; else an invalidRequest. The CLI checks it before it opens the store.
 */
export const accountName = (input: string) => checkSingleLineName(input, 'Account name', ACCOUNT_NAME_MAX);

/** Creates an account, or returns the one that already has this name's slug (idempotent). */
export async function ensureAccount(deps: AccountsDeps, input: string): Promise<{ account: Account; created: boolean }> {
  const name = accountName(input);
  const slug = slugify(name);
  const existing = await deps.repo.findAccountBySlug(slug);
  if (existing) return { account: { id: existing.id, name: existing.name, slug }, created: false };
  const account = { id: deps.ids.hex24(), name, slug };
  await deps.repo.insertAccount(account);
  return { account, created: true };
}
