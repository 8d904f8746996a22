import type { ClientLanguage } from '../domain/client-input.ts';
import { CLIENT_WORDS, dateInWords } from '../domain/client-words.ts';
import { EVENTS, linkIsLive } from '../domain/model.ts';
import type { ResendPolicy } from '../domain/link-mail.ts';
import { SEND_LINK_MAIL_JOB, type ClientRequestsDeps, type LinkMailJob } from './deps.ts';
import { giveUpLinkMail, type LinkMailFailure } from './link-mail-failure.ts';
import { event } from './links.ts';
import type { Profile } from './present.ts';

/** How long a sender's claim on a mail holds before another may take it over (longer than any SMTP timeout). */
const CLAIM_STALE_MS = 5 * 60_000;

export interface LinkMailer {
  send(msg: { to: string; subject: string; text: string; messageId: string }): Promise<unknown>;
}

/**
 * The job that emails a new link, after the transaction that made it has committed. The URL is kept
 * encrypted only until the mail is out; a link already mailed, or no longer live, is not mailed again.
 * A sender first claims the mail, so concurrent runs never both send it; a failed send releases the claim
 * and throws, and the job is retried. The Message-ID is fixed per link, so the one case left (a crash
 * between sending and recording, retried after the claim has gone stale) is recognisable as the same message.
 */
export async function sendLinkMail(deps: ClientRequestsDeps, mailer: LinkMailer, linkId: number, onSent?: (sent: LinkMailSent) => void) {
  const link = await deps.repo.findLink(linkId);
  if (!link || link.mail_sent_at || !link.url_enc || !linkIsLive(link, deps.clock.now())) return;
  const request = await deps.repo.findRequest(link.account_id, link.request_id);
  if (!request) return;
  const [client] = await deps.repo.clientsById(request.account_id, [request.client_id]);
  const profile = deps.box.decryptJson<Profile>(client.profile_enc);
  const org = (await deps.repo.accountName(link.account_id)) || 'Your organization';
  const caseFile = await deps.repo.findFile(link.account_id, request.file_id);
  const settings = await deps.repo.settings(link.account_id);
  // The client's language, else the account's; the dates in the account's time zone, in words.
  const language = profile.language ?? (settings.default_language as ClientLanguage);
  const words = CLIENT_WORDS[language];
  const url = deps.box.decrypt(link.url_enc);
  const expires = dateInWords(link.end_date, language, settings.time_zone);
  if (!(await deps.repo.claimMail(link.id, deps.clock.now(), CLAIM_STALE_MS))) return;
  const delivery = await mailer
    .send({
      to: profile.email,
      subject: words.mailSubject(org),
      messageId: `<link-${link.id}@vouch>`,
      text: [
        words.hello(profile.firstName),
        '',
        words.intro(org, caseFile?.file_name || null),
        words.openLink,
        '',
        url,
        '',
        words.until(expires, org),
        '',
        words.need,
      ].join('\n'),
    })
    .catch(async (e: unknown) => {
      await deps.repo.releaseMail(link.id); // let the job's retry send it
      throw e;
    });
  await deps.repo.transaction(async (trx) => {
    await deps.repo.markMailed(trx, link.id, deps.clock.now());
    // The organization was told the mail had failed (207): it is told that it went out after all.
    if (link.mail_failed_at) await event(deps, trx, request, EVENTS.linkMailRecovered, deps.clock.now());
  });
  const file = (delivery as { file?: unknown } | undefined)?.file;
  onSent?.({ linkId: link.id, url, file: typeof file === 'string' ? file : undefined });
}

/** A link mail that went out (and was recorded as sent). */
export interface LinkMailSent {
  linkId: number;
  /** The client's link: a capability, so only development set-ups should show it (see serve.ts). */
  url: string;
  /** The .eml file the mail was written to, when the mailer writes files instead of sending. */
  file: string | undefined;
}

export interface LinkMailWorkerOptions {
  /** Mails this process sends at once: a mail server that never answers holds up one sender, not the queue. */
  concurrency: number;
  /** When a mail whose sending gave up is sent again. */
  resend: ResendPolicy;
  /** Told of each round of sending that gave up, once it is recorded (for the log and metrics). */
  onFailure?: (failure: LinkMailFailure) => void;
  /** Told of each mail that went out, once recorded (development: the link written to the outbox is logged). */
  onSent?: (sent: LinkMailSent) => void;
}

/** Registers the mail job and what happens when it gives up. */
export async function startLinkMailWorker(deps: ClientRequestsDeps, mailer: LinkMailer, options: LinkMailWorkerOptions) {
  await deps.jobs.work<LinkMailJob>(
    SEND_LINK_MAIL_JOB,
    (data) => sendLinkMail(deps, mailer, data.linkId, options.onSent),
    async (data, reason) => {
      const failure = await giveUpLinkMail(deps, data, reason, options.resend);
      if (failure) options.onFailure?.(failure);
    },
    { concurrency: options.concurrency },
  );
}
