import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMailer, type Mailer } from '../../src/platform/mail/index.ts';
import { parseMessage, startSmtpSink, type SmtpSink } from '../support/smtp-sink.ts';

const FROM = 'Vouch <no-reply@vouch.test>';

async function rejection(promise: Promise<unknown>): Promise<Error & { responseCode?: number; code?: string }> {
  try {
    await promise;
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected a rejection');
}

describe('mailer over SMTP', () => {
  let sink: SmtpSink;
  let mailer: Mailer;

  beforeAll(async () => {
    sink = await startSmtpSink();
    mailer = createMailer({ smtpUrl: sink.url, outboxDir: '/nonexistent/never-used', from: FROM });
  });
  afterAll(async () => {
    await mailer?.close();
    await sink?.close();
  });

  it('delivers recipient, subject, text and the caller Message-ID', async () => {
    const before = sink.messages.length;
    const sent = await mailer.send({
      to: 'client@example.com',
      subject: 'Please verify your identity',
      text: 'Open this link: https://vouch.test/verify/abc\nIt expires in 3 days.',
      messageId: '<link-123@vouch>',
      headers: { 'X-Vouch-Kind': 'idv-link' },
    });
    expect(sent.messageId).toBe('<link-123@vouch>');
    await sink.waitFor(before + 1);
    const m = sink.messages[before];
    expect(m.to).toEqual(['client@example.com']);
    expect(m.from).toBe('no-reply@vouch.test');
    expect(m.subject).toBe('Please verify your identity');
    expect(m.text).toBe('Open this link: https://vouch.test/verify/abc\nIt expires in 3 days.');
    const headers = parseMessage(m.raw).headers;
    expect(headers.get('message-id')).toBe('<link-123@vouch>');
    expect(headers.get('x-vouch-kind')).toBe('idv-link');
  });

  it('keeps non-ASCII text and subject intact, and finds the text part next to HTML', async () => {
    const before = sink.messages.length;
    const text =
      'Bonjour Frédérique,\nVotre vérification a échoué à l’étape « pièce d’identité ». Réessayez, s’il vous plaît : ça prend 2 minutes.';
    await mailer.send({
      to: 'frederique@example.fr',
      subject: 'Vérification d’identité — dernière étape',
      text,
      html: '<p>Bonjour Frédérique,</p>',
    });
    await sink.waitFor(before + 1);
    const m = sink.messages[before];
    expect(m.subject).toBe('Vérification d’identité — dernière étape');
    expect(m.text).toBe(text);
    expect(m.raw).toMatch(/multipart\/alternative/i);
  });

  it('sends to an internationalised domain in punycode, in the envelope and in the To header', async () => {
    const before = sink.messages.length;
    await mailer.send({ to: 'joerg@Bücher.de', subject: 'IDN', text: 'hello' });
    await sink.waitFor(before + 1);
    const m = sink.messages[before];
    expect(m.smtpUtf8).toBe(false); // the envelope was ASCII: RCPT TO:<joerg@xn--bcher-kva.de>
    expect(m.to).toEqual(['joerg@bücher.de']); // as the sink shows it, decoded
    expect(parseMessage(m.raw).headers.get('to')).toBe('joerg@xn--bcher-kva.de');
    expect(m.raw).not.toMatch(/[^\x00-\x7f]/);
  });

  it('refuses a non-ASCII local part rather than write it raw into the To header, and sends nothing', async () => {
    const before = sink.messages.length;
    for (const to of ['jörg@example.com', 'δοκιμή@παράδειγμα.δοκιμή']) {
      const err = await rejection(mailer.send({ to, subject: 'Raw', text: 'never sent' }));
      expect(err.message).toBe('Recipient address has a non-ASCII part before the @, which needs SMTPUTF8; only ASCII addresses are sent');
    }
    const bad = await rejection(mailer.send({ to: 'a,b@example.com', subject: 'Two', text: 'never sent' }));
    expect(bad.message).toBe('Recipient address is not a valid email address');
    await mailer.send({ to: 'after@example.com', subject: 'After', text: 'sent' });
    await sink.waitFor(before + 1);
    expect(sink.messages.slice(before).map((m) => [m.to, m.smtpUtf8])).toEqual([[['after@example.com'], false]]);
    expect(sink.messages.slice(before)[0].raw).not.toMatch(/[^\x00-\x7f]/);
  });

  it('rejects when the server refuses the message, and a resend with the same Message-ID goes through', async () => {
    const before = sink.messages.length;
    const msg = { to: 'retry@example.com', subject: 'Retry me', text: 'second time lucky', messageId: '<link-456@vouch>' };
    sink.failNext(1);
    const err = await rejection(mailer.send(msg));
    expect(err).toBeInstanceOf(Error);
    expect(err.responseCode).toBe(451);
    expect(sink.messages.length).toBe(before);

    await mailer.send(msg);
    await sink.waitFor(before + 1);
    expect(parseMessage(sink.messages[before].raw).headers.get('message-id')).toBe('<link-456@vouch>');
  });
});

describe('mailer against a dead server', () => {
  it('rejects at once when nothing listens on the port', async () => {
    const probe = net.createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const { port } = probe.address() as net.AddressInfo;
    await new Promise<void>((resolve) => probe.close(() => resolve()));

    const mailer = createMailer({ smtpUrl: `smtp://127.0.0.1:${port}`, outboxDir: '/nonexistent', from: FROM, timeoutMs: 500 });
    const started = Date.now();
    const err = await rejection(mailer.send({ to: 'a@example.com', subject: 's', text: 't' }));
    expect(err.message).toMatch(/ECONNREFUSED/);
    expect(Date.now() - started).toBeLessThan(5_000);
    await mailer.close();
  });

  it('rejects within the timeout when the server accepts the connection but never answers', async () => {
    const sockets = new Set<net.Socket>();
    const silent = net.createServer((socket) => {
      sockets.add(socket);
      socket.on('error', () => {});
    });
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as net.AddressInfo;
    const mailer = createMailer({ smtpUrl: `smtp://127.0.0.1:${port}`, outboxDir: '/nonexistent', from: FROM, timeoutMs: 300 });
    try {
      const started = Date.now();
      const err = await rejection(mailer.send({ to: 'a@example.com', subject: 's', text: 't' }));
      expect(err.code).toBe('ETIMEDOUT');
      expect(Date.now() - started).toBeLessThan(5_000);
    } finally {
      await mailer.close();
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    }
  });

  it('refuses a URL that is not smtp:// or smtps:// without echoing credentials', () => {
    expect(() => createMailer({ smtpUrl: 'http://user:secret@host', outboxDir: '/x', from: FROM })).toThrow(/smtp:\/\//);
    expect(() => createMailer({ smtpUrl: 'not a url secret', outboxDir: '/x', from: FROM })).toThrow(/^(?!.*secret)/);
  });
});

describe('mailer without SMTP: the outbox', () => {
  let root: string;
  let outbox: string;
  let mailer: Mailer;

  beforeAll(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'vouch-outbox-'));
    outbox = path.join(root, 'outbox');
    mailer = createMailer({ outboxDir: outbox, from: FROM });
  });
  afterAll(async () => {
    await mailer?.close();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('writes one private, complete .eml file per message, sorted by time, and no temporary files', async () => {
    const first = {
      to: 'one@example.com',
      subject: 'Première demande',
      text: 'Lien : https://vouch.test/verify/1\nà bientôt',
      messageId: '<link-1@vouch>',
    };
    const second = { to: 'two@example.com', subject: 'Second', text: 'Link: https://vouch.test/verify/2', messageId: '<link-2@vouch>' };
    const sentFirst = await mailer.send(first);
    expect(sentFirst).toEqual({ messageId: '<link-1@vouch>', file: expect.any(String) });
    await new Promise((resolve) => setTimeout(resolve, 5));
    const sentSecond = await mailer.send(second);
    expect(sentSecond).toEqual({ messageId: '<link-2@vouch>', file: expect.any(String) });

    expect(fs.statSync(outbox).mode & 0o777).toBe(0o700);
    const entries = fs.readdirSync(outbox).sort();
    expect(entries).toHaveLength(2);
    expect(entries.every((f) => f.endsWith('.eml'))).toBe(true);
    expect(entries[0]).toMatch(/^\d{8}T\d{9}Z-\d{4}-link-1@vouch\.eml$/);
    expect(entries[1]).toMatch(/link-2@vouch\.eml$/);
    // Each send names the file it wrote.
    expect([sentFirst.file, sentSecond.file]).toEqual(entries.map((f) => path.join(outbox, f)));

    for (const [file, msg] of [
      [entries[0], first],
      [entries[1], second],
    ] as const) {
      const full = path.join(outbox, file);
      expect(fs.statSync(full).mode & 0o777).toBe(0o600);
      const raw = fs.readFileSync(full, 'utf8');
      expect(raw).toContain('\r\n\r\n');
      const parsed = parseMessage(raw);
      expect(parsed.headers.get('to')).toBe(msg.to);
      expect(parsed.headers.get('from')).toBe(FROM);
      expect(parsed.headers.get('subject')).toBe(msg.subject);
      expect(parsed.headers.get('message-id')).toBe(msg.messageId);
      expect(parsed.text).toBe(msg.text);
    }
  });

  it('gives a message without an id a generated one, used in the file name', async () => {
    const before = new Set(fs.readdirSync(outbox));
    const { messageId } = await mailer.send({ to: 'three@example.com', subject: 'No id', text: 'hello' });
    expect(messageId).toMatch(/^<.+@.+>$/);
    const added = fs.readdirSync(outbox).filter((f) => !before.has(f));
    expect(added).toHaveLength(1);
    expect(added[0]).toContain(messageId.slice(1, -1).replace(/[^A-Za-z0-9._@+-]/g, '_'));
    expect(parseMessage(fs.readFileSync(path.join(outbox, added[0]), 'utf8')).headers.get('message-id')).toBe(messageId);
  });
});
