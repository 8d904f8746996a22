import { LONGEST_WINDOW_MS, retryAfterSeconds, SIGN_IN_RULES, type ThrottleRule } from '../domain/throttle.ts';
import type { AccountsDeps } from './deps.ts';

/** A counted key: its scope in the store, its keyed digest, and the rule that limits it. */
export interface ThrottleKey {
  scope: string;
  key: string;
  rule: ThrottleRule;
}

/** The keyed digest of a client address (the address itself is never stored). */
export const addressKey = (deps: Pick<AccountsDeps, 'box'>, ip: string) => deps.box.digest(`sign-in-ip:${ip}`);

/**
 * The keys a sign-in attempt counts against: the email address tried (its keyed digest, the same whether
 * or not a user has it, so the limit says nothing about which addresses exist) and the client address.
 */
export function signInKeys(deps: Pick<AccountsDeps, 'box'>, emailHash: string | null, ip: string | null): ThrottleKey[] {
  const keys: ThrottleKey[] = [];
  if (emailHash) keys.push({ scope: 'sign-in-email', key: emailHash, rule: SIGN_IN_RULES.login });
  if (ip) keys.push({ scope: 'sign-in-address', key: addressKey(deps, ip), rule: SIGN_IN_RULES.address });
  return keys;
}

/** Seconds to wait before trying again, or null when no key is past its limit. */
export async function throttleWait(deps: AccountsDeps, keys: readonly ThrottleKey[], now: Date): Promise<number | null> {
  let wait: number | null = null;
  for (const k of keys) {
    const times = await deps.people.eventTimes(k.scope, k.key, new Date(now.getTime() - k.rule.windowMs));
    const seconds = retryAfterSeconds(times, now, k.rule);
    if (seconds !== null) wait = Math.max(wait ?? 0, seconds);
  }
  return wait;
}

/** Counts one event (a failure, a request) against each key. */
export const countAttempt = (deps: AccountsDeps, keys: readonly ThrottleKey[], now: Date) =>
  deps.people.countEvents(keys, now, new Date(now.getTime() - LONGEST_WINDOW_MS));

/** Forgets the failures counted against an email address: its person signed in. */
export const clearEmailFailures = (deps: AccountsDeps, emailHash: string) => deps.people.clearEvents('sign-in-email', emailHash);
