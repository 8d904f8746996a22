export { createMailer, type Mailer, type MailMessage, type MailerOptions } from './mailer.ts';
