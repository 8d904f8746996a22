/**
 * What became of a link's email, as `verification-details` shows it beside each link:
 * - `null`: the link was not to be emailed (`get-link-info`, or `sendLink: false`);
 * - `pending`: it will be sent (its job is queued or retrying);
 * - `sent`: the mail server accepted it;
 * - `failed`: sending gave up at least once; Vouch sends it again later while the link is valid;
 * - `unsent`: the link ended (superseded, cancelled, used, expired) before its mail went out.
 */
export type MailStatus = null | 'pending' | 'sent' | 'failed' | 'unsent';

export function mailStatus(link: {
  send_mail: boolean;
  mail_sent_at: Date | null;
  mail_failed_at: Date | null;
  url_enc: string | null;
}): MailStatus {
  if (!link.send_mail) return null;
  if (link.mail_sent_at) return 'sent';
  if (link.mail_failed_at) return 'failed';
  return link.url_enc ? 'pending' : 'unsent';
}

/** When a mail whose sending gave up is tried again: after `delaySeconds`, doubling each round, at most `maxDelaySeconds`. */
export interface ResendPolicy {
  delaySeconds: number;
  maxDelaySeconds: number;
}

/** The wait before the next round, once `failedRounds` (1 or more) rounds of sending have given up. */
export function resendDelaySeconds(failedRounds: number, policy: ResendPolicy): number {
  const doubled = policy.delaySeconds * 2 ** Math.min(Math.max(failedRounds - 1, 0), 30);
  return Math.max(1, Math.min(doubled, policy.maxDelaySeconds));
}
