import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, useTestApp } from '../support/app.ts';
import { UNLIMITED } from '../support/abuse.ts';
import { VALID_BODIES } from '../support/bodies.ts';
import { BARE } from '../support/review.ts';
import { consoleSession, type ConsoleSession } from '../support/console.ts';
import { makePng, put } from '../support/fixtures.ts';
import { startReceiver, type Receiver } from '../support/webhook-receiver.ts';
import { until } from '../support/wait.ts';

/**
 * The verifications explorer over real HTTP: the list and its filters, one verification's record (steps,
 * decisions, documents, webhooks, audit), personal data for the roles that may read it and a note for
 * the others, and every view recorded.
 */

const t = useTestApp({ WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true' });
const container = () => t.app.running.container;
const db = () => container().store.db;
let sink: Receiver;
let verifier: ConsoleSession;
let viewer: ConsoleSession;
let reviewer: ConsoleSession;

async function page(path: string, who: ConsoleSession | null) {
  const res = await fetch(`${t.app.url}${path}`, { headers: who ? { cookie: who.cookie } : {}, redirect: 'manual' });
  return { status: res.status, html: await res.text(), location: res.headers.get('location') };
}
const idsOn = (html: string) => [...html.matchAll(/href="\/console\/verifications\/([0-9a-f]{24})"/g)].map((m) => m[1]);

/** A test-program verification that succeeds at once (two webhook events: created, success). */
async function succeeded(firstName = 'Katherine') {
  const created = await api(`${t.app.url}/rest/v2/verification`, { body: { programId: t.demo.programs.student } });
  const done = await api(created.json.submissionUrl, { body: { ...VALID_BODIES.collectStudentPersonalInfo, firstName } });
  expect(done.json.currentStep).toBe('success');
  return created.json.verificationId as string;
}

beforeAll(async () => {
  sink = await startReceiver();
  const hook = await api(`${t.app.url}/manage/v1/webhooks`, {
    token: t.demo.token,
    body: { url: `${sink.url}/hooks`, eventTypes: ['verification.*'] },
  });
  expect(hook.status).toBe(201);
  verifier = await consoleSession(t.app.url, container(), { accountId: t.demo.accountId, roles: ['VERIFIER'] });
  viewer = await consoleSession(t.app.url, container(), { accountId: t.demo.accountId, roles: ['VIEWER'] });
  reviewer = await consoleSession(t.app.url, container(), { accountId: t.demo.accountId, roles: ['REVIEWER'] });
});
afterAll(async () => {
  await sink?.close();
});

describe('the list', () => {
  it('shows the account’s verifications newest first to reviewers, verifiers and viewers, and no one else', async () => {
    const a = await succeeded();
    const b = await succeeded();
    for (const who of [verifier, viewer, reviewer]) {
      const list = await page('/console/verifications', who);
      expect(list.status).toBe(200);
      const ids = idsOn(list.html);
      expect(ids.indexOf(b)).toBeGreaterThanOrEqual(0);
      expect(ids.indexOf(b)).toBeLessThan(ids.indexOf(a));
      expect(list.html).not.toContain('Katherine');
    }
    const reporter = await consoleSession(t.app.url, container(), { accountId: t.demo.accountId, roles: ['REPORTER'] });
    expect((await page('/console/verifications', reporter)).status).toBe(403);
    expect((await page('/console/verifications', null)).location).toMatch(/^\/console\/sign-in\?next=/);
    const stranger = await t.app.bootstrap();
    const other = await consoleSession(t.app.url, container(), { accountId: stranger.accountId, roles: ['VERIFIER'] });
    expect(idsOn((await page('/console/verifications', other)).html)).not.toContain(a);
  });

  it('filters by program, step, dates and test mode, and pages 50 at a time', async () => {
    const demo = await t.app.bootstrap();
    const me = await consoleSession(t.app.url, container(), { accountId: demo.accountId, roles: ['VIEWER'] });
    const program = await api(`${t.app.url}/manage/v1/programs`, {
      token: demo.token,
      body: { name: 'Live one', segment: 'student', testMode: false, staticCode: 'OK', abuse: UNLIMITED },
    });
    const base = Date.UTC(2026, 2, 1);
    const rows = Array.from({ length: 60 }, (_, i) => ({
      id: container().ids.hex24(),
      account_id: demo.accountId,
      program_id: i < 40 ? program.json.id : demo.programs.student,
      ...BARE,
      segment: 'student',
      current_step: i % 3 === 0 ? 'docUpload' : 'success',
      locale: 'en-US',
      country: 'US',
      test_mode: i >= 40,
      error_ids: '[]',
      created_at: new Date(base + i * 3_600_000),
      updated_at: new Date(base + i * 3_600_000),
    }));
    await db().insertInto('verifications').values(rows).execute();
    const newestFirst = [...rows].reverse().map((r) => r.id);
    const first = await page('/console/verifications', me);
    expect(idsOn(first.html)).toEqual(newestFirst.slice(0, 50));
    const next = /href="(\/console\/verifications\?before=[^"]+)"/.exec(first.html)![1];
    expect(idsOn((await page(next, me)).html)).toEqual(newestFirst.slice(50));

    const live = await page(`/console/verifications?program=${program.json.id}&step=docUpload&test=no`, me);
    expect(idsOn(live.html)).toEqual(
      newestFirst.filter((id) => rows.find((r) => r.id === id)!.current_step === 'docUpload' && !rows.find((r) => r.id === id)!.test_mode),
    );
    // 2026-03-02 (UTC) holds rows 24 to 47.
    const day = await page('/console/verifications?from=2026-03-02&to=2026-03-02', me);
    expect(idsOn(day.html)).toEqual(
      rows
        .slice(24, 48)
        .reverse()
        .map((r) => r.id),
    );
    expect(idsOn((await page('/console/verifications?test=yes', me)).html)).toEqual(
      rows
        .slice(40)
        .reverse()
        .map((r) => r.id),
    );

    for (const [query, message] of [
      ['from=2026-02-30', 'must be a date'],
      ['from=2026-03-05&to=2026-03-01', 'after the to date'],
      ['test=maybe', "'yes' or 'no'"],
      ['step=%3Cscript%3E', 'is not a step'],
      ['before=garbage', 'damaged'],
    ] as const) {
      const bad = await page(`/console/verifications?${query}`, me);
      expect(bad.status, query).toBe(400);
      expect(bad.html).toContain(message);
    }
  });
});

describe('one verification', () => {
  it('shows its person, history, decision, documents, webhooks and audit to a verifier, and records the view', async () => {
    const program = await api(`${t.app.url}/manage/v1/programs`, {
      token: t.demo.token,
      body: { name: 'Docs', segment: 'student', testMode: false, staticCode: 'OK', openOrgSearchEnabled: true, abuse: UNLIMITED },
    });
    const created = await api(`${t.app.url}/rest/v2/verification`, { body: { programId: program.json.id } });
    const id = created.json.verificationId as string;
    const v = await api(created.json.submissionUrl, {
      body: { ...VALID_BODIES.collectStudentPersonalInfo, firstName: 'Dorothy', organization: { id: 0, name: 'Night School' } },
    });
    const png = makePng();
    const declared = await api(v.json.submissionUrl, {
      body: [{ fileName: 'dorothy-card.png', mimeType: 'image/png', fileSize: png.length }],
    });
    await put(declared.json.documents[0].uploadUrl, png, { 'content-type': 'image/png', 'content-length': String(png.length) });
    await api(declared.json.submissionUrl, { method: 'POST', raw: '', headers: { 'content-type': 'application/json' } });
    // While it waits, a reviewer is led to review it and may open its document; a verifier may not.
    const waiting = await page(`/console/verifications/${id}`, reviewer);
    expect(waiting.html).toContain(`href="/console/review/document/${id}"`);
    expect(waiting.html).toContain(`/console/documents/verification/${id}/`);
    expect((await page(`/console/verifications/${id}`, verifier)).html).not.toContain(`/console/documents/verification/${id}/`);
    const decided = await api(`${t.app.url}/rest/v2/review/${id}/decision`, {
      token: t.demo.token,
      body: { decision: 'REJECT', rejectionReasons: ['DOCUMENT_UNREADABLE'] },
    });
    expect(decided.status).toBe(200);
    await until(
      () =>
        db()
          .selectFrom('webhook_deliveries as d')
          .innerJoin('webhook_events as e', 'e.id', 'd.event_id')
          .select('d.status')
          .where('e.subject_id', '=', id)
          .execute(),
      (ds) => ds.length >= 2 && ds.every((d) => d.status === 'delivered'),
    );

    const shown = await page(`/console/verifications/${id}`, verifier);
    expect(shown.status).toBe(200);
    const html = shown.html;
    expect(html).toContain('Dorothy');
    expect(html).toContain('dorothy-card.png');
    expect(html).toContain('Document unreadable');
    expect(html).toMatch(/API token [0-9a-f]+/);
    // Answers in time order: the start, the person step, the declaration, the review, back to documents.
    const steps = [...html.matchAll(/<td>Step<\/td><td><code>([A-Za-z]+)<\/code>/g)].map((m) => m[1]);
    expect(steps).toEqual(['collectStudentPersonalInfo', 'docUpload', 'docUpload', 'pending', 'docUpload']);
    expect(html).toContain('verification.created');
    expect(html).toContain(`${sink.url}/hooks: delivered`);
    expect(html).toContain('review.decide');
    expect(html).not.toContain('uploadUrl');
    // A rejection purges the bytes at once (retention 0): the document is listed, its bytes said to be gone.
    expect(html).toContain('(bytes purged)');
    expect(html).not.toContain(`/console/documents/verification/${id}/`);

    const entries = await db()
      .selectFrom('audit_log')
      .select(['actor_id', 'outcome'])
      .where('subject_id', '=', id)
      .where('action', '=', 'console.verification-viewed')
      .execute();
    expect(entries.filter((e) => e.actor_id === verifier.userId)).toEqual([
      { actor_id: verifier.userId, outcome: 200 },
      { actor_id: verifier.userId, outcome: 200 },
    ]);
    expect(entries.filter((e) => e.actor_id === reviewer.userId)).toHaveLength(1);
  });

  it('hides the person, file names and notes from a viewer, saying so', async () => {
    const id = await succeeded('Hedy');
    const shown = await page(`/console/verifications/${id}`, viewer);
    expect(shown.status).toBe(200);
    expect(shown.html).not.toContain('Hedy');
    expect(shown.html).not.toContain('randy@example.com');
    expect(shown.html).toContain('Personal data is hidden');
    expect(shown.html).toContain('collectStudentPersonalInfo');
    expect((await page(`/console/verifications/${id}`, verifier)).html).toContain('Hedy');
  });

  it('answers an unknown id, or another account’s, as not found', async () => {
    const id = await succeeded();
    const stranger = await t.app.bootstrap();
    const other = await consoleSession(t.app.url, container(), { accountId: stranger.accountId, roles: ['VERIFIER'] });
    const refused = await page(`/console/verifications/${id}`, other);
    expect(refused.status).toBe(404);
    expect(refused.html).not.toContain('Katherine');
    expect((await page('/console/verifications/not-an-id', verifier)).status).toBe(404);
  });
});
