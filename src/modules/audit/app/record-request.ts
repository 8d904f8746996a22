import { sha256 } from '../../../platform/crypto/index.ts';
import type { AnsweredRequest } from '../../../platform/http/audit-hook.ts';
import { pick } from '../domain/pick.ts';
import type { AccountLookup } from '../infra/audit-repository.ts';
import type { PendingEntry } from './audit-writer.ts';
import type { AuditDeps } from './deps.ts';

const RESOLVABLE = new Set<string>(['verification', 'document', 'oauth-client'] satisfies AccountLookup[]);

/**
 * Makes the audit entry of one answered request: who (token id, hashed link token, OAuth client or
 * anonymous), what (action and subject id), outcome, from where (keyed digest of the IP, user agent).
 * Ids and digests only: the raw IP, link tokens and request bodies never reach the log.
 */
export async function recordRequest(deps: AuditDeps, a: AnsweredRequest): Promise<void> {
  const rule = a.rule;
  const needsResponse = rule.subjectFrom?.some((p) => p.startsWith('response.')) ?? false;
  let subjectId = pick(
    { params: a.params, body: a.body, response: needsResponse ? a.response() : undefined, principal: a.principal ?? undefined },
    rule.subjectFrom,
  );
  if (!subjectId && rule.subjectType === 'oauth-client') subjectId = a.basicUser;
  // A secret in the path (link or upload token) is recorded only as a prefix of its SHA-256, the digest
  // the store already keeps for it: enough to tell links apart, useless to open one.
  const tokenHash = typeof a.params.token === 'string' ? sha256(a.params.token) : null;
  // A file's transactionKey is the same kind of bearer secret, sent in the body by a third party without an
  // account: recorded the same way, and used (in memory only) to find the file's account.
  const transactionKey = rule.action === 'file.read-by-transaction' ? pick({ body: a.body }, ['body.transactionKey']) : null;

  // A console session acts as its person; a token as itself.
  const actor =
    a.principal?.userId && a.principal.sessionId
      ? { type: 'user', id: a.principal.userId }
      : a.principal
        ? { type: 'token', id: a.principal.tokenId }
        : tokenHash
          ? { type: 'link', id: tokenHash.slice(0, 16) }
          : transactionKey
            ? { type: 'transaction-key', id: sha256(transactionKey).slice(0, 16) }
            : rule.subjectType === 'oauth-client' && subjectId
              ? { type: 'oauth-client', id: subjectId }
              : { type: 'anonymous', id: null };

  // Without a token the account is the one owning what the request reached; the writer looks it up.
  const lookups: PendingEntry['lookups'] = [];
  if (!a.principal) {
    if (subjectId && rule.subjectType && RESOLVABLE.has(rule.subjectType))
      lookups.push({ kind: rule.subjectType as AccountLookup, id: subjectId });
    if (tokenHash) lookups.push({ kind: a.route.startsWith('/verify/') ? 'link' : 'upload', id: tokenHash });
    if (transactionKey) lookups.push({ kind: 'transaction-key', id: transactionKey });
    if (lookups.length === 0) return;
  }

  await deps.writer.add({
    row: {
      account_id: a.principal?.accountId ?? null,
      actor_type: actor.type,
      actor_id: actor.id,
      action: rule.action,
      subject_type: subjectId ? (rule.subjectType ?? null) : null,
      subject_id: subjectId,
      outcome: a.status,
      method: a.method,
      route: a.route,
      ip_hash: a.ip ? deps.box.digest(`ip:${a.ip}`).slice(0, 32) : null,
      user_agent: a.userAgent ? a.userAgent.slice(0, 256) : null,
      request_id: a.requestId,
      at: deps.clock.now(),
    },
    lookups,
  });
}
