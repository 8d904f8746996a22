import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, startTestApp, type TestApp } from '../support/app.ts';
import { jobsSettled } from '../support/jobs.ts';
import { parseMessage, startSmtpSink, type SmtpSink } from '../support/smtp-sink.ts';

// A client's email address must be one mail can carry without SMTPUTF8: an ASCII part before the @
// (refused at input otherwise, with a clear error), and a domain in any script, sent in punycode.
let app: TestApp;
let sink: SmtpSink;
let token: string;
beforeAll(async () => {
  sink = await startSmtpSink();
  app = await startTestApp({ SMTP_URL: sink.url });
  token = (await app.bootstrap()).token;
});
afterAll(async () => {
  await app?.close();
  await sink?.close();
});

const post = (path: string, body: unknown) => api(`${app.url}${path}`, { token, body });
let seq = 0;
const client = (email: string) => ({ firstName: 'Jörg', lastName: 'Müller', email, phoneNumber: '+49 30 555 0100' });
const createFile = (clients: unknown[]) =>
  post('/api/client/create-verification-request', { requesterReferenceId: `MAIL-${++seq}-${Date.now()}`, clients });
const NON_ASCII_LOCAL =
  'email cannot be delivered: the part before @ must be ASCII (letters a-z, digits, . _ + -); ask the client for another address';

describe('client email addresses and the link mail', () => {
  it('refuses an address whose part before the @ is not ASCII, on create and on update, mailing nothing', async () => {
    const before = sink.messages.length;
    for (const email of ['jörg@example.com', 'δοκιμή@παράδειγμα.δοκιμή', '用户@例子.广告']) {
      const r = await createFile([client(email)]);
      expect(r.status, email).toBe(400);
      expect(r.json).toEqual({ statusCode: 400, message: 'Bad Request', data: null, errors: [`clients[0].${NON_ASCII_LOCAL}`] });
    }
    for (const email of ['a,b@example.com', 'joerg@bü cher.de', 'joerg@ex%41mple.com', 'joerg@example.123']) {
      const r = await createFile([client(email)]);
      expect(r.status, email).toBe(400);
      expect(r.json.errors).toEqual(['clients[0].email is not a valid email address']);
    }
    const made = await createFile([client('joerg@example.com')]);
    expect(made.status).toBe(200);
    const update = await post('/api/client/update-verification-request', {
      fileReferenceId: made.json.data.fileReferenceId,
      clients: [{ clientRequestId: made.json.data.requests[0].clientRequestId, email: 'jörg@example.com' }],
    });
    expect(update.status).toBe(400);
    expect(update.json.errors).toEqual([`clients[0].${NON_ASCII_LOCAL}`]);
    await sink.waitForText(made.json.data.requests[0].links[0].link);
    await jobsSettled(app.running.container.store.db, 'send-link-mail');
    expect(sink.messages.slice(before).flatMap((m) => m.to)).toEqual(['joerg@example.com']);
  });

  it('mails a client at an internationalised domain in punycode, and keeps the address as typed', async () => {
    const r = await createFile([client('joerg.mueller@Bücher.de')]);
    expect(r.status).toBe(200);
    const request = r.json.data.requests[0];
    expect(request.email).toBe('joerg.mueller@Bücher.de');
    const mail = await sink.waitForText(request.links[0].link);
    expect(mail.smtpUtf8).toBe(false);
    expect(parseMessage(mail.raw).headers.get('to')).toBe('joerg.mueller@xn--bcher-kva.de');
    expect(mail.raw).not.toMatch(/^To:.*[^\x00-\x7f]/m);
    expect(mail.text).toContain('Hello Jörg,');
  });
});
