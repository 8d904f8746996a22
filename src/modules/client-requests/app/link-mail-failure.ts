import type { Database } from '../../../platform/db/index.ts';
import { resendDelaySeconds, type ResendPolicy } from '../domain/link-mail.ts';
import { EVENTS, linkIsLive } from '../domain/model.ts';
import { SEND_LINK_MAIL_JOB, type ClientRequestsDeps, type LinkMailJob } from './deps.ts';
import { event, references } from './links.ts';

/** A round of sending a link's mail that gave up, as recorded; ids and codes only, fit for a log. */
export interface LinkMailFailure {
  linkId: number;
  accountId: string;
  clientRequestId: string;
  reason: string;
  /** Rounds of sending that have given up, this one included. */
  failedRounds: number;
  /** When the next round starts, or null when there is none (the link ends first). */
  retryInSeconds: number | null;
}

/**
 * A round of sending a link's mail gave up (its job's retries used up, or an error retrying cannot fix).
 * The mail stays wanted: its URL is kept encrypted and another round is queued, `policy` later, as long as
 * the link is valid. The first time, the organization is told: file event 207 with the reason (and its
 * `client.event` webhook) and a `mail.failed` webhook; `verification-details` shows the link's mail as
 * `failed` until it goes out. Returns what was recorded, or null when nothing was (a give-up handler run
 * twice, a mail sent meanwhile, a link ended: superseded, cancelled, used or expired).
 */
export async function giveUpLinkMail(
  deps: ClientRequestsDeps,
  job: LinkMailJob,
  reason: string,
  policy: ResendPolicy,
): Promise<LinkMailFailure | null> {
  const link = await deps.repo.findLink(job.linkId);
  if (!link) return null;
  const request = await deps.repo.findRequest(link.account_id, link.request_id);
  if (!request) return null;
  const round = job.resend ?? 0;
  const now = deps.clock.now();
  const delay = resendDelaySeconds(round + 1, policy);
  const retryInSeconds = linkIsLive(link, new Date(now.getTime() + delay * 1000)) ? delay : null;
  const recorded = await deps.repo.transaction(async (trx: Database) => {
    if (!(await deps.repo.recordMailFailure(trx, link.id, round, now))) return false;
    if (round === 0) {
      const { id, message } = EVENTS.linkMailFailed;
      await event(deps, trx, request, { id, message: `${message}: ${reason}` }, now);
      await deps.events.emit(trx, {
        accountId: request.account_id,
        type: 'mail.failed',
        subjectId: request.id,
        payload: async () => ({
          fileReferenceId: request.file_id,
          clientRequestId: request.id,
          ...(await references(deps, trx, request)),
          linkId: link.id,
          reason,
        }),
      });
    }
    if (retryInSeconds !== null) {
      await deps.jobs.send<LinkMailJob>(
        SEND_LINK_MAIL_JOB,
        { linkId: link.id, resend: round + 1 },
        { exec: trx, startAfterSeconds: retryInSeconds },
      );
    }
    return true;
  });
  if (!recorded) return null;
  return { linkId: link.id, accountId: link.account_id, clientRequestId: request.id, reason, failedRounds: round + 1, retryInSeconds };
}
