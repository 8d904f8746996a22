import { beforeAll, describe, expect, it } from 'vitest';
import { FIXED_COLUMNS } from '../../src/modules/eligibility-reports/index.ts';
import { api, useTestApp } from '../support/app.ts';
import { until } from '../support/wait.ts';

// A small daily limit, so that its refusal is reached with a few ids; the other cases stay under it.
const DAILY_LIMIT = 40;
const t = useTestApp({ REVERIFY_DAILY_LIMIT: String(DAILY_LIMIT) });

const csv = (url: string, token: string, text: string) =>
  api(url, { method: 'POST', raw: text, token, headers: { 'content-type': 'text/csv' } });
const year = new Date().getUTCFullYear();
const ROSTER = 'organizationId,firstName,lastName,birthDate,email,affiliation,statusStartDate,statusEndDate';
const line = (org: number, first: string, last: string, birth: string) =>
  `${org},${first},${last},${birth},,STUDENT_FULL_TIME,${year - 1}-01-01,${year + 1}-12-31`;

describe('bulk re-verification and its report, as in the seed', () => {
  let programId: string;
  let org: number;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    org = (await csv(`${t.app.url}/manage/v1/organizations/import`, t.demo.token, 'name,type\nNorthwind University,UNIVERSITY\n')).json
      .organizations[0].id;
    await csv(
      `${t.app.url}/manage/v1/roster/import`,
      t.demo.token,
      [
        ROSTER,
        line(org, 'Ann', 'Able', '2001-02-03'),
        line(org, 'Ben', 'Baker', '2002-03-04'),
        line(org, 'Cid', 'Cole', '2003-04-05'),
      ].join('\n'),
    );
    programId = (
      await api(`${t.app.url}/manage/v1/programs`, {
        token: t.demo.token,
        body: { name: 'Reverify me', segment: 'student', testMode: false, staticCode: 'RV' },
      })
    ).json.id;
    for (const [first, last, birth, meta] of [
      ['Ann', 'Able', '2001-02-03', { foo: 'bar' }],
      ['Ben', 'Baker', '2002-03-04', { templateId: '=HYPERLINK("x")' }],
      ['Cid', 'Cole', '2003-04-05', undefined],
      ['Dee', 'Dunn', '2004-05-06', undefined],
    ] as const) {
      const created = await api(`${t.app.url}/rest/v2/verification`, { body: { programId, ...(meta ? { metadata: meta } : {}) } });
      const r = await api(created.json.submissionUrl, {
        body: {
          firstName: first,
          lastName: last,
          birthDate: birth,
          email: `${first.toLowerCase()}@example.com`,
          organization: { id: org, name: 'Northwind' },
        },
      });
      ids[first] = created.json.verificationId;
      expect(r.json.currentStep).toBe(first === 'Dee' ? 'docUpload' : 'success');
    }
    // Ben leaves the roster.
    await csv(
      `${t.app.url}/manage/v1/roster/import?replace=true`,
      t.demo.token,
      [ROSTER, line(org, 'Ann', 'Able', '2001-02-03'), line(org, 'Cid', 'Cole', '2003-04-05')].join('\n'),
    );
  });

  it('creates a batch, completes it, and produces the CSV report; originals stay untouched', async () => {
    const original = await api(`${t.app.url}/rest/v2/verification/${ids.Ben}`);
    const unknown = 'abcdefabcdefabcdefabcdef';
    const created = await api(`${t.app.url}/rest/v2/verification/reverify`, {
      token: t.demo.token,
      body: { programId, verificationIds: [ids.Ann, ids.Ben, ids.Cid, ids.Dee, unknown] },
    });
    expect(created.status).toBe(200);
    const { batchId } = created.json;
    expect(batchId).toMatch(/^[0-9a-f]{32}$/);
    expect(created.json).toEqual({
      batchId,
      statusUrl: `${t.app.url}/rest/v2/verification/reverify/${batchId}`,
      reportUrl: `${t.app.url}/rest/v2/report/reverify/${batchId}`,
    });

    const status = await until(
      () => api(created.json.statusUrl, { token: t.demo.token }),
      (r) => r.json.status === 'COMPLETE',
    );
    expect(status.json).toEqual({ batchId, created: expect.any(Number), status: 'COMPLETE', totalRecords: 5, recordsProcessed: 5 });

    const report = await api(created.json.reportUrl, { token: t.demo.token, method: 'POST' });
    expect(report.status).toBe(200);
    expect(report.json).toEqual({
      id: expect.stringMatching(/^[0-9a-f]{24}$/),
      status: 'PENDING',
      statusUrl: `${t.app.url}/rest/v2/report/${report.json.id}/status`,
      retrievalUrl: null,
      requester: expect.stringMatching(/^[0-9a-f]{24}$/),
      created: expect.any(Number),
    });
    const ready = await until(
      () => api(report.json.statusUrl, { token: t.demo.token }),
      (r) => r.json.status === 'COMPLETE',
    );
    expect(ready.json).toMatchObject({
      id: report.json.id,
      status: 'COMPLETE',
      retrievalUrl: `${t.app.url}/rest/v2/report/${report.json.id}`,
    });

    const download = await fetch(ready.json.retrievalUrl, { headers: { authorization: `Bearer ${t.demo.token}` } });
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toContain('text/csv');
    const text = await download.text();
    const rows = text.trimEnd().split('\n');
    expect(rows[0]).toBe([...FIXED_COLUMNS, 'foo', 'templateId'].map((c) => `"${c}"`).join(','));
    expect(rows).toHaveLength(6);
    const col = (row: string, name: string) => {
      const cells = row.match(/("(?:[^"]|"")*"|[^,]*)(,|$)/g)!.map((c) => c.replace(/,$/, ''));
      return cells[[...FIXED_COLUMNS, 'foo', 'templateId'].indexOf(name)];
    };
    expect(rows.slice(1).map((r) => col(r, 'Request ID'))).toEqual([ids.Ann, ids.Ben, ids.Cid, ids.Dee, unknown].map((i) => `"${i}"`));
    expect(rows.slice(1).map((r) => col(r, 'Result'))).toEqual(['"true"', '"false"', '"true"', '"false"', '']);
    expect(col(rows[1], 'Status')).toBe('"COMPLETE"');
    expect(col(rows[1], 'FIRST_NAME')).toBe('"Ann"');
    expect(col(rows[1], 'BIRTH_DATE')).toBe('"2001-2-3"');
    expect(col(rows[1], 'foo')).toBe('"bar"');
    expect(col(rows[2], 'templateId')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(col(rows[1], 'Data Updated Date')).toBe('""');
    expect(col(rows[5], 'ErrorCodes')).toBe('"NOT_FOUND"');
    expect(col(rows[1], 'Program Name')).toBe('"Reverify me"');

    expect(await api(`${t.app.url}/rest/v2/verification/${ids.Ben}`)).toMatchObject({ json: original.json });
    const linked = await t.app.running.container.store.db
      .selectFrom('verifications')
      .select(['reverify_of', 'current_step'])
      .where('reverify_batch_id', '=', batchId)
      .orderBy('reverify_of')
      .execute();
    expect(linked).toHaveLength(4);
    expect(new Set(linked.map((l) => l.reverify_of))).toEqual(new Set([ids.Ann, ids.Ben, ids.Cid, ids.Dee]));

    // Each re-verification carries its original's person, metadata and tracking, and one step of its own.
    const db = t.app.running.container.store.db;
    const copied = [
      'segment',
      'sub_segment',
      'locale',
      'country',
      'test_mode',
      'tracking_id',
      'metadata_enc',
      'person_enc',
      'person_id',
    ] as const;
    const fresh = await db
      .selectFrom('verifications')
      .select(['id', 'reverify_of', 'current_step', 'error_ids', ...copied])
      .where('reverify_batch_id', '=', batchId)
      .execute();
    for (const n of fresh) {
      const o = await db.selectFrom('verifications').select(copied).where('id', '=', n.reverify_of!).executeTakeFirstOrThrow();
      expect(Object.fromEntries(copied.map((k) => [k, n[k]]))).toEqual(o);
      const steps = await db.selectFrom('verification_steps').select(['step', 'response']).where('verification_id', '=', n.id).execute();
      expect(steps).toEqual([
        {
          step: n.current_step,
          response: { verificationId: n.id, currentStep: n.current_step, errorIds: n.error_ids, reverifyOf: n.reverify_of },
        },
      ]);
    }
  });

  it('refuses other roles, bad input and another account, creating nothing', async () => {
    const count = async () =>
      Number(
        (
          await t.app.running.container.store.db
            .selectFrom('reverify_batches')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await count();
    const verifier = (await api(`${t.app.url}/manage/v1/tokens`, { token: t.demo.token, body: { name: 'v', roles: ['VERIFIER'] } })).json
      .token;
    const forbidden = await api(`${t.app.url}/rest/v2/verification/reverify`, {
      token: verifier,
      body: { programId, verificationIds: [ids.Ann] },
    });
    expect(forbidden.status).toBe(403);
    expect(forbidden.json).toMatchObject({ currentStep: 'error', errorIds: ['unauthorizedRequest'] });
    for (const body of [
      { programId, verificationIds: [] },
      { programId },
      { programId, verificationIds: ['xyz'] },
      { programId, verificationIds: Array.from({ length: 100_001 }, () => ids.Ann) },
      { programId, verificationIds: [ids.Ann], extra: 1 },
    ]) {
      const r = await api(`${t.app.url}/rest/v2/verification/reverify`, { token: t.demo.token, body });
      expect(r.status).toBe(400);
      expect(r.json.currentStep).toBe('error');
    }
    const other = await t.app.bootstrap();
    const cross = await api(`${t.app.url}/rest/v2/verification/reverify`, {
      token: other.token,
      body: { programId, verificationIds: [ids.Ann] },
    });
    expect(cross.status).toBe(404);
    expect(cross.json.errorIds).toEqual(['noProgram']);
    expect(await count()).toBe(before);
    expect((await api(`${t.app.url}/rest/v2/report/reverify/${'0'.repeat(32)}`, { token: t.demo.token, method: 'POST' })).status).toBe(404);
  });

  it('refuses a batch that would take the account past its daily limit (reverificationDailyLimitExceeded), keeping nothing of it', async () => {
    const other = await t.app.bootstrap();
    const batch = (n: number) =>
      api(`${t.app.url}/rest/v2/verification/reverify`, {
        token: other.token,
        body: { programId: other.programs.student, verificationIds: Array.from({ length: n }, (_, i) => i.toString(16).padStart(24, '0')) },
      });
    /** Waits for an accepted batch to be processed, so that nothing is left running when the server stops. */
    const completed = async (r: Awaited<ReturnType<typeof batch>>) => {
      expect(r.status, r.text).toBe(200);
      const done = await until(
        () => api(r.json.statusUrl, { token: other.token }),
        (s) => s.json.status === 'COMPLETE',
      );
      expect(done.json.status).toBe('COMPLETE');
    };
    await completed(await batch(DAILY_LIMIT - 5));
    const over = await batch(6);
    expect(over.status, over.text).toBe(429);
    expect(over.json).toMatchObject({ currentStep: 'error', errorIds: ['reverificationDailyLimitExceeded'] });
    // The refused batch counts for nothing: the day's rest still fits.
    await completed(await batch(5));
    expect((await batch(1)).json.errorIds).toEqual(['reverificationDailyLimitExceeded']);
  });

  it("reports an account's verifications over a date range", async () => {
    const r = await api(`${t.app.url}/rest/v2/report/verification`, {
      token: t.demo.token,
      body: { format: 'CSV', programIds: [programId] },
    });
    expect(r.json.status).toBe('PENDING');
    const ready = await until(
      () => api(r.json.statusUrl, { token: t.demo.token }),
      (s) => s.json.status === 'COMPLETE',
    );
    const text = await (await fetch(ready.json.retrievalUrl, { headers: { authorization: `Bearer ${t.demo.token}` } })).text();
    const rows = text.trimEnd().split('\n');
    expect(rows[0].startsWith('"Request ID","Request Timestamp"')).toBe(true);
    expect(rows.length).toBe(1 + 4 + 4); // the four verifications and their four re-verifications
    expect((await api(`${t.app.url}/rest/v2/report/verification`, { token: t.demo.token, body: { format: 'PDF' } })).status).toBe(400);
  });

  it('holds only the columns a request chose (standardFields, personFields, metadataFields), and refuses a heading of no column', async () => {
    const request = (body: Record<string, unknown>) =>
      api(`${t.app.url}/rest/v2/report/verification`, { token: t.demo.token, body: { format: 'CSV', programIds: [programId], ...body } });
    const r = await request({
      standardFields: ['Result', 'Request ID'],
      personFields: ['FIRST_NAME'],
      metadataFields: ['campaign'],
    });
    expect(r.json.status, r.text).toBe('PENDING');
    const ready = await until(
      () => api(r.json.statusUrl, { token: t.demo.token }),
      (s) => s.json.status === 'COMPLETE',
    );
    const text = await (await fetch(ready.json.retrievalUrl, { headers: { authorization: `Bearer ${t.demo.token}` } })).text();
    const rows = text.trimEnd().split('\n');
    // In the report's own order, whatever the order asked; a chosen metadata key has its column, found or not.
    expect(rows[0]).toBe('"Request ID","Result","FIRST_NAME","campaign"');
    expect(rows.length).toBeGreaterThan(1);
    for (const row of rows.slice(1)) expect(row.split(',').length).toBe(4);

    const before = await t.app.running.container.store.db.selectFrom('reports').select('id').execute();
    for (const [body, message] of [
      [{ standardFields: ['FIRST_NAME'] }, "standardFields: 'FIRST_NAME'"],
      [{ personFields: ['Nope'] }, "personFields: 'Nope'"],
      [{ standardFields: [] }, 'name no column'],
      [{ metadataFields: 'campaign' }, 'metadataFields must be a list'],
    ] as const) {
      const refused = await request(body);
      expect(refused.status, JSON.stringify(body)).toBe(400);
      expect(refused.text).toContain(message);
    }
    expect(await t.app.running.container.store.db.selectFrom('reports').select('id').execute()).toHaveLength(before.length);
  });
});

describe('re-verification bodies refused by their schema, storing nothing', () => {
  it('names an unknown property, a missing list, the first bad id by its place, and a list over the limit before its ids', async () => {
    const programId = t.demo.programs.student;
    const batches = async () =>
      (
        await t.app.running.container.store.db
          .selectFrom('reverify_batches')
          .select('id')
          .where('account_id', '=', t.demo.accountId)
          .execute()
      ).length;
    const before = await batches();
    const send = (body: unknown) => api(`${t.app.url}/rest/v2/verification/reverify`, { token: t.demo.token, body });
    const refusal = (r: Awaited<ReturnType<typeof send>>, message: string) => {
      expect(r.status, r.text).toBe(400);
      expect(r.json).toMatchObject({ currentStep: 'error', errorIds: ['invalidRequest'], systemErrorMessage: message });
    };
    const id = 'a'.repeat(24);
    refusal(
      await send({ programId, verificationIds: [id], notify: true }),
      "Unexpected property 'notify', expected one of: programId, verificationIds",
    );
    refusal(await send({ programId, verificationIds: 'all' }), 'Missing program ID or verification IDs');
    refusal(await send({ programId: 5, verificationIds: [id] }), 'Missing program ID or verification IDs');
    refusal(
      await send({ programId, verificationIds: [id, 'A'.repeat(24)] }),
      `verificationIds[1] must be 24 hexadecimal characters, got "${'A'.repeat(24)}"`,
    );
    refusal(await send({ programId, verificationIds: [id, 7] }), 'verificationIds[1] must be 24 hexadecimal characters, got 7');
    refusal(
      await send({ programId, verificationIds: [...Array.from({ length: 100_000 }, () => id), 'x'] }),
      'At most 100000 verification IDs per batch, got 100001',
    );
    expect(await batches()).toBe(before);
  });
});
