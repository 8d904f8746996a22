import type { MailMessage } from '../../../platform/mail/index.ts';

/** When a link stops working, as people read it in a mail. */
const utc = (d: Date) => `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`;

/** The invitation to an account's console: what the link does, once, and until when. */
export const invitationMail = (to: string, accountName: string, link: string, expiresAt: Date): MailMessage => ({
  to,
  subject: `Your invitation to ${accountName} on Vouch`,
  text:
    `You have been invited to the account "${accountName}" on Vouch.\n\n` +
    `Open this link to choose your password and sign in:\n${link}\n\n` +
    `The link works once and expires in 7 days (${utc(expiresAt)}). If you did not expect this invitation, ignore this message.\n`,
});

/** A password reset: what the link does, once, and that ignoring it changes nothing. */
export const resetMail = (to: string, accountName: string, link: string, expiresAt: Date): MailMessage => ({
  to,
  subject: 'Reset your Vouch password',
  text:
    `Someone asked to reset the password you use to sign in to "${accountName}" on Vouch.\n\n` +
    `Open this link to choose a new password:\n${link}\n\n` +
    `The link works once and expires in 1 hour (${utc(expiresAt)}). If you did not ask for it, ignore this message: your password stays as it is.\n`,
});
