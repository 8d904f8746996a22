import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expireDueLinks } from '../../src/modules/client-requests/index.ts';
import { fixedClock } from '../../src/shared/clock.ts';
import { api, startTestApp, type TestApp } from '../support/app.ts';
import { jobsSettled } from '../support/jobs.ts';
import { startSmtpSink } from '../support/smtp-sink.ts';
import { until } from '../support/wait.ts';

const clock = fixedClock(new Date('2026-03-24T12:00:00Z'));
let app: TestApp;
let sink: Awaited<ReturnType<typeof startSmtpSink>>;
let demo: Awaited<ReturnType<TestApp['bootstrap']>>;
beforeAll(async () => {
  sink = await startSmtpSink();
  app = await startTestApp({ SMTP_URL: sink.url }, { clock });
  demo = await app.bootstrap();
});
afterAll(async () => {
  await app?.close();
  await sink?.close();
});

const post = (p: string, body: unknown, token = demo.token) => api(`${app.url}${p}`, { token, body });
const client = (n: string, extra: Record<string, unknown> = {}) => ({
  firstName: `Client${n}`,
  lastName: 'Doe',
  email: `client${n}@example.com`,
  phoneNumber: '+1 604 555 0100',
  ...extra,
});
let seq = 0;
const createFile = (clients: unknown[], extra: Record<string, unknown> = {}) =>
  post('/api/client/create-verification-request', { requesterReferenceId: `MATTER-${++seq}-${Date.now()}`, clients, ...extra });
/** Every link mail that was going to be sent has been: only then does a count of mails prove that none more went. */
const mailSettled = () => jobsSettled(app.running.container.store.db, 'send-link-mail');
const page = (url: string) => fetch(url).then(async (r) => ({ status: r.status, text: await r.text() }));

describe('client verification requests (Treefort dialect)', () => {
  it('creates a file, one request and link per client, in the seed shape, and emails each link', async () => {
    const r = await createFile(
      [client('A', { requesterClientRequestId: 'mine-1', dateOfBirth: '1980-05-06', middleName: 'Q' }), client('B')],
      { fileName: 'Smith purchase' },
    );
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ statusCode: 200, message: 'OK', errors: null });
    const d = r.json.data;
    expect(Object.keys(d)).toEqual([
      'requesterReferenceId',
      'fileReferenceId',
      'fileName',
      'fileNumber',
      'fileStatus',
      'transactionKey',
      'requests',
    ]);
    expect(d).toMatchObject({ fileName: 'Smith purchase', fileStatus: null });
    expect(d.fileNumber).toMatch(/^VF-20260324-[0-9A-F]{6}$/);
    expect(d.requests).toHaveLength(2);
    const req = d.requests[0];
    expect(Object.keys(req)).toEqual([
      'clientRequestId',
      'requesterClientRequestId',
      'email',
      'requestStatus',
      'report',
      'verificationReportExpiryDate',
      'verificationReportExpiryWarningDate',
      'links',
      'firstName',
      'lastName',
    ]);
    expect(req).toMatchObject({
      requesterClientRequestId: 'mine-1',
      email: 'clientA@example.com',
      requestStatus: 'pending',
      report: null,
      verificationReportExpiryDate: null,
      verificationReportExpiryWarningDate: null,
      firstName: 'ClientA',
      lastName: 'Doe',
    });
    expect(req.links).toEqual([
      {
        id: expect.any(Number),
        link: expect.stringMatching(new RegExp(`^${app.url}/verify/vcl_`)),
        startDate: '2026-03-24T12:00:00',
        endDate: '2026-03-27T12:00:00',
      },
    ]);

    const toA = await sink.waitForText(req.links[0].link);
    expect(toA.to).toEqual(['clientA@example.com']);
    expect((await sink.waitForText(d.requests[1].links[0].link)).to).toEqual(['clientB@example.com']);
    expect(toA.text).toContain(req.links[0].link);
    expect(toA.subject).toMatch(/^Test .*: please verify your identity$/);
    // The file's own name, and the end of the link in words (the account's time zone: UTC by default).
    expect(toA.text).toContain('asks you to verify your identity for \u201cSmith purchase\u201d');
    expect(toA.text).toContain('The link works until March 27, 2026 at 12:00 p.m. UTC.');

    const landing = await page(req.links[0].link);
    expect(landing.status).toBe(200);
    expect(landing.text).toContain('verify your identity');
    expect((await page(req.links[0].link)).status).toBe(200); // a GET consumes nothing
  });

  it('re-initiates: the old request is Cancelled and its link dead, a new request and link are sent', async () => {
    const created = (await createFile([client('R')])).json.data;
    const old = created.requests[0];
    const r = await post('/api/client/re-initiate-verification-request', { clientRequestId: old.clientRequestId });
    expect(r.status).toBe(200);
    const fresh = r.json.data.requests[0];
    expect(r.json.data).toMatchObject({
      fileReferenceId: created.fileReferenceId,
      fileStatus: null,
      transactionKey: created.transactionKey,
    });
    expect(fresh.clientRequestId).not.toBe(old.clientRequestId);
    expect(fresh).toMatchObject({ requestStatus: 'pending', report: null, email: 'clientR@example.com' });
    const oldDetails = await post('/api/client/verification-details', { clientRequestId: old.clientRequestId });
    expect(oldDetails.json.data).toMatchObject({ requestStatus: 'Cancelled', replacedBy: fresh.clientRequestId });
    const dead = await page(old.links[0].link);
    expect(dead.status).toBe(410);
    expect(dead.text).toContain('new link');
    expect((await page(fresh.links[0].link)).status).toBe(200);
    await sink.waitForText(fresh.links[0].link);
    const again = await post('/api/client/re-initiate-verification-request', { clientRequestId: old.clientRequestId });
    expect(again.status).toBe(400);
    expect(again.json.errors[0]).toContain(fresh.clientRequestId);
  });

  it('get-link-info supersedes the earlier link and mails nothing; cancel ends the request once', async () => {
    const created = (await createFile([client('G')])).json.data;
    const req = created.requests[0];
    await sink.waitForText(req.links[0].link);
    const linkInfo = await post('/api/client/get-link-info', { clientRequestId: req.clientRequestId });
    expect(linkInfo.json.data).toEqual({
      id: expect.any(Number),
      link: expect.stringContaining('/verify/'),
      startDate: '2026-03-24T12:00:00',
      endDate: '2026-03-27T12:00:00',
      replacedLinkId: req.links[0].id,
    });
    // Asked again, it ends the link it gave the first time.
    expect((await post('/api/client/get-link-info', { clientRequestId: req.clientRequestId })).json.data.replacedLinkId).toBe(
      linkInfo.json.data.id,
    );
    const superseded = await page(req.links[0].link);
    expect(superseded.status).toBe(410);
    expect(superseded.text).toContain('newer link');
    await mailSettled();
    expect(sink.messages.filter((m) => m.text.includes(linkInfo.json.data.link))).toHaveLength(0);
    expect(sink.messages.filter((m) => m.to.includes('clientG@example.com'))).toHaveLength(1);

    const cancelled = await post('/api/client/cancel-verification', { clientRequestId: req.clientRequestId });
    expect(cancelled.json).toEqual({ statusCode: 200, message: 'OK', data: true, errors: null });
    const twice = await post('/api/client/cancel-verification', { clientRequestId: req.clientRequestId });
    expect(twice.status).toBe(400);
    expect(twice.json).toMatchObject({ statusCode: 400, message: 'Bad Request', data: false });
    expect(twice.json.errors[0]).toContain('Cancelled');
    expect((await page(linkInfo.json.data.link)).status).toBe(410);
  });

  it('updates a file: new clients get a request, a changed pending client gets a new request and link', async () => {
    const created = (await createFile([client('U')])).json.data;
    // The creation mail is not one of the update's: it must have arrived before they are counted.
    await sink.waitForText(created.requests[0].links[0].link);
    const before = sink.messages.length;
    const r = await post('/api/client/update-verification-request', {
      fileReferenceId: created.fileReferenceId,
      clients: [{ clientRequestId: created.requests[0].clientRequestId, email: 'new-u@example.com' }, client('V')],
    });
    expect(r.status).toBe(200);
    const [changed, added] = r.json.data.requests;
    expect(changed.clientRequestId).not.toBe(created.requests[0].clientRequestId);
    expect(changed).toMatchObject({ email: 'new-u@example.com', firstName: 'ClientU', requestStatus: 'pending' });
    expect(added).toMatchObject({ email: 'clientV@example.com' });
    expect((await sink.waitForText(changed.links[0].link)).to).toEqual(['new-u@example.com']);
    expect((await sink.waitForText(added.links[0].link)).to).toEqual(['clientV@example.com']);
    await mailSettled();
    expect(
      sink.messages
        .slice(before)
        .flatMap((m) => m.to)
        .sort(),
    ).toEqual(['clientV@example.com', 'new-u@example.com']);
    const old = await post('/api/client/verification-details', { clientRequestId: created.requests[0].clientRequestId });
    expect(old.json.data.requestStatus).toBe('Cancelled');
    const details = await post('/api/client/verification-details', { clientRequestId: changed.clientRequestId });
    expect(details.json.data.profile).toMatchObject({ email: 'new-u@example.com', firstName: 'ClientU', phoneNumber: '+1 604 555 0100' });
  });

  it("mails and shows the link in the client's language, else the account's, with dates in the account's time zone", async () => {
    const other = await app.bootstrap();
    const settings = (body: unknown) => api(`${app.url}/manage/v1/settings`, { token: other.token, method: 'PATCH', body });
    expect((await settings({ timeZone: 'Mars/Olympus' })).status).toBe(400);
    expect((await settings({ defaultLanguage: 'de' })).status).toBe(400);
    const saved = await settings({ timeZone: 'America/Toronto' });
    expect(saved.status, saved.text).toBe(200);
    expect(saved.json).toMatchObject({ timeZone: 'America/Toronto', defaultLanguage: 'en' });

    const created = await post(
      '/api/client/create-verification-request',
      {
        requesterReferenceId: `LANG-${Date.now()}`,
        fileName: '12 Harbour Street purchase',
        clients: [client('Fr', { language: 'fr' }), client('En')],
      },
      other.token,
    );
    expect(created.status, created.text).toBe(200);
    const [fr, en] = created.json.data.requests;
    const french = await sink.waitForText(fr.links[0].link);
    expect(french.subject).toMatch(/\u00a0: veuillez v\u00e9rifier votre identit\u00e9$/);
    expect(french.text).toContain('Bonjour ClientFr,');
    expect(french.text).toContain('pour \u00ab\u00a012 Harbour Street purchase\u00a0\u00bb');
    // 2026-03-27 12:00 UTC is 8:00 in Toronto (daylight time).
    expect(french.text).toContain('jusqu\u2019au 27 mars 2026 \u00e0 08 h 00 HAE.');
    const english = await sink.waitForText(en.links[0].link);
    expect(english.text).toContain('The link works until March 27, 2026 at 8:00 a.m. EDT.');

    // The page opens in the client's language, names the file, and the client may switch.
    const page1 = await page(fr.links[0].link);
    expect(page1.text).toContain('<html lang="fr"');
    expect(page1.text).toContain('12 Harbour Street purchase');
    // A client without a language gets the account's default.
    expect((await settings({ defaultLanguage: 'fr' })).status).toBe(200);
    const page2 = await page(en.links[0].link);
    expect(page2.text).toContain('<html lang="fr"');
  });

  it('retries a mail the SMTP server refused, and never mails one link twice', async () => {
    // Earlier tests' mails have all arrived: the refusal is for this test's mail.
    await mailSettled();
    sink.failNext(1);
    const created = (await createFile([client('M')])).json.data;
    const link = created.requests[0].links[0];
    await sink.waitForText(link.link);
    expect(sink.messages.filter((m) => m.text.includes(link.link))).toHaveLength(1);
    const { sendLinkMail } = await import('../../src/modules/client-requests/index.ts');
    await sendLinkMail(app.running.container.idv, app.running.container.mailer, link.id);
    await app.running.container.jobs.send('send-link-mail', { linkId: link.id });
    await mailSettled();
    expect(sink.messages.filter((m) => m.text.includes(link.link))).toHaveLength(1);
  });

  it('re-initiates a cancelled request, and replaces a client in review when their data changes', async () => {
    const created = (await createFile([client('K'), client('W')])).json.data;
    const [k, w] = created.requests;
    expect((await post('/api/client/cancel-verification', { clientRequestId: k.clientRequestId })).json.data).toBe(true);
    const again = await post('/api/client/re-initiate-verification-request', { clientRequestId: k.clientRequestId });
    expect(again.status).toBe(200);
    expect(again.json.data.requests[0]).toMatchObject({ requestStatus: 'pending', email: 'clientK@example.com' });

    // The client finished (the capture page of the next milestone does this); the file needs action.
    await app.running.container.store.db
      .updateTable('client_requests')
      .set({ status: 'Review Report' })
      .where('id', '=', w.clientRequestId)
      .execute();
    expect((await post('/api/casefile/details', { fileReferenceId: created.fileReferenceId })).json.data.fileStatus).toBe(
      'Action Required',
    );
    const updated = await post('/api/client/update-verification-request', {
      fileReferenceId: created.fileReferenceId,
      clients: [{ clientRequestId: w.clientRequestId, phoneNumber: '+1 604 555 0199' }],
    });
    const replacement = updated.json.data.requests[0];
    expect(replacement.clientRequestId).not.toBe(w.clientRequestId);
    expect(replacement.requestStatus).toBe('pending');
    expect((await post('/api/client/verification-details', { clientRequestId: w.clientRequestId })).json.data).toMatchObject({
      requestStatus: 'Cancelled',
      replacedBy: replacement.clientRequestId,
    });
    expect((await post('/api/casefile/details', { fileReferenceId: created.fileReferenceId })).json.data.fileStatus).toBe('In Progress');

    expect((await post('/api/casefile/close', { fileReferenceId: created.fileReferenceId })).json.data).toBe(true);
    for (const [p, body] of [
      ['/api/client/re-initiate-verification-request', { clientRequestId: replacement.clientRequestId }],
      ['/api/client/get-link-info', { clientRequestId: replacement.clientRequestId }],
      ['/api/client/update-verification-request', { fileReferenceId: created.fileReferenceId, clients: [client('Y')] }],
      ['/api/casefile/cancel', { fileReferenceId: created.fileReferenceId }],
    ] as const) {
      const r = await post(p, body);
      expect(r.status, p).toBe(400);
      expect(r.json.errors[0]).toMatch(/Closed|Cancelled/);
    }
  });

  it('derives the file status, lists events, and refuses changes to cancelled and closed files', async () => {
    const created = (await createFile([client('F')])).json.data;
    const id = { fileReferenceId: created.fileReferenceId };
    expect((await post('/api/casefile/details', id)).json.data.fileStatus).toBe('In Progress');
    const cancel = await post('/api/casefile/cancel', id);
    expect(cancel.json.data).toBe(true);
    const details = await post('/api/casefile/details', id);
    expect(details.json.data.fileStatus).toBe('Cancelled');
    expect(details.json.data.requests[0].requestStatus).toBe('Cancelled');
    const events = (await post('/api/casefile/events', id)).json.data;
    expect(events.map((e: { eventId: number }) => e.eventId)).toEqual([101, 201, 102]);
    expect(events[0]).toMatchObject({ message: 'Case File has been created', timeStamp: '2026-03-24T12:00:00' });
    for (const [p, body] of [
      ['/api/client/re-initiate-verification-request', { clientRequestId: created.requests[0].clientRequestId }],
      ['/api/client/update-verification-request', { ...id, clients: [client('Z')] }],
      ['/api/casefile/close', id],
      ['/api/casefile/cancel', id],
    ] as const) {
      const r = await post(p, body);
      expect(r.status).toBe(400);
      expect(r.json.errors[0]).toMatch(/Cancelled/);
    }
    const other = (await createFile([client('C')])).json.data;
    expect((await post('/api/casefile/close', { fileReferenceId: other.fileReferenceId })).json.data).toBe(true);
    expect((await post('/api/casefile/details', { fileReferenceId: other.fileReferenceId })).json.data.fileStatus).toBe('Closed');
  });

  it('expires links at their end date, on read and by the scheduler (one event per link)', async () => {
    const created = (await createFile([client('E')])).json.data;
    const link = created.requests[0].links[0].link;
    const start = clock.now();
    clock.set(new Date(start.getTime() + 3 * 86_400_000 + 60_000));
    try {
      expect((await page(link)).status).toBe(410);
      const swept = await expireDueLinks(app.running.container.idv);
      expect(swept).toBeGreaterThanOrEqual(1);
      expect(await expireDueLinks(app.running.container.idv)).toBe(0);
      const events = (await post('/api/casefile/events', { fileReferenceId: created.fileReferenceId })).json.data;
      expect(events.filter((e: { eventId: number }) => e.eventId === 206)).toHaveLength(1);
    } finally {
      clock.set(start);
    }
  });

  it('answers bad input, unknown and foreign ids in the envelope, changing nothing', async () => {
    const unknownProp = await post('/api/client/create-verification-request', {
      requesterReferenceId: 'x',
      clients: [client('X')],
      color: 'red',
    });
    expect(unknownProp.status).toBe(400);
    expect(unknownProp.json).toMatchObject({ statusCode: 400, message: 'Bad Request', data: null });
    expect(unknownProp.json.errors[0]).toContain("Unexpected property 'color'");
    const many = await post('/api/client/create-verification-request', { clients: [{ firstName: '', email: 'nope' }] });
    expect(many.json.errors).toEqual(
      expect.arrayContaining([
        'requesterReferenceId is required',
        'clients[0].firstName is required',
        'clients[0].email is not a valid email address',
      ]),
    );
    const malformed = await api(`${app.url}/api/client/cancel-verification`, {
      token: demo.token,
      raw: '{"clientRequestId":',
      headers: { 'content-type': 'application/json' },
      method: 'POST',
    });
    expect(malformed.status).toBe(400);
    expect(malformed.json.statusCode).toBe(400);
    expect((await post('/api/client/verification-details', { clientRequestId: 'nope' })).status).toBe(404);
    const noToken = await api(`${app.url}/api/casefile/details`, { body: { fileReferenceId: 'x' } });
    expect(noToken.json).toMatchObject({ statusCode: 401, message: 'Unauthorized' });

    const created = (await createFile([client('P')])).json.data;
    const other = await app.bootstrap();
    for (const [p, body] of [
      ['/api/client/verification-details', { clientRequestId: created.requests[0].clientRequestId }],
      ['/api/client/cancel-verification', { clientRequestId: created.requests[0].clientRequestId }],
      ['/api/client/get-link-info', { clientRequestId: created.requests[0].clientRequestId }],
      ['/api/client/re-initiate-verification-request', { clientRequestId: created.requests[0].clientRequestId }],
      ['/api/casefile/details', { fileReferenceId: created.fileReferenceId }],
      ['/api/casefile/cancel', { fileReferenceId: created.fileReferenceId }],
      ['/api/client/update-verification-request', { fileReferenceId: created.fileReferenceId, clients: [client('Q')] }],
    ] as const) {
      const r = await post(p, body, other.token);
      expect(r.status, p).toBe(404);
    }
    const mine = await post('/api/casefile/details', { fileReferenceId: created.fileReferenceId });
    expect(mine.json.data.fileStatus).toBe('In Progress');
    expect(mine.json.data.requests).toHaveLength(1);
    const dup = await post('/api/client/create-verification-request', {
      requesterReferenceId: created.requesterReferenceId,
      clients: [client('D')],
    });
    expect(dup.status).toBe(400);
  });

  it('exchanges client credentials for a text/plain token, and keeps account settings', async () => {
    const oauth = await api(`${app.url}/manage/v1/oauth-clients`, {
      token: demo.token,
      body: { name: 'case system', roles: ['VERIFIER'] },
    });
    // The registration's answer carries the field names this exchange reads, so it can be sent as is.
    expect(oauth.json.secret).toBe(oauth.json.clientSecret);
    const res = await fetch(`${app.url}/api/auth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ clientId: oauth.json.clientId, secret: oauth.json.secret }),
    });
    expect(res.headers.get('content-type')).toContain('text/plain');
    const token = await res.text();
    expect(token).toMatch(/^vcho_/);
    expect((await createFile([client('T')], {}).then(() => post('/api/casefile/events', { fileReferenceId: 'none' }, token))).status).toBe(
      404,
    );
    const bad = await api(`${app.url}/api/auth/token`, { body: { clientId: oauth.json.clientId, secret: 'wrong' } });
    expect(bad.json).toMatchObject({ statusCode: 401 });

    expect((await api(`${app.url}/manage/v1/settings`, { token: demo.token })).json).toEqual({
      linkLifetimeHours: 72,
      reportLifetimeDays: 14,
      reportWarningDays: 2,
      clientValidityDays: 365,
      testMode: false,
      reportAuditDays: 365,
      defaultLanguage: 'en',
      timeZone: 'UTC',
      autoApproveReports: false,
    });
    const changed = await api(`${app.url}/manage/v1/settings`, { token: demo.token, method: 'PATCH', body: { linkLifetimeHours: 24 } });
    expect(changed.json.linkLifetimeHours).toBe(24);
    const tooLong = await api(`${app.url}/manage/v1/settings`, { token: demo.token, method: 'PATCH', body: { reportLifetimeDays: 15 } });
    expect(tooLong.status).toBe(400);
    const created = (await createFile([client('S')])).json.data;
    expect(created.requests[0].links[0].endDate).toBe('2026-03-25T12:00:00');
  });
});

describe('without SMTP_URL, mail goes to the outbox', () => {
  it('writes one .eml file per link under DATA_DIR/outbox', async () => {
    const local = await startTestApp();
    try {
      const d = await local.bootstrap();
      const r = await api(`${local.url}/api/client/create-verification-request`, {
        token: d.token,
        body: { requesterReferenceId: 'OUT-1', clients: [client('O')] },
      });
      const outbox = path.join(local.running.container.config.dataDir, 'outbox');
      await until(async () => fs.existsSync(outbox) && fs.readdirSync(outbox).some((f) => f.endsWith('.eml')), Boolean);
      await jobsSettled(local.running.container.store.db, 'send-link-mail');
      const files = fs.readdirSync(outbox).filter((f) => f.endsWith('.eml'));
      expect(files).toHaveLength(1);
      const eml = fs.readFileSync(path.join(outbox, files[0]), 'utf8');
      expect(eml).toContain('clientO@example.com');
      expect(eml.replace(/=\r?\n/g, '')).toContain(r.json.data.requests[0].links[0].link.slice(-20));
    } finally {
      await local.close();
    }
  });
});
