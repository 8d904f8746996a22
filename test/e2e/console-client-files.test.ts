import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, startTestApp, type TestApp } from '../support/app.ts';
import { type ConsoleSession, consoleSession, postForm } from '../support/console.ts';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.ts';
import { until } from '../support/wait.ts';

/**
 * The console's client file pages over real HTTP: a file opened with its clients (the API's own file, its
 * links mailed by the job), refusals shown on the forms with nothing created, each client's request
 * re-initiated, cancelled, re-linked and changed, a sample report opened with its PDF and reviewed, the file
 * closed; the roles of the API routes each page mirrors, and nothing of another account.
 */

let app: TestApp;
let sink: SmtpSink;
let demo: Awaited<ReturnType<TestApp['bootstrap']>>;
let other: Awaited<ReturnType<TestApp['bootstrap']>>;
let verifier: ConsoleSession;
let reviewer: ConsoleSession;
let viewer: ConsoleSession;

beforeAll(async () => {
  sink = await startSmtpSink();
  app = await startTestApp({ SMTP_URL: sink.url });
  demo = await app.bootstrap();
  other = await app.bootstrap();
  // Sample reports are made by test-mode accounts only.
  expect((await api(`${app.url}/manage/v1/settings`, { method: 'PATCH', token: demo.token, body: { testMode: true } })).status).toBe(200);
  const container = app.running.container;
  verifier = await consoleSession(app.url, container, { accountId: demo.accountId, roles: ['VERIFIER'] });
  reviewer = await consoleSession(app.url, container, { accountId: demo.accountId, roles: ['REVIEWER'] });
  viewer = await consoleSession(app.url, container, { accountId: demo.accountId, roles: ['VIEWER'] });
}, 60_000);
afterAll(async () => {
  await app?.close();
  await sink?.close();
});

const db = () => app.running.container.store.db;
const get = async (path: string, who: ConsoleSession) => {
  const res = await fetch(`${app.url}${path}`, { headers: { cookie: who.cookie }, redirect: 'manual' });
  return { status: res.status, html: await res.text(), headers: res.headers };
};
const post = (path: string, fields: Record<string, string>, who: ConsoleSession = verifier) =>
  postForm(app.url, path, { _csrf: who.csrf, ...fields }, who.cookie);
const client = (i: number, c: { first: string; last: string; email: string; phone?: string }) => ({
  [`c${i}.firstName`]: c.first,
  [`c${i}.lastName`]: c.last,
  [`c${i}.email`]: c.email,
  [`c${i}.phoneNumber`]: c.phone ?? '+1 604 555 0100',
});
const apiPost = (path: string, body: unknown, token = demo.token) => api(`${app.url}${path}`, { token, body });
const filesOf = async (accountId: string) =>
  (await db().selectFrom('case_files').select('id').where('account_id', '=', accountId).execute()).length;
const decode = (s: string) => s.replaceAll('&amp;', '&').replaceAll('&quot;', '"').replaceAll('&#39;', "'");
let seq = 0;
const ref = () => `MATTER-${++seq}-${Date.now()}`;

/** Opens a file of two clients through the form; answers its id and its two requests (API details). */
async function openFile(emails: [string, string], sendLink = true) {
  const res = await post('/console/files', {
    clients: '2',
    reference: ref(),
    fileName: 'Smith purchase',
    ...(sendLink ? { sendLink: 'on' } : {}),
    ...client(0, { first: 'Ada', last: 'Byron', email: emails[0] }),
    ...client(1, { first: 'Alan', last: 'Turing', email: emails[1] }),
  });
  expect(res.status).toBe(303);
  const fileId = /^\/console\/files\/([^?/]+)\?done=created/.exec(res.headers.get('location') ?? '')?.[1];
  expect(fileId).toBeDefined();
  const details = await apiPost('/api/casefile/details', { fileReferenceId: fileId });
  expect(details.status).toBe(200);
  // In the order of the form's blocks (the API lists requests made at one instant in no set order).
  const requests = details.json.data.requests as { clientRequestId: string; email: string }[];
  return { fileId: fileId!, requests: emails.map((e) => requests.find((r) => r.email === e)!) };
}

describe('client files on the console', () => {
  it('opens a file with two clients through the API use case; the job mails each link', async () => {
    const list = await get('/console/files', verifier);
    expect(list.status).toBe(200);
    expect(list.html).toContain('href="/console/files/new"');
    const form = await get('/console/files/new?clients=2', verifier);
    expect(form.status).toBe(200);
    expect(form.html).toContain('name="c1.email"');

    const { fileId, requests } = await openFile(['ada.http@example.com', 'alan.http@example.com']);
    expect(requests.map((r) => r.email)).toEqual(['ada.http@example.com', 'alan.http@example.com']);
    for (const email of ['ada.http@example.com', 'alan.http@example.com']) {
      const mail = await until(async () => sink.messages.find((m) => m.to.includes(email)), Boolean, 20_000);
      expect(mail!.text).toContain(`${app.url}/verify/`);
    }

    const page = await get(`/console/files/${fileId}?done=created`, verifier);
    expect(page.status).toBe(200);
    expect(page.html).toContain('Smith purchase');
    expect(page.html).toContain('Ada Byron');
    expect(page.html).toContain('Alan Turing');
    expect(page.html).toContain('Waiting for the client');
    expect(page.html).toMatch(/<code id="transaction-key">TK-[A-Z0-9]{20}<\/code>/);
    expect(page.html).toContain('Case File has been created');

    const listed = await get(`/console/files?q=${encodeURIComponent('Smith')}`, verifier);
    expect(listed.html).toContain(`href="/console/files/${fileId}"`);
    const ended = await get('/console/files?status=ended', verifier);
    expect(ended.html).not.toContain(`href="/console/files/${fileId}"`);
  });

  it('shows what is wrong on the form, keeps what was typed, and opens nothing', async () => {
    const before = await filesOf(demo.accountId);
    const res = await post('/console/files', {
      clients: '2',
      reference: '',
      ...client(0, { first: 'Grace', last: 'Hopper', email: 'grace@example.com' }),
      ...client(1, { first: 'Bad', last: 'Mail', email: 'not-an-address', phone: 'abc' }),
    });
    expect(res.status).toBe(400);
    const html = decode(await res.text());
    expect(html).toContain('role="alert"');
    expect(html).toContain('Your reference is required');
    expect(html).toContain('Client 2: email is not a valid email address');
    expect(html).toContain('Client 2: phone number is not a valid phone number');
    expect(html).toContain('aria-invalid="true"');
    expect(html).toContain('value="not-an-address"');
    expect(html).toContain('value="Grace"');

    const none = await post('/console/files', { clients: '1', reference: ref() });
    expect(none.status).toBe(400);
    expect(await none.text()).toContain('Enter at least one client.');

    const reference = ref();
    const first = await post('/console/files', {
      clients: '1',
      reference,
      ...client(0, { first: 'Once', last: 'Only', email: 'once@example.com' }),
    });
    expect(first.status).toBe(303);
    const again = await post('/console/files', {
      clients: '1',
      reference,
      ...client(0, { first: 'Once', last: 'Only', email: 'once@example.com' }),
    });
    expect(again.status).toBe(400);
    expect(decode(await again.text())).toContain(`A file with your reference “${reference}” already exists`);
    expect(await filesOf(demo.accountId)).toBe(before + 1);
  });

  it('re-initiates one client and cancels the other; the API sees both', async () => {
    const { fileId, requests } = await openFile(['ada.re@example.com', 'alan.re@example.com']);
    const [a, b] = requests.map((r) => r.clientRequestId);
    // The first link's mail has gone (a link re-initiated before its mail went is never mailed).
    await until(async () => sink.messages.find((m) => m.to.includes('ada.re@example.com')), Boolean, 20_000);

    const re = await post(`/console/files/requests/${a}/reinitiate`, {});
    expect(re.status).toBe(303);
    const successor = /^\/console\/files\/requests\/([^?/]+)\?done=reinitiated$/.exec(re.headers.get('location') ?? '')?.[1];
    expect(successor).toBeDefined();
    expect(successor).not.toBe(a);
    const cancel = await post(`/console/files/requests/${b}/cancel`, {});
    expect([cancel.status, cancel.headers.get('location')]).toEqual([303, `/console/files/requests/${b}?done=cancelled`]);

    const old = await apiPost('/api/client/verification-details', { clientRequestId: a });
    expect(old.json.data).toMatchObject({ requestStatus: 'Cancelled', replacedBy: successor });
    const fresh = await apiPost('/api/client/verification-details', { clientRequestId: successor });
    expect(fresh.json.data).toMatchObject({ requestStatus: 'pending', replacedBy: null });
    expect((await apiPost('/api/client/verification-details', { clientRequestId: b })).json.data.requestStatus).toBe('Cancelled');
    // The new request's link is mailed by the job: two mails to the re-initiated client.
    await until(
      async () => sink.messages.filter((m) => m.to.includes('ada.re@example.com')).length,
      (n) => n === 2,
      20_000,
    );

    const page = await get(`/console/files/${fileId}`, verifier);
    expect(page.html).toContain('Replaced requests (1)');
    expect(page.html).toContain(`href="/console/files/requests/${successor}"`);
    expect(page.html).toContain('Verification request has been re-initiated');
    expect(page.html).toContain('Verification request has been cancelled');
    const newPage = await get(`/console/files/requests/${successor}?done=reinitiated`, verifier);
    expect(newPage.html).toContain('A new request was sent');
    const oldPage = await get(`/console/files/requests/${a}`, verifier);
    expect(oldPage.html).toContain('This request was replaced');
    expect(oldPage.html).not.toContain('/reinitiate"');

    // A request that cannot be cancelled again: said on its page, nothing changed.
    const twice = await post(`/console/files/requests/${b}/cancel`, {});
    expect(twice.status).toBe(400);
    expect(await twice.text()).toContain('is Cancelled and cannot be cancelled');
  });

  it('gives a link to deliver oneself, once, and changes contact details (refusing bad ones)', async () => {
    const { requests } = await openFile(['ada.link@example.com', 'alan.link@example.com'], false);
    const [a] = requests.map((r) => r.clientRequestId);
    const issued = await post(`/console/files/requests/${a}/link`, {});
    expect(issued.status).toBe(200);
    expect(issued.headers.get('cache-control')).toBe('no-store');
    const link = /<code id="issued-link">([^<]+)<\/code>/.exec(await issued.text())?.[1];
    expect(link).toMatch(new RegExp(`^${app.url}/verify/vcl_`));
    expect((await fetch(link!)).status).toBe(200);

    const bad = await post(`/console/files/requests/${a}/contact`, {
      firstName: 'Ada',
      lastName: '',
      email: 'nope',
      phoneNumber: '+1 604 555 0100',
    });
    expect(bad.status).toBe(400);
    const html = decode(await bad.text());
    expect(html).toContain('Email is not a valid email address');
    expect(html).toContain("Last name cannot be emptied; leave it out to keep the client's current value");
    expect(html).toContain('value="nope"');
    expect((await apiPost('/api/client/verification-details', { clientRequestId: a })).json.data).toMatchObject({
      requestStatus: 'pending',
      profile: { email: 'ada.link@example.com' },
    });

    const good = await post(`/console/files/requests/${a}/contact`, {
      firstName: 'Ada',
      lastName: 'Lovelace',
      email: 'ada.lovelace@example.com',
      phoneNumber: '+1 604 555 0199',
      language: 'fr',
    });
    expect(good.status).toBe(303);
    const now = /^\/console\/files\/requests\/([^?/]+)\?done=resent$/.exec(good.headers.get('location') ?? '')?.[1];
    expect(now).toBeDefined();
    const details = await apiPost('/api/client/verification-details', { clientRequestId: now });
    expect(details.json.data.profile).toMatchObject({ lastName: 'Lovelace', email: 'ada.lovelace@example.com', language: 'fr' });
    await until(async () => sink.messages.find((m) => m.to.includes('ada.lovelace@example.com')), Boolean, 20_000);
  });

  it('makes a sample report, shows it with its PDF, and lets a reviewer (only) decide it', async () => {
    const { fileId, requests } = await openFile(['ada.rep@example.com', 'alan.rep@example.com']);
    const [a] = requests.map((r) => r.clientRequestId);
    const noReport = await get(`/console/files/requests/${a}/report`, verifier);
    expect(noReport.status).toBe(404);
    const badSample = await post(`/console/files/requests/${a}/sample`, { recommendationValue: 'REJECT', recommendationReason: '' });
    expect(badSample.status).toBe(400);
    expect(await badSample.text()).toContain('Choose the reason a rejected sample gives.');
    const sample = await post(`/console/files/requests/${a}/sample`, {
      recommendationValue: 'REJECT',
      recommendationReason: 'DATA_MISMATCH',
    });
    expect(sample.status).toBe(303);

    const page = await get(`/console/files/requests/${a}/report`, verifier);
    expect(page.status).toBe(200);
    expect(page.html).toContain('The document disagrees with the profile (sample)');
    expect(page.html).toContain(`src="/console/files/requests/${a}/report.pdf"`);
    expect(page.html).not.toContain('id="decision"');
    const pdf = await fetch(`${app.url}/console/files/requests/${a}/report.pdf`, { headers: { cookie: verifier.cookie } });
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(pdf.headers.get('x-content-type-options')).toBe('nosniff');
    expect(pdf.headers.get('cache-control')).toBe('no-store');
    expect(pdf.headers.get('content-disposition')).toMatch(/^inline; filename="report-/);
    expect(
      Buffer.from(await pdf.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
    // A sample holds no photo; a kind that is not a photo is not found either.
    expect((await get(`/console/files/requests/${a}/photos/front`, verifier)).status).toBe(404);
    expect((await get(`/console/files/requests/${a}/photos/passport`, verifier)).status).toBe(404);
    expect((await get(`/console/files/${fileId}`, verifier)).html).toContain('Report to review');

    expect((await post(`/console/files/requests/${a}/review`, { decision: 'APPROVE' }, verifier)).status).toBe(403);
    const shown = await get(`/console/files/requests/${a}/report`, reviewer);
    expect(shown.html).toContain('id="decision"');
    const noReason = await post(`/console/files/requests/${a}/review`, { decision: 'REJECT', reason: '  ' }, reviewer);
    expect(noReason.status).toBe(400);
    expect(await noReason.text()).toContain('Write the reason to reject the report.');
    const rejected = await post(`/console/files/requests/${a}/review`, { decision: 'REJECT', reason: 'Name differs' }, reviewer);
    expect([rejected.status, rejected.headers.get('location')]).toEqual([303, `/console/files/requests/${a}/report?done=rejected`]);
    const info = await apiPost('/api/client/report-info', { clientRequestId: a });
    expect(info.json.data).toMatchObject({ reviewDecision: 'Rejected', reviewDecisionReason: 'Name differs' });
    const after = await get(`/console/files/requests/${a}/report?done=rejected`, reviewer);
    expect(after.html).toContain('Report rejected.');
    expect(after.html).not.toContain('id="decision"');
    const decidedAgain = await post(`/console/files/requests/${a}/review`, { decision: 'APPROVE' }, reviewer);
    expect(decidedAgain.status).toBe(400);
  });

  it('closes a file (its waiting requests cancelled) and refuses to close it twice', async () => {
    const { fileId, requests } = await openFile(['ada.close@example.com', 'alan.close@example.com']);
    const closed = await post(`/console/files/${fileId}/close`, {});
    expect([closed.status, closed.headers.get('location')]).toEqual([303, `/console/files/${fileId}?done=closed`]);
    const page = await get(`/console/files/${fileId}?done=closed`, verifier);
    expect(page.html).toContain('File closed');
    expect(page.html).not.toContain(`/console/files/${fileId}/cancel"`);
    expect((await apiPost('/api/casefile/details', { fileReferenceId: fileId })).json.data.fileStatus).toBe('Closed');
    expect(
      (await apiPost('/api/client/verification-details', { clientRequestId: requests[0].clientRequestId })).json.data.requestStatus,
    ).toBe('Cancelled');
    const twice = await post(`/console/files/${fileId}/cancel`, {});
    expect(twice.status).toBe(400);
    expect(await twice.text()).toContain('This file is already Closed');
    const listed = await get('/console/files?status=ended', verifier);
    expect(listed.html).toContain(`href="/console/files/${fileId}"`);
  });

  it('records every change and every view of personal data in the audit log', async () => {
    const actions = new Set(
      (await db().selectFrom('audit_log').select('action').where('account_id', '=', demo.accountId).execute()).map((r) => r.action),
    );
    for (const a of [
      'console.file-created',
      'console.file-viewed',
      'console.file-closed',
      'console.file-cancelled',
      'console.request-viewed',
      'console.request-reinitiated',
      'console.request-cancelled',
      'console.link-issued',
      'console.client-updated',
      'console.sample-report-generated',
      'console.report-viewed',
      'console.report-pdf-read',
      'console.report-reviewed',
    ])
      expect([a, actions.has(a)]).toEqual([a, true]);
  });
});

describe('who may open the pages', () => {
  it('refuses a role without access (403) and answers for no other account', async () => {
    const { fileId, requests } = await openFile(['ada.roles@example.com', 'alan.roles@example.com']);
    const id = requests[0].clientRequestId;
    for (const path of ['/console/files', '/console/files/new', `/console/files/${fileId}`, `/console/files/requests/${id}`])
      expect([path, (await get(path, viewer)).status]).toEqual([path, 403]);
    expect((await get(`/console/files/${fileId}`, reviewer)).status).toBe(200);
    for (const path of [
      '/console/files',
      `/console/files/requests/${id}/reinitiate`,
      `/console/files/requests/${id}/cancel`,
      `/console/files/${fileId}/close`,
    ])
      expect([path, (await post(path, {}, reviewer)).status]).toEqual([path, 403]);
    expect((await apiPost('/api/client/verification-details', { clientRequestId: id })).json.data.requestStatus).toBe('pending');

    // Another account's verifier finds none of it.
    const stranger = await consoleSession(app.url, app.running.container, { accountId: other.accountId, roles: ['VERIFIER', 'REVIEWER'] });
    expect((await get(`/console/files/${fileId}`, stranger)).status).toBe(404);
    expect((await get(`/console/files/requests/${id}`, stranger)).status).toBe(404);
    expect((await get(`/console/files/requests/${id}/report.pdf`, stranger)).status).toBe(404);
    expect((await post(`/console/files/requests/${id}/cancel`, {}, stranger)).status).toBe(404);
    expect((await post(`/console/files/${fileId}/close`, {}, stranger)).status).toBe(404);
    expect((await get('/console/files', stranger)).html).not.toContain(fileId);
    expect((await apiPost('/api/casefile/details', { fileReferenceId: fileId })).json.data.fileStatus).toBe('In Progress');
  });
});
