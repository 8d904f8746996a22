import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, startTestApp, type TestApp } from '../support/app.ts';
import { TEST_STORE } from '../support/stores.ts';

let app: TestApp;
let A: Awaited<ReturnType<TestApp['bootstrap']>>;
let B: Awaited<ReturnType<TestApp['bootstrap']>>;
beforeAll(async () => {
  app = await startTestApp();
  A = await app.bootstrap();
  B = await app.bootstrap();
});
afterAll(async () => app?.close());

const db = () => app.running.container.store.db;
const countVerifications = async (accountId: string, trackingId: string) =>
  Number((await db().selectFrom('verifications').select((eb) => eb.fn.countAll().as('n'))
    .where('account_id', '=', accountId).where('tracking_id', '=', trackingId).executeTakeFirstOrThrow()).n);
const start = (key: string | undefined, body: unknown, token: string | undefined = A.token) =>
  api(`${app.url}/rest/v2/verification`, { token, body, headers: key === undefined ? {} : { 'idempotency-key': key } });

describe(`Idempotency-Key (${TEST_STORE})`, () => {
  it('50 concurrent requests with one key have exactly one effect, and every answer is that one response', async () => {
    const key = randomUUID();
    const body = { programId: A.programs.student, trackingId: `idem-${key}` };
    const answers = await Promise.all(Array.from({ length: 50 }, () => start(key, body)));
    expect(await countVerifications(A.accountId, body.trackingId)).toBe(1);
    // Each answer is either the stored response (the winner or a replay) or 409 while the winner ran.
    const done = answers.filter((a) => a.status === 200);
    expect(done.length).toBeGreaterThanOrEqual(1);
    expect(answers.every((a) => a.status === 200 || a.status === 409)).toBe(true);
    expect(new Set(done.map((a) => a.json.verificationId)).size).toBe(1);
    for (const busy of answers.filter((a) => a.status === 409)) {
      expect(busy.json).toMatchObject({ currentStep: 'error', errorIds: ['idempotencyKeyInProgress'] });
    }
    // Once finished, a retry replays the first response, byte for byte, and marks it as replayed.
    const first = done.find((a) => a.headers.get('idempotent-replayed') === null)!;
    const again = await start(key, body);
    expect(again.status).toBe(200);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.headers.get('content-type')).toMatch(/application\/json/);
    expect(again.text).toBe(first.text);
    expect(await countVerifications(A.accountId, body.trackingId)).toBe(1);
  });

  it('50 concurrent client requests (Treefort dialect) with one key open one file', async () => {
    const key = randomUUID();
    const ref = `IDEM-${key}`;
    const body = { requesterReferenceId: ref, clients: [{ firstName: 'Ida', lastName: 'Empotent', email: 'ida@example.com', phoneNumber: '+1 604 555 0100' }] };
    const answers = await Promise.all(Array.from({ length: 50 }, () =>
      api(`${app.url}/api/client/create-verification-request`, { token: A.token, body, headers: { 'idempotency-key': key } })));
    const files = await db().selectFrom('case_files').select('id').where('account_id', '=', A.accountId).where('requester_reference_id', '=', ref).execute();
    expect(files).toHaveLength(1);
    expect(answers.every((a) => a.status === 200 || a.status === 409)).toBe(true);
    const busy = answers.find((a) => a.status === 409);
    if (busy) expect(busy.json).toMatchObject({ statusCode: 409, message: 'Conflict', data: null });
    expect(new Set(answers.filter((a) => a.status === 200).map((a) => a.json.data.fileReferenceId))).toEqual(new Set([files[0].id]));
  });

  it('the same key with another body, path or method is refused with 422 in the dialect shape, changing nothing', async () => {
    const key = randomUUID();
    const body = { programId: A.programs.student, trackingId: `idem-diff-${key}` };
    expect((await start(key, body)).status).toBe(200);
    const other = await start(key, { ...body, trackingId: `idem-other-${key}` });
    expect(other.status).toBe(422);
    expect(other.json).toMatchObject({ currentStep: 'error', errorIds: ['idempotencyKeyReused'] });
    expect(await countVerifications(A.accountId, `idem-other-${key}`)).toBe(0);

    const elsewhere = await api(`${app.url}/manage/v1/programs`, {
      token: A.token, headers: { 'idempotency-key': key }, body: { name: `P ${key}`, segment: 'student', testMode: true },
    });
    expect(elsewhere.status).toBe(422);
    expect(elsewhere.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(elsewhere.json).toMatchObject({ status: 422, title: 'idempotencyKeyReused' });
    expect(await db().selectFrom('programs').select('id').where('name', '=', `P ${key}`).execute()).toHaveLength(0);
  });

  it('keys are per account: another account using the same key gets its own effect', async () => {
    const key = randomUUID();
    const a = await start(key, { programId: A.programs.student, trackingId: `shared-${key}` });
    const b = await start(key, { programId: B.programs.student, trackingId: `shared-${key}` }, B.token);
    expect(a.status).toBe(200);
    expect(b.status).toBe(200);
    expect(b.headers.get('idempotent-replayed')).toBeNull();
    expect(b.json.verificationId).not.toBe(a.json.verificationId);
    expect(await countVerifications(B.accountId, `shared-${key}`)).toBe(1);
  });

  it('an error answer is stored and replayed too; requests without a key are not affected', async () => {
    const key = randomUUID();
    const bad = { programId: 'ffffffffffffffffffffffff', trackingId: `missing-${key}` };
    const first = await start(key, bad);
    expect(first.status).toBe(404);
    const again = await start(key, bad);
    expect(again.status).toBe(404);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.text).toBe(first.text);

    const body = { programId: A.programs.student, trackingId: `nokey-${key}` };
    await start(undefined, body);
    await start(undefined, body);
    expect(await countVerifications(A.accountId, body.trackingId)).toBe(2);
  });

  it('end users without a token: the key alone scopes the request', async () => {
    const key = randomUUID();
    const body = { programId: A.programs.student, trackingId: `anon-${key}` };
    const answers = await Promise.all(Array.from({ length: 10 }, () => start(key, body, undefined)));
    expect(answers.every((a) => a.status === 200 || a.status === 409)).toBe(true);
    expect(await countVerifications(A.accountId, body.trackingId)).toBe(1);
  });

  it('a malformed key is a 400 in the dialect shape', async () => {
    const r = await api(`${app.url}/api/client/create-verification-request`, {
      token: A.token, headers: { 'idempotency-key': 'x'.repeat(300) }, body: { requesterReferenceId: 'never', clients: [] },
    });
    expect(r.status).toBe(400);
    expect(r.json).toMatchObject({ statusCode: 400, message: 'Bad Request' });
    expect(await db().selectFrom('case_files').select('id').where('requester_reference_id', '=', 'never').execute()).toHaveLength(0);
  });

  it('a key older than 24 hours is forgotten by the sweep and can be used again', async () => {
    const key = randomUUID();
    const body = { programId: A.programs.student, trackingId: `old-${key}` };
    expect((await start(key, body)).status).toBe(200);
    await db().updateTable('idempotency_keys').set({ created_at: new Date(Date.now() - 25 * 3600_000) }).where('key', '=', key).execute();
    const { sweepIdempotencyKeys } = await import('../../src/platform/http/idempotency.ts');
    expect(await sweepIdempotencyKeys(db(), app.running.container.clock, 24)).toBeGreaterThanOrEqual(1);
    const again = await start(key, body);
    expect(again.headers.get('idempotent-replayed')).toBeNull();
    expect(await countVerifications(A.accountId, body.trackingId)).toBe(2);
  });

  it('the OpenAPI document announces the header on the POSTs that honour it', async () => {
    const doc = (await api(`${app.url}/openapi.json`)).json;
    const header = (op: { parameters?: { in: string; name: string }[] }) => op.parameters?.find((p) => p.in === 'header' && p.name === 'idempotency-key');
    expect(header(doc.paths['/rest/v2/verification'].post)).toBeDefined();
    expect(header(doc.paths['/api/client/create-verification-request'].post)).toBeDefined();
    expect(header(doc.paths['/rest/v2/oauth/token'].post)).toBeUndefined();
    expect(header(doc.paths['/manage/v1/programs'].get)).toBeUndefined();
  });

  it('the stored response is encrypted at rest', async () => {
    const key = randomUUID();
    const r = await start(key, { programId: A.programs.student, trackingId: `enc-${key}` });
    const row = await db().selectFrom('idempotency_keys').selectAll().where('key', '=', key).executeTakeFirstOrThrow();
    expect(row.state).toBe('complete');
    expect(row.body_enc).not.toContain(r.json.verificationId);
  });
});
