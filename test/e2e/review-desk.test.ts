import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/shared/clock.ts';
import { api, useTestApp } from '../support/app.ts';
import { UNLIMITED } from '../support/abuse.ts';
import { consoleSession, postForm, type ConsoleSession } from '../support/console.ts';
import { BARE, documentsInReview } from '../support/review.ts';
import { completeCapture, goodCapture } from './idv-capture-client.ts';

/**
 * The review desk over real HTTP, as signed-in reviewers meet it: the queue, claims, an item's page, the
 * console's document route, decisions through the API's own use cases, and what a bad form changes
 * (nothing).
 */

const MIN = 60_000;
const start = new Date(Date.now());
const clock = fixedClock(start);
const t = useTestApp({}, { clock });
afterEach(() => clock.set(new Date(Math.max(clock.now().getTime(), start.getTime()))));

const container = () => t.app.running.container;
const db = () => container().store.db;
const tick = (ms = 1000) => clock.set(new Date(clock.now().getTime() + ms));

let program: string;
let reviewer: ConsoleSession;
let second: ConsoleSession;

async function page(path: string, who: ConsoleSession | null) {
  const res = await fetch(`${t.app.url}${path}`, { headers: who ? { cookie: who.cookie } : {}, redirect: 'manual' });
  return { status: res.status, html: await res.text(), headers: res.headers, location: res.headers.get('location') };
}
const post = (path: string, who: ConsoleSession, fields: Record<string, string>) =>
  postForm(t.app.url, path, { _csrf: who.csrf, ...fields }, who.cookie);

/** A verification of `programId` whose PNG and PDF wait for review. */
const pendingVerification = (programId = program, firstName = 'Grace') => documentsInReview(t.app.url, programId, firstName);

async function liveProgram(token: string, extra: Record<string, unknown> = {}) {
  const p = await api(`${t.app.url}/manage/v1/programs`, {
    token,
    body: {
      name: 'Campus',
      segment: 'student',
      testMode: false,
      staticCode: 'OK',
      maxDocUploadAttempts: 3,
      openOrgSearchEnabled: true,
      abuse: UNLIMITED,
      ...extra,
    },
  });
  expect(p.status, p.text).toBe(201);
  return p.json.id as string;
}

const status = async (id: string) => (await api(`${t.app.url}/rest/v2/verification/${id}`)).json;

beforeAll(async () => {
  program = await liveProgram(t.demo.token);
  reviewer = await consoleSession(t.app.url, container(), { accountId: t.demo.accountId, roles: ['REVIEWER'] });
  second = await consoleSession(t.app.url, container(), { accountId: t.demo.accountId, roles: ['REVIEWER'] });
});

describe('the queue', () => {
  it('lists a waiting verification with its kind, program, time and attempt, to reviewers only', async () => {
    const v = await pendingVerification();
    const q = await page('/console/review', reviewer);
    expect(q.status).toBe(200);
    expect(q.headers.get('content-security-policy')).toContain("script-src 'nonce-");
    const row = q.html.slice(q.html.indexOf(`/console/review/document/${v.id}`));
    expect(row.slice(0, 1200)).toMatch(/Document review<\/td><td>Campus<\/td>/);
    expect(row.slice(0, 1200)).toContain('Nobody');
    expect(q.html).not.toContain('Grace'); // the queue shows no personal data

    expect((await page('/console/review', null)).location).toBe('/console/sign-in?next=%2Fconsole%2Freview');
    const verifier = await consoleSession(t.app.url, container(), { accountId: t.demo.accountId, roles: ['VERIFIER'] });
    const refused = await page('/console/review', verifier);
    expect(refused.status).toBe(403);
    expect(refused.html).toContain('You cannot open this page');
  });

  it('refuses a filter or page link it cannot read, with a page that says so', async () => {
    const bad = await page('/console/review?kind=everything', reviewer);
    expect(bad.status).toBe(400);
    expect(bad.html).toContain('is not a kind of item');
    expect((await page('/console/review?program=nope', reviewer)).status).toBe(400);
    const damaged = await page('/console/review?after=12.nothing.x', reviewer);
    expect(damaged.status).toBe(400);
    expect(damaged.html).toContain('This page link is damaged');
  });

  it('pages 50 at a time, oldest first, and filters by program and kind with counts', async () => {
    const demo = await t.app.bootstrap();
    const p1 = await liveProgram(demo.token, { name: 'First program' });
    const p2 = await liveProgram(demo.token, { name: 'Second program', maxReviewTime: '2_MIN' });
    const me = await consoleSession(t.app.url, container(), { accountId: demo.accountId, roles: ['REVIEWER'] });
    const base = clock.now().getTime() - 60 * MIN;
    const rows = Array.from({ length: 62 }, (_, i) => ({
      id: container().ids.hex24(),
      account_id: demo.accountId,
      program_id: i % 2 ? p2 : p1,
      ...BARE,
      segment: 'student',
      current_step: 'pending',
      locale: 'en-US',
      country: 'US',
      test_mode: false,
      error_ids: '[]',
      doc_attempts: 1,
      pending_since: new Date(base + i * 1000),
      created_at: new Date(base),
      updated_at: new Date(base),
    }));
    await db().insertInto('verifications').values(rows).execute();
    const first = await page('/console/review', me);
    expect(first.status).toBe(200);
    expect(first.html).toContain('62 waiting: 62 document reviews and 0 client ID reports');
    expect(first.html).toContain('First program (31)');
    expect(first.html).toContain('Second program (31)');
    const ids = [...first.html.matchAll(/href="\/console\/review\/document\/([0-9a-f]{24})"/g)].map((m) => m[1]);
    expect(ids).toEqual(rows.slice(0, 50).map((r) => r.id));
    // Programs whose review time (2 minutes) has passed are late; the others (20 minutes default) too after an hour.
    expect(first.html).toContain(', late');
    const next = /href="(\/console\/review\?after=[^"]+)"/.exec(first.html)![1].replace(/&amp;/g, '&');
    const second = await page(next, me);
    expect([...second.html.matchAll(/href="\/console\/review\/document\/([0-9a-f]{24})"/g)].map((m) => m[1])).toEqual(
      rows.slice(50).map((r) => r.id),
    );
    expect(second.html).not.toContain('Next page');

    const only = await page(`/console/review?program=${p2}`, me);
    const onlyIds = [...only.html.matchAll(/href="\/console\/review\/document\/([0-9a-f]{24})\?program=/g)].map((m) => m[1]);
    expect(onlyIds).toEqual(rows.filter((r) => r.program_id === p2).map((r) => r.id));
    expect(only.html).toContain('31 shown by this filter');
    const reports = await page('/console/review?kind=id-report', me);
    expect(reports.html).toContain('Nothing waits for review here');
  });
  it('merges document reviews and client ID reports into one order across pages, none lost or shown twice', async () => {
    const demo = await t.app.bootstrap();
    const p = await liveProgram(demo.token);
    const me = await consoleSession(t.app.url, container(), { accountId: demo.accountId, roles: ['REVIEWER'] });
    const base = clock.now().getTime() - 10 * MIN;
    // 40 of each kind, many at the very same instant as one of the other kind: the order is (time, kind, id).
    const at = (i: number) => new Date(base + Math.floor(i / 3) * 1000);
    const docs = Array.from({ length: 40 }, (_, i) => ({
      ...BARE,
      id: container().ids.hex24(),
      account_id: demo.accountId,
      program_id: p,
      segment: 'student',
      current_step: 'pending',
      locale: 'en-US',
      country: 'US',
      test_mode: false,
      error_ids: '[]',
      doc_attempts: 1,
      pending_since: at(i),
      created_at: at(i),
      updated_at: at(i),
    }));
    await db().insertInto('verifications').values(docs).execute();
    const reports: { id: string; at: Date }[] = [];
    for (let i = 0; i < 40; i++) {
      const [file, client, request] = [container().ids.hex24(), container().ids.hex24(), container().ids.uuid()];
      await db()
        .insertInto('case_files')
        .values({
          id: file,
          account_id: demo.accountId,
          requester_reference_id: `M-${i}`,
          file_name: `F${i}`,
          file_number: `VF-M-${file}`,
          transaction_key: container().ids.secret('tk'),
          closed_status: null,
        })
        .execute();
      await db()
        .insertInto('idv_clients')
        .values({ id: client, account_id: demo.accountId, email_hash: `h-${client}`, profile_enc: 'x' })
        .execute();
      await db()
        .insertInto('client_requests')
        .values({
          id: request,
          account_id: demo.accountId,
          file_id: file,
          client_id: client,
          requester_client_request_id: null,
          status: 'Review Report',
          banking_required: false,
        })
        .execute();
      const when = at(i + 1);
      await db()
        .insertInto('idv_reports')
        .values({
          id: container().ids.hex24(),
          account_id: demo.accountId,
          file_id: file,
          request_id: request,
          client_id: client,
          report_number: `VR-M-${file}`,
          identity_result: 'Pass',
          fraud_result: 'Pass',
          content_enc: null,
          sample: false,
          review_status_date: when,
          expiry_date: new Date(when.getTime() + 14 * 86_400_000),
          warning_date: new Date(when.getTime() + 12 * 86_400_000),
          audit_until: new Date(when.getTime() + 365 * 86_400_000),
        })
        .execute();
      reports.push({ id: request, at: when });
    }
    const seen: string[] = [];
    let next: string | null = '/console/review';
    while (next) {
      const q = await page(next, me);
      expect(q.status).toBe(200);
      seen.push(...[...q.html.matchAll(/href="\/console\/review\/((?:document|id-report)\/[0-9a-f-]+)"/g)].map((m) => m[1]));
      next = /href="(\/console\/review\?after=[^"]+)"/.exec(q.html)?.[1].replace(/&amp;/g, '&') ?? null;
    }
    const order = (a: { at: Date; kind: string; id: string }, b: { at: Date; kind: string; id: string }) =>
      a.at.getTime() - b.at.getTime() || a.kind.localeCompare(b.kind);
    const expected = [
      ...docs.map((d) => ({ at: d.pending_since, kind: 'document', id: d.id })),
      ...reports.map((r) => ({ at: r.at, kind: 'id-report', id: r.id })),
    ];
    expect(seen).toHaveLength(80);
    expect(new Set(seen).size).toBe(80);
    // Within one instant and kind the store's order of ids decides; across them, time then kind.
    const rank = (s: string) => {
      const e = expected.find((x) => `${x.kind}/${x.id}` === s)!;
      return [e.at.getTime(), e.kind] as const;
    };
    for (let i = 1; i < seen.length; i++)
      expect(
        order(
          { at: new Date(rank(seen[i - 1])[0]), kind: rank(seen[i - 1])[1], id: '' },
          { at: new Date(rank(seen[i])[0]), kind: rank(seen[i])[1], id: '' },
        ),
      ).toBeLessThanOrEqual(0);
    expect((await page('/console/review?kind=id-report', me)).html).toContain('40 shown by this filter');
  });
});

describe('an item', () => {
  it('is held by the reviewer who opens it: a second reviewer sees who holds it and no form, and cannot decide', async () => {
    const v = await pendingVerification(program, 'Ada');
    const opened = await page(`/console/review/document/${v.id}`, reviewer);
    expect(opened.status).toBe(200);
    expect(opened.html).toContain('Ada');
    expect(opened.html).toContain('student-card.png');
    expect(opened.html).toContain(`<img src="/console/documents/verification/${v.id}/${v.documents[0]}"`);
    expect(opened.html).toContain(`<iframe src="/console/documents/verification/${v.id}/${v.documents[1]}"`);
    expect(opened.html).toContain('name="reason.DOCUMENT_EXPIRED"');
    expect(opened.html).toContain('<kbd>a</kbd> approve');
    expect(opened.html).toMatch(/<script src="\/console\/assets\/review.js" nonce="[^"]+"/);
    const claim = await db().selectFrom('review_claims').selectAll().where('item_id', '=', v.id).executeTakeFirstOrThrow();
    expect(claim.user_id).toBe(reviewer.userId);
    expect(claim.expires_at.getTime() - claim.claimed_at.getTime()).toBe(15 * MIN);

    const held = await page(`/console/review/document/${v.id}`, second);
    expect(held.status).toBe(409);
    expect(held.html).toContain(reviewer.email);
    expect(held.html).not.toContain('name="decision"');
    expect(held.html).not.toContain('Ada');
    const queue = await page('/console/review', second);
    expect(queue.html.slice(queue.html.indexOf(v.id)).slice(0, 1500)).toContain(reviewer.email);

    const stolen = await post(`/console/review/document/${v.id}/decision`, second, { decision: 'APPROVE', attempt: '1' });
    expect(stolen.status).toBe(409);
    expect(await stolen.text()).toContain(`${reviewer.email} is reviewing this item`);
    expect((await status(v.id)).currentStep).toBe('pending');

    // Reopening renews the holder's claim; after 15 minutes without it, the item is free for another.
    tick(16 * MIN);
    expect((await page(`/console/review/document/${v.id}`, second)).status).toBe(200);
    const late = await post(`/console/review/document/${v.id}/decision`, reviewer, { decision: 'APPROVE', attempt: '1' });
    expect(late.status).toBe(409);
    expect((await status(v.id)).currentStep).toBe('pending');
    const released = await post(`/console/review/document/${v.id}/release`, second, {});
    expect(released.status).toBe(303);
    expect((await page(`/console/review/document/${v.id}`, reviewer)).status).toBe(200);
  });

  it('is refused for an unknown id, another account, or a verification no longer awaiting review', async () => {
    expect((await page('/console/review/document/aaaaaaaaaaaaaaaaaaaaaaaa', reviewer)).status).toBe(404);
    expect((await page('/console/review/document/..%2F..%2Fetc', reviewer)).status).toBe(404);
    const v = await pendingVerification();
    const other = await t.app.bootstrap();
    const stranger = await consoleSession(t.app.url, container(), { accountId: other.accountId, roles: ['REVIEWER'] });
    expect((await page(`/console/review/document/${v.id}`, stranger)).status).toBe(404);
    expect((await page(`/console/documents/verification/${v.id}/${v.documents[0]}`, stranger)).status).toBe(404);
    expect(await db().selectFrom('review_claims').select('user_id').where('item_id', '=', v.id).execute()).toEqual([]);
  });

  it('serves its documents inline, images sandboxed, never sniffed, and records each read', async () => {
    const v = await pendingVerification();
    const image = await page(`/console/documents/verification/${v.id}/${v.documents[0]}`, reviewer);
    expect(image.status).toBe(200);
    expect(image.headers.get('content-type')).toBe('image/png');
    expect(image.headers.get('content-disposition')).toBe('inline; filename="student-card.png"');
    expect(image.headers.get('x-content-type-options')).toBe('nosniff');
    expect(image.headers.get('content-security-policy')).toMatch(/^sandbox; default-src 'none'/);
    const pdf = await page(`/console/documents/verification/${v.id}/${v.documents[1]}`, reviewer);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(pdf.headers.get('content-disposition')).toBe('inline; filename="enrollment.pdf"');
    expect(pdf.headers.get('x-content-type-options')).toBe('nosniff');
    // Not sandboxed (the PDF viewer refuses that), but nothing beyond the PDF itself, framed by the console only.
    expect(pdf.headers.get('content-security-policy')).toBe(
      "default-src 'none'; object-src 'self'; plugin-types application/pdf; frame-ancestors 'self'",
    );
    const download = await page(`/console/documents/verification/${v.id}/${v.documents[1]}?download=1`, reviewer);
    expect(download.headers.get('content-disposition')).toBe('attachment; filename="enrollment.pdf"');
    const reads = await db().selectFrom('document_accesses').select('document_id').where('verification_id', '=', v.id).execute();
    expect(reads.map((r) => r.document_id).sort()).toEqual([v.documents[0], v.documents[1], v.documents[1]].sort());
    const audit = await db()
      .selectFrom('audit_log')
      .select(['action', 'actor_type', 'actor_id'])
      .where('subject_id', '=', v.documents[0])
      .where('action', '=', 'document.read')
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor_type: 'user', actor_id: reviewer.userId });
  });
});

describe('deciding', () => {
  it('refuses a form it cannot read and changes nothing', async () => {
    const v = await pendingVerification();
    await page(`/console/review/document/${v.id}`, reviewer);
    const cases: [Record<string, string>, string][] = [
      [{ decision: 'REJECT', attempt: '1' }, 'Choose at least one reason'],
      [{ decision: 'APPROVE', attempt: '1', 'reason.DOCUMENT_EXPIRED': 'on' }, 'uncheck them to approve'],
      [{ decision: 'REJECT', attempt: '1', 'reason.NOT_A_REASON': 'on' }, 'is not a rejection reason'],
      [{ decision: 'MAYBE', attempt: '1' }, 'Choose Approve or Reject'],
      [{ decision: 'REJECT', attempt: '1', 'reason.DOCUMENT_EXPIRED': 'on', note: 'x'.repeat(2001) }, 'longer than 2000'],
    ];
    for (const [fields, message] of cases) {
      const r = await post(`/console/review/document/${v.id}/decision`, reviewer, fields);
      expect(r.status, message).toBe(400);
      expect(await r.text()).toContain(message);
    }
    const noCsrf = await postForm(
      t.app.url,
      `/console/review/document/${v.id}/decision`,
      { decision: 'APPROVE', attempt: '1' },
      reviewer.cookie,
    );
    expect(noCsrf.status).toBe(403);
    expect((await status(v.id)).currentStep).toBe('pending');
    expect(await db().selectFrom('review_decisions').select('id').where('verification_id', '=', v.id).execute()).toEqual([]);
  });

  it('rejects with reasons through the API use case: the public API shows them, the note is kept, the next item opens', async () => {
    const demo = await t.app.bootstrap();
    const p = await liveProgram(demo.token);
    const me = await consoleSession(t.app.url, container(), { accountId: demo.accountId, roles: ['REVIEWER'] });
    const first = await pendingVerification(p, 'Lin');
    tick();
    const then = await pendingVerification(p, 'Mae');
    await page(`/console/review/document/${first.id}`, me);
    const r = await post(`/console/review/document/${first.id}/decision`, me, {
      decision: 'REJECT',
      attempt: '1',
      'reason.DOCUMENT_EXPIRED': 'on',
      'reason.MISMATCH_PERSON_LAST_NAME': 'on',
      note: 'Card expired in 2019',
    });
    expect(r.status).toBe(303);
    expect(r.headers.get('location')).toBe(`/console/review/document/${then.id}`);
    const after = await status(first.id);
    expect(after.currentStep).toBe('docUpload');
    expect(after.rejectionReasons).toEqual(['DOCUMENT_EXPIRED', 'MISMATCH_PERSON_LAST_NAME']);
    const decision = await db()
      .selectFrom('review_decisions')
      .selectAll()
      .where('verification_id', '=', first.id)
      .executeTakeFirstOrThrow();
    expect(decision.decided_by).toBe(`user:${me.userId}`);
    const note = await db().selectFrom('review_notes').selectAll().where('item_id', '=', first.id).executeTakeFirstOrThrow();
    expect(note.note_enc).not.toContain('expired');
    expect(container().box.decrypt(note.note_enc)).toBe('Card expired in 2019');
    expect(await db().selectFrom('review_claims').select('user_id').where('item_id', '=', first.id).execute()).toEqual([]);
    const audited = await db().selectFrom('audit_log').select(['action', 'outcome']).where('subject_id', '=', first.id).execute();
    expect(audited).toContainEqual({ action: 'review.decide', outcome: 303 });
    expect(audited).toContainEqual({ action: 'console.review-opened', outcome: 200 });

    // The last one decided, the queue opens; a decided item shows no form.
    await page(`/console/review/document/${then.id}`, me);
    const approved = await post(`/console/review/document/${then.id}/decision`, me, { decision: 'APPROVE', attempt: '1' });
    expect(approved.headers.get('location')).toBe('/console/review');
    expect((await status(then.id)).currentStep).toBe('success');
    const done = await page(`/console/review/document/${then.id}`, me);
    expect(done.status).toBe(200);
    expect(done.html).toContain('not awaiting review');
    expect(done.html).not.toContain('name="decision"');
    const again = await post(`/console/review/document/${then.id}/decision`, me, {
      decision: 'REJECT',
      attempt: '1',
      'reason.DOCUMENT_EXPIRED': 'on',
    });
    expect(again.status).toBe(409);
  });
});

describe('client ID reports', () => {
  it('waits in the queue, shows its checks and photos, and an approval shows in the client-request API', async () => {
    const demo = await t.app.bootstrap();
    const me = await consoleSession(t.app.url, container(), { accountId: demo.accountId, roles: ['REVIEWER'] });
    const client = {
      firstName: 'Grace',
      lastName: 'Hopper',
      email: `grace-${Date.now()}@example.com`,
      phoneNumber: '+1 604 555 0100',
      dateOfBirth: '1976-12-09',
    };
    const file = await api(`${t.app.url}/api/client/create-verification-request`, {
      token: demo.token,
      body: { requesterReferenceId: `RD-${Date.now()}`, clients: [client], sendLink: false },
    });
    expect(file.status, file.text).toBe(200);
    const request = file.json.data.requests[0];
    await completeCapture(request.links[0].link, goodCapture(client));
    const id = request.clientRequestId as string;

    const q = await page('/console/review', me);
    expect(q.html).toContain(`/console/review/id-report/${id}`);
    expect(q.html).toContain('Client ID report');
    const opened = await page(`/console/review/id-report/${id}`, me);
    expect(opened.status).toBe(200);
    expect(opened.html).toContain('Hopper');
    expect(opened.html).toContain('MRZ check digits');
    expect(opened.html).toContain(`/console/documents/client-request/${id}/front`);
    const photo = await page(`/console/documents/client-request/${id}/front`, me);
    expect(photo.status).toBe(200);
    expect(photo.headers.get('content-type')).toBe('image/jpeg');
    expect(photo.headers.get('content-security-policy')).toMatch(/^sandbox/);
    expect((await page(`/console/documents/client-request/${id}/passport`, me)).status).toBe(404);

    const noReason = await post(`/console/review/id-report/${id}/decision`, me, { decision: 'REJECT' });
    expect(noReason.status).toBe(400);
    const approved = await post(`/console/review/id-report/${id}/decision`, me, { decision: 'APPROVE' });
    expect(approved.status).toBe(303);
    const info = await api(`${t.app.url}/api/client/report-info`, { token: demo.token, body: { clientRequestId: id } });
    expect(info.json.data.reviewDecision).toBe('Approved');
    const details = await api(`${t.app.url}/api/client/verification-details`, { token: demo.token, body: { clientRequestId: id } });
    expect(details.json.data.requestStatus).toBe('Approved');
    expect((await page('/console/review', me)).html).not.toContain(`/console/review/id-report/${id}`);
  });
});
