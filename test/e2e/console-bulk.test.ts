import { beforeAll, describe, expect, it } from 'vitest';
import { api, type Demo, useTestApp } from '../support/app.ts';
import { VALID_BODIES } from '../support/bodies.ts';
import { type ConsoleSession, consoleSession, postForm } from '../support/console.ts';
import { until } from '../support/wait.ts';

/**
 * The console's "Re-verify and reports" pages over real HTTP: a batch started from a CSV of ids and
 * followed to its report, a verification report requested on the page, refusals shown on the forms, the
 * roles of the API's own routes, and nothing of another account.
 */

const t = useTestApp();
const db = () => t.app.running.container.store.db;
const UNKNOWN = 'abcdefabcdefabcdefabcdef';
let bulk: ConsoleSession;
let reporter: ConsoleSession;
let verifier: ConsoleSession;
let viewer: ConsoleSession;
let other: Demo;
const mine: string[] = [];

async function page(path: string, who: ConsoleSession) {
  const res = await fetch(`${t.app.url}${path}`, { headers: { cookie: who.cookie }, redirect: 'manual' });
  return { status: res.status, html: await res.text(), location: res.headers.get('location'), refresh: res.headers.get('refresh') };
}

/** The batch form as the browser sends it: multipart, with the CSV as a chosen file. */
function postBatch(who: ConsoleSession, fields: Record<string, string>, file?: string) {
  const form = new FormData();
  form.set('_csrf', who.csrf);
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  form.set('file', new Blob(file === undefined ? [] : [file], { type: 'text/csv' }), file === undefined ? '' : 'ids.csv');
  return fetch(`${t.app.url}/console/bulk/batches`, {
    method: 'POST',
    headers: { cookie: who.cookie, origin: t.app.url },
    body: form,
    redirect: 'manual',
  });
}

const download = async (path: string, headers: Record<string, string>) => {
  const res = await fetch(`${t.app.url}${path}`, { headers });
  return { status: res.status, type: res.headers.get('content-type'), bytes: Buffer.from(await res.arrayBuffer()) };
};
const countOf = async (table: 'reverify_batches' | 'reports', accountId: string) =>
  (await db().selectFrom(table).select('id').where('account_id', '=', accountId).execute()).length;

/** A test-program verification of the account that succeeded. */
async function succeeded(demo: Demo, firstName: string) {
  const created = await api(`${t.app.url}/rest/v2/verification`, { body: { programId: demo.programs.student } });
  const done = await api(created.json.submissionUrl, { body: { ...VALID_BODIES.collectStudentPersonalInfo, firstName } });
  expect(done.json.currentStep).toBe('success');
  return created.json.verificationId as string;
}

beforeAll(async () => {
  const container = t.app.running.container;
  const accountId = t.demo.accountId;
  bulk = await consoleSession(t.app.url, container, { accountId, roles: ['BULK_VERIFIER'] });
  reporter = await consoleSession(t.app.url, container, { accountId, roles: ['REPORTER'] });
  verifier = await consoleSession(t.app.url, container, { accountId, roles: ['VERIFIER'] });
  viewer = await consoleSession(t.app.url, container, { accountId, roles: ['VIEWER'] });
  mine.push(await succeeded(t.demo, 'Grace'), await succeeded(t.demo, 'Alan'));
  other = await t.app.bootstrap();
});

describe('re-verification on the console', () => {
  it('starts a batch from a CSV file of ids, shows its progress to the end, and downloads the API report of it', async () => {
    const form = await page('/console/bulk/batches', bulk);
    expect(form.status).toBe(200);
    expect(form.html).toContain('Start the batch');
    expect(form.html).toContain(`value="${t.demo.programs.student}"`);

    const csv = `verificationId\r\n${mine[0]}\r\n${mine[1]}\r\n${UNKNOWN}\r\n`;
    const started = await postBatch(bulk, { programId: t.demo.programs.student, ids: '' }, csv);
    expect(started.status).toBe(303);
    const batchId = /^\/console\/bulk\/batches\/([0-9a-f]{32})$/.exec(started.headers.get('location') ?? '')?.[1];
    expect(batchId).toBeDefined();

    // The batch is the API's own: it reads the same there, with the three ids in order.
    const status = await api(`${t.app.url}/rest/v2/verification/reverify/${batchId}`, { token: t.demo.token });
    expect(status.json).toMatchObject({ batchId, totalRecords: 3 });
    const records = await db()
      .selectFrom('reverify_records')
      .select('verification_id')
      .where('batch_id', '=', batchId!)
      .orderBy('position')
      .execute();
    expect(records.map((r) => r.verification_id)).toEqual([...mine, UNKNOWN]);

    // The page follows it until it has ended and its report is ready; then it stops reloading itself.
    const first = await page(`/console/bulk/batches/${batchId}`, bulk);
    expect(first.status).toBe(200);
    expect(first.html).toMatch(/ of 3/);
    const done = await until(
      () => page(`/console/bulk/batches/${batchId}`, bulk),
      (p) => p.html.includes('Download the report (CSV)'),
    );
    expect(done.html).toContain('Complete');
    expect(done.html).toContain('3 of 3');
    expect(done.refresh).toBeNull();
    const reportId = /href="\/console\/bulk\/reports\/([0-9a-f]{24})\/download"/.exec(done.html)?.[1];
    expect(reportId).toBeDefined();

    const onPage = await download(`/console/bulk/reports/${reportId}/download`, { cookie: bulk.cookie });
    const fromApi = await download(`/rest/v2/report/${reportId}`, { authorization: `Bearer ${t.demo.token}` });
    expect(onPage.status).toBe(200);
    expect(fromApi.status).toBe(200);
    expect(onPage.type).toBe(fromApi.type);
    expect(onPage.bytes.equals(fromApi.bytes)).toBe(true);
    const rows = onPage.bytes.toString('utf8').trimEnd().split('\n');
    expect(rows).toHaveLength(4);
    expect(rows[1]).toContain(`"${mine[0]}"`);
    expect(rows[3]).toContain(`"${UNKNOWN}"`);
    expect(rows[3]).toContain('"NOT_FOUND"');

    // Listed with its status, and the start and the download are in the audit log.
    const list = await page('/console/bulk/batches', bulk);
    expect(list.html).toContain(`href="/console/bulk/batches/${batchId}"`);
    const actions = (await db().selectFrom('audit_log').select('action').where('account_id', '=', t.demo.accountId).execute()).map(
      (r) => r.action,
    );
    expect(actions).toEqual(expect.arrayContaining(['console.reverify-started', 'console.report-downloaded']));
  });

  it('starts a batch from ids pasted in the text box', async () => {
    const res = await postForm(
      t.app.url,
      '/console/bulk/batches',
      { _csrf: bulk.csrf, programId: t.demo.programs.student, ids: `${mine[1]}\n` },
      bulk.cookie,
    );
    expect(res.status).toBe(303);
    const batchId = res.headers.get('location')!.split('/').at(-1)!;
    const status = await api(`${t.app.url}/rest/v2/verification/reverify/${batchId}`, { token: t.demo.token });
    expect(status.json).toMatchObject({ batchId, totalRecords: 1 });
  });

  it('shows what is wrong with a CSV on the form, and starts nothing', async () => {
    const before = await countOf('reverify_batches', t.demo.accountId);
    const cases: [Record<string, string>, string | undefined, string][] = [
      [
        { programId: t.demo.programs.student },
        `verificationId\n${mine[0]}\nnot-an-id\n`,
        'Line 3: &quot;not-an-id&quot; is not a verification id',
      ],
      [{ programId: t.demo.programs.student }, 'verificationId\n', 'The CSV holds no verification ids'],
      [{ programId: t.demo.programs.student }, undefined, 'Choose a CSV file or paste the verification ids.'],
      [{ programId: t.demo.programs.student, ids: mine[0] }, `${mine[1]}\n`, 'Choose a CSV file or paste the ids, not both.'],
      [{ programId: '' }, `${mine[0]}\n`, 'Choose the program the verifications belong to.'],
      [{ programId: other.programs.student }, `${mine[0]}\n`, other.programs.student],
    ];
    for (const [fields, file, message] of cases) {
      const res = await postBatch(bulk, { ids: '', ...fields }, file);
      const html = await res.text();
      expect([res.status, html.includes(message)]).toEqual([400, true]);
      expect(html).toContain('role="alert"');
    }
    // What was pasted stays in the box.
    const kept = await postForm(
      t.app.url,
      '/console/bulk/batches',
      { _csrf: bulk.csrf, programId: t.demo.programs.student, ids: 'nope\n1234' },
      bulk.cookie,
    );
    expect(kept.status).toBe(400);
    expect(await kept.text()).toContain('nope\n1234</textarea>');
    expect(await countOf('reverify_batches', t.demo.accountId)).toBe(before);
  });
});

describe('verification reports on the console', () => {
  it('requests a report on the page; once ready, its CSV is the API download', async () => {
    const form = await page('/console/bulk/reports', reporter);
    expect(form.status).toBe(200);
    expect(form.html).toContain(`name="program.${t.demo.programs.student}"`);
    expect(form.html).toMatch(/name="column.Request ID" value="on" checked/);
    expect(form.html).toMatch(/name="column.FIRST_NAME" value="on" checked/);

    const today = new Date().toISOString().slice(0, 10);
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    const res = await postForm(
      t.app.url,
      '/console/bulk/reports',
      {
        _csrf: reporter.csrf,
        startDate: yesterday,
        endDate: today,
        mode: 'ALL',
        [`program.${t.demo.programs.student}`]: 'on',
        // Three columns ticked of all those the form offers (all ticked at first), and one metadata key.
        'column.Request ID': 'on',
        'column.Result': 'on',
        'column.FIRST_NAME': 'on',
        metadata: 'campaign',
      },
      reporter.cookie,
    );
    expect(res.status).toBe(303);
    const reportId = /^\/console\/bulk\/reports\/([0-9a-f]{24})$/.exec(res.headers.get('location') ?? '')?.[1];
    expect(reportId).toBeDefined();

    const ready = await until(
      () => page(`/console/bulk/reports/${reportId}`, reporter),
      (p) => p.html.includes('Download the report (CSV)'),
    );
    expect(ready.refresh).toBeNull();
    const onPage = await download(`/console/bulk/reports/${reportId}/download`, { cookie: reporter.cookie });
    const fromApi = await download(`/rest/v2/report/${reportId}`, { authorization: `Bearer ${t.demo.token}` });
    expect(onPage.status).toBe(200);
    expect(onPage.bytes.equals(fromApi.bytes)).toBe(true);
    const text = onPage.bytes.toString('utf8');
    expect(text.split('\n')[0]).toBe('"Request ID","Result","FIRST_NAME","campaign"');
    for (const id of mine) expect(text).toContain(`"${id}"`);

    // The API reads the request as the form put it.
    const stored = await db().selectFrom('reports').select('params').where('id', '=', reportId!).executeTakeFirstOrThrow();
    expect(stored.params).toMatchObject({
      programIds: [t.demo.programs.student],
      mode: 'ALL',
      start: `${yesterday}T00:00:00.000Z`,
      columns: ['Request ID', 'Result', 'FIRST_NAME'],
      metadataFields: ['campaign'],
    });

    const list = await page('/console/bulk/reports', reporter);
    expect(list.html).toContain(`href="/console/bulk/reports/${reportId}/download"`);
  });

  it('shows a missing or empty date range on the form, and requests nothing', async () => {
    const before = await countOf('reports', t.demo.accountId);
    for (const [fields, message] of [
      [{ startDate: '2026-03-10', endDate: '2026-03-01' }, 'that range is empty'],
      [{ startDate: '', endDate: '2026-03-01' }, 'Enter both a first and a last day'],
      [{ startDate: '2026-02-30', endDate: '2026-03-01' }, 'Enter the days as dates'],
      [{ startDate: '2026-03-01', endDate: '2026-03-02', 'column.Result': '' }, 'Tick at least one column'],
    ] as const) {
      const res = await postForm(
        t.app.url,
        '/console/bulk/reports',
        { _csrf: reporter.csrf, mode: 'LIVE', 'column.Result': 'on', ...fields },
        reporter.cookie,
      );
      const html = await res.text();
      expect([res.status, html.includes(message)]).toEqual([400, true]);
      expect(html).toContain(`value="${fields.endDate}"`);
    }
    expect(await countOf('reports', t.demo.accountId)).toBe(before);
  });
});

describe('who may open the pages', () => {
  it('refuses the roles the API refuses (403), and lets a reporter at the reports only', async () => {
    for (const who of [verifier, viewer]) {
      for (const path of ['/console/bulk', '/console/bulk/batches', '/console/bulk/reports'])
        expect((await page(path, who)).status).toBe(403);
      expect(
        (
          await postForm(
            t.app.url,
            '/console/bulk/reports',
            { _csrf: who.csrf, startDate: '2026-01-01', endDate: '2026-01-02' },
            who.cookie,
          )
        ).status,
      ).toBe(403);
    }
    expect((await page('/console/bulk', reporter)).status).toBe(200);
    expect((await page('/console/bulk', reporter)).html).not.toContain('href="/console/bulk/batches"');
    expect((await page('/console/bulk/batches', reporter)).status).toBe(403);
    expect((await postBatch(reporter, { programId: t.demo.programs.student }, `${mine[0]}\n`)).status).toBe(403);
    expect((await page('/console/bulk', bulk)).html).toContain('href="/console/bulk/batches"');
  });

  it("answers another account's batch and report as unknown (404)", async () => {
    const theirBatch = await api(`${t.app.url}/rest/v2/verification/reverify`, {
      token: other.token,
      body: { programId: other.programs.student, verificationIds: [UNKNOWN] },
    });
    expect(theirBatch.status).toBe(200);
    const { batchId } = theirBatch.json;
    const theirReport = await api(`${t.app.url}/rest/v2/report/reverify/${batchId}`, { token: other.token, method: 'POST' });
    const reportId = theirReport.json.id;
    const before = await countOf('reports', t.demo.accountId);
    expect((await page(`/console/bulk/batches/${batchId}`, bulk)).status).toBe(404);
    expect((await postForm(t.app.url, `/console/bulk/batches/${batchId}/report`, { _csrf: bulk.csrf }, bulk.cookie)).status).toBe(404);
    expect((await page(`/console/bulk/reports/${reportId}`, bulk)).status).toBe(404);
    expect((await page(`/console/bulk/reports/${reportId}/download`, reporter)).status).toBe(404);
    expect((await page('/console/bulk/batches', bulk)).html).not.toContain(batchId);
    expect((await page('/console/bulk/reports', bulk)).html).not.toContain(reportId);
    expect(await countOf('reports', t.demo.accountId)).toBe(before);
  });
});
