import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UNLIMITED } from '../support/abuse.ts';
import { api, startTestApp, type TestApp } from '../support/app.ts';
import { type ConsoleSession, consoleSession } from '../support/console.ts';
import { documentsInReview } from '../support/review.ts';

/** The console's overview (what waits, for whom) and its search, over real HTTP in an account of their own. */
let app: TestApp;
let demo: Awaited<ReturnType<TestApp['bootstrap']>>;
let program: string;
const people = {} as Record<'admin' | 'reviewer' | 'viewer', ConsoleSession>;

beforeAll(async () => {
  app = await startTestApp({ WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true' });
  demo = await app.bootstrap();
  const created = await api(`${app.url}/manage/v1/programs`, {
    token: demo.token,
    body: {
      name: 'Campus',
      segment: 'student',
      testMode: false,
      staticCode: 'OK',
      maxReviewTime: '20_MIN',
      openOrgSearchEnabled: true,
      abuse: UNLIMITED,
    },
  });
  expect(created.status, created.text).toBe(201);
  program = created.json.id;
  for (const [who, role] of [
    ['admin', 'ADMIN'],
    ['reviewer', 'REVIEWER'],
    ['viewer', 'VIEWER'],
  ] as const)
    people[who] = await consoleSession(app.url, app.running.container, { accountId: demo.accountId, roles: [role] });
});
afterAll(async () => app?.close());

const page = async (path: string, who: ConsoleSession) => {
  const res = await fetch(`${app.url}${path}`, { headers: { cookie: who.cookie }, redirect: 'manual' });
  return { status: res.status, html: await res.text(), location: res.headers.get('location') };
};
/** The figure of a card of the overview, by its title; undefined when the card is not shown. */
const figure = (html: string, title: string) => {
  const m = new RegExp(`aria-label="${title}"><h2>${title}</h2><p class="figure">(\\d+)</p>`).exec(html);
  return m ? Number(m[1]) : undefined;
};

describe('the overview', () => {
  it('counts what waits for review and what is late against the program review time, for reviewers', async () => {
    const before = figure((await page('/console', people.reviewer)).html, 'Documents waiting for review');
    expect(before).toBe(0);
    const fresh = await documentsInReview(app.url, program, 'Ada');
    const old = await documentsInReview(app.url, program, 'Lin');
    // One has waited an hour, past the program's 20 minutes.
    await app.running.container.store.db
      .updateTable('verifications')
      .set({ pending_since: new Date(Date.now() - 3_600_000) })
      .where('id', '=', old.id)
      .execute();
    const html = (await page('/console', people.reviewer)).html;
    expect(figure(html, 'Documents waiting for review')).toBe(2);
    expect(html).toMatch(/>1 past the program(&#39;|')s review time\.</);
    expect(html).toContain('href="/console/review"');
    expect(fresh.id).not.toBe(old.id);
    // A viewer does not review: no review figure.
    expect(figure((await page('/console', people.viewer)).html, 'Documents waiting for review')).toBeUndefined();
  });

  it('lists webhook endpoints whose deliveries fail, for administrators', async () => {
    // Nothing listens on port 9 of this machine: every delivery fails.
    const endpoint = await api(`${app.url}/manage/v1/webhooks`, {
      token: demo.token,
      body: { url: 'http://127.0.0.1:9/hooks', eventTypes: ['*'] },
    });
    expect(endpoint.status, endpoint.text).toBe(201);
    await documentsInReview(app.url, program, 'Mae');
    await expect
      .poll(async () => figure((await page('/console', people.admin)).html, 'Webhook endpoints failing'), { timeout: 20_000 })
      .toBe(1);
    expect((await page('/console', people.admin)).html).toContain('http://127.0.0.1:9/hooks');
    expect(figure((await page('/console', people.reviewer)).html, 'Webhook endpoints failing')).toBeUndefined();
  });
});

describe('the search', () => {
  it('opens a verification found by its id, and finds one by the person’s email only for roles that see personal data', async () => {
    const v = await documentsInReview(app.url, program, 'Searchable');
    const byId = await page(`/console/search?q=${v.id}`, people.viewer);
    expect(byId.status).toBe(303);
    expect(byId.location).toBe(`/console/verifications/${v.id}`);

    const email = 'randy@example.com'; // the person body's email (VALID_BODIES)
    const reviewer = await page(`/console/search?q=${encodeURIComponent(email)}`, people.reviewer);
    expect(reviewer.status === 303 || reviewer.html.includes(`/console/verifications/${v.id}`)).toBe(true);
    const viewer = await page(`/console/search?q=${encodeURIComponent(email)}`, people.viewer);
    expect(viewer.status).toBe(200);
    expect(viewer.html).toContain('Nothing found');
  });

  it('finds nothing of another account', async () => {
    const other = await app.bootstrap();
    const started = await api(`${app.url}/rest/v2/verification`, { token: other.token, body: { programId: other.programs.student } });
    const res = await page(`/console/search?q=${started.json.verificationId}`, people.admin);
    expect(res.status).toBe(200);
    expect(res.html).toContain('Nothing found');
  });
});
