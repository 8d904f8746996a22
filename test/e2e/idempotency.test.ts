import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, startTestApp, type TestApp } from '../support/app.ts';
import { VALID_BODIES } from '../support/bodies.ts';
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
/** What a POST route declares for Idempotency-Key in its rails. */
const declaredUse = (path: string) =>
  app.running.app.declaredRoutes().find((r) => r.method === 'POST' && r.url === path)?.rails.idempotency;
const countVerifications = async (accountId: string, trackingId: string) =>
  Number(
    (
      await db()
        .selectFrom('verifications')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('account_id', '=', accountId)
        .where('tracking_id', '=', trackingId)
        .executeTakeFirstOrThrow()
    ).n,
  );
const start = (key: string | undefined, body: unknown, token: string | undefined = A.token) =>
  api(`${app.url}/rest/v2/verification`, { token, body, headers: key === undefined ? {} : { 'idempotency-key': key } });
/** An end user's start, without a token (`start` with `undefined` would fall back to A's token). */
const startAnonymously = (key: string | undefined, body: unknown) =>
  api(`${app.url}/rest/v2/verification`, { body, headers: key === undefined ? {} : { 'idempotency-key': key } });
const storedKeys = async (key: string) =>
  Number(
    (
      await db()
        .selectFrom('idempotency_keys')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('key', '=', key)
        .executeTakeFirstOrThrow()
    ).n,
  );
const newToken = async (roles: string[]) => {
  const r = await api(`${app.url}/manage/v1/tokens`, { token: A.token, body: { name: `idem ${randomUUID()}`, roles } });
  expect(r.status).toBe(201);
  return r.json.token as string;
};

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
    const body = {
      requesterReferenceId: ref,
      clients: [{ firstName: 'Ida', lastName: 'Empotent', email: 'ida@example.com', phoneNumber: '+1 604 555 0100' }],
    };
    const answers = await Promise.all(
      Array.from({ length: 50 }, () =>
        api(`${app.url}/api/client/create-verification-request`, { token: A.token, body, headers: { 'idempotency-key': key } }),
      ),
    );
    const files = await db()
      .selectFrom('case_files')
      .select('id')
      .where('account_id', '=', A.accountId)
      .where('requester_reference_id', '=', ref)
      .execute();
    expect(files).toHaveLength(1);
    expect(answers.every((a) => a.status === 200 || a.status === 409)).toBe(true);
    const busy = answers.find((a) => a.status === 409);
    if (busy) expect(busy.json).toMatchObject({ statusCode: 409, message: 'Conflict', data: null });
    expect(new Set(answers.filter((a) => a.status === 200).map((a) => a.json.data.fileReferenceId))).toEqual(new Set([files[0].id]));
  });

  it('a retry while the first request with its key still runs gets 409 in the dialect shape, changing nothing', async () => {
    // The first request's row is put back to `running`, as a request still in flight (or cut off by a crash) leaves it.
    const running = async (key: string) => {
      await db()
        .updateTable('idempotency_keys')
        .set({ state: 'running', status: null, headers: null, body_enc: null })
        .where('key', '=', key)
        .execute();
    };
    const key = randomUUID();
    const body = { programId: A.programs.student, trackingId: `idem-busy-${key}` };
    expect((await start(key, body)).status).toBe(200);
    await running(key);
    const busy = await start(key, body);
    expect(busy.status).toBe(409);
    expect(busy.json).toMatchObject({ currentStep: 'error', errorIds: ['idempotencyKeyInProgress'] });
    expect(await countVerifications(A.accountId, body.trackingId)).toBe(1);

    const fileKey = randomUUID();
    const ref = `IDEM-BUSY-${fileKey}`;
    const file = {
      requesterReferenceId: ref,
      clients: [{ firstName: 'Ida', lastName: 'Empotent', email: 'ida@example.com', phoneNumber: '+1 604 555 0100' }],
    };
    const create = () =>
      api(`${app.url}/api/client/create-verification-request`, { token: A.token, body: file, headers: { 'idempotency-key': fileKey } });
    expect((await create()).status).toBe(200);
    await running(fileKey);
    const busyFile = await create();
    expect(busyFile.status).toBe(409);
    expect(busyFile.json).toMatchObject({ statusCode: 409, message: 'Conflict', data: null });
    const files = await db()
      .selectFrom('case_files')
      .select('id')
      .where('account_id', '=', A.accountId)
      .where('requester_reference_id', '=', ref)
      .execute();
    expect(files).toHaveLength(1);
  });

  it('a key left running by a request that died is taken over by the same request once its lease has ended', async () => {
    const key = randomUUID();
    const body = { programId: A.programs.student, trackingId: `idem-dead-${key}` };
    expect((await start(key, body)).status).toBe(200);
    // As a request killed with its process leaves it: still running, claimed longer ago than the lease (5 minutes).
    await db()
      .updateTable('idempotency_keys')
      .where('key', '=', key)
      .set({ state: 'running', status: null, headers: null, body_enc: null, created_at: new Date(Date.now() - 301_000) })
      .execute();
    // Another request with the key is still refused ...
    const other = await start(key, { ...body, trackingId: `idem-dead-other-${key}` });
    expect(other.status).toBe(422);
    // ... the same one runs again, and its answer is the key's from then on.
    const rerun = await start(key, body);
    expect(rerun.status).toBe(200);
    expect(rerun.headers.get('idempotent-replayed')).toBeNull();
    const again = await start(key, body);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.text).toBe(rerun.text);
    // A creation run again creates again: here the dead request's verification had been committed.
    expect(await countVerifications(A.accountId, body.trackingId)).toBe(2);
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
      token: A.token,
      headers: { 'idempotency-key': key },
      body: { name: `P ${key}`, segment: 'student', testMode: true },
    });
    expect(elsewhere.status).toBe(422);
    expect(elsewhere.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(elsewhere.json).toMatchObject({ status: 422, title: 'idempotencyKeyReused' });
    expect(await db().selectFrom('programs').select('id').where('name', '=', `P ${key}`).execute()).toHaveLength(0);
  });

  /** One route of each dialect that honours the key, a body its schema takes and one it refuses, and what either leaves behind. */
  const DIALECTS = [
    {
      dialect: 'eligibility',
      send: (key: string, body: unknown) => start(key, body),
      valid: (id: string) => ({ programId: A.programs.student, trackingId: `idem-schema-${id}` }),
      refused: (id: string) => ({ programId: 7, trackingId: `idem-schema-${id}` }),
      created: (id: string) => countVerifications(A.accountId, `idem-schema-${id}`),
      refusal: { status: 400, type: /application\/json/, body: { currentStep: 'error', errorIds: ['invalidRequest'] } },
      reused: { status: 422, type: /application\/json/, body: { currentStep: 'error', errorIds: ['idempotencyKeyReused'] } },
    },
    {
      dialect: 'client requests',
      send: (key: string, body: unknown) =>
        api(`${app.url}/api/client/create-verification-request`, { token: A.token, body, headers: { 'idempotency-key': key } }),
      valid: (id: string) => ({
        requesterReferenceId: `IDEM-SCHEMA-${id}`,
        clients: [{ firstName: 'Ida', lastName: 'Empotent', email: 'ida@example.com', phoneNumber: '+1 604 555 0100' }],
      }),
      refused: (id: string) => ({ requesterReferenceId: `IDEM-SCHEMA-${id}`, clients: [] }),
      created: async (id: string) =>
        (
          await db()
            .selectFrom('case_files')
            .select('id')
            .where('account_id', '=', A.accountId)
            .where('requester_reference_id', '=', `IDEM-SCHEMA-${id}`)
            .execute()
        ).length,
      refusal: {
        status: 400,
        type: /application\/json/,
        body: { statusCode: 400, message: 'Bad Request', data: null, errors: ['clients must be a non-empty array'] },
      },
      reused: { status: 422, type: /application\/json/, body: { statusCode: 422, message: 'Unprocessable Entity', data: null } },
    },
    {
      dialect: 'management',
      send: (key: string, body: unknown) =>
        api(`${app.url}/manage/v1/programs`, { token: A.token, body, headers: { 'idempotency-key': key } }),
      valid: (id: string) => ({ name: `Schema ${id}`, segment: 'student', testMode: true, offerType: 'staticCode', staticCode: 'SCHEMA' }),
      refused: (id: string) => ({ name: `Schema ${id}`, segment: 'student', maxAge: 'old' }),
      created: async (id: string) => (await db().selectFrom('programs').select('id').where('name', '=', `Schema ${id}`).execute()).length,
      refusal: { status: 400, type: /application\/problem\+json/, body: { status: 400, title: 'invalidRequest' } },
      reused: { status: 422, type: /application\/problem\+json/, body: { status: 422, title: 'idempotencyKeyReused' } },
    },
  ];

  it.each(DIALECTS)(
    '$dialect: a key reused with a body the schema refuses is 422 in the dialect (the key is checked before the body)',
    async ({ send, valid, refused, created, reused }) => {
      const key = randomUUID();
      const first = await send(key, valid(key));
      expect(first.status).toBeLessThan(300);
      expect(await created(key)).toBe(1);
      const other = await send(key, refused(key));
      expect(other.status).toBe(reused.status);
      expect(other.headers.get('content-type')).toMatch(reused.type);
      expect(other.json).toMatchObject(reused.body);
      expect(other.headers.get('idempotent-replayed')).toBeNull();
      // The first answer is still the key's.
      const again = await send(key, valid(key));
      expect(again.headers.get('idempotent-replayed')).toBe('true');
      expect(again.text).toBe(first.text);
      expect(await created(key)).toBe(1);
    },
  );

  it.each(DIALECTS)(
    '$dialect: a body the schema refuses, sent with a key, is answered in the dialect, stored under the key and replayed; nothing is created',
    async ({ send, refused, created, refusal }) => {
      const key = randomUUID();
      const first = await send(key, refused(key));
      expect(first.status).toBe(refusal.status);
      expect(first.headers.get('content-type')).toMatch(refusal.type);
      expect(first.json).toMatchObject(refusal.body);
      expect(first.headers.get('idempotent-replayed')).toBeNull();
      expect(await storedKeys(key)).toBe(1);
      const again = await send(key, refused(key));
      expect(again.status).toBe(refusal.status);
      expect(again.headers.get('idempotent-replayed')).toBe('true');
      expect(again.headers.get('content-type')).toMatch(refusal.type);
      expect(again.text).toBe(first.text);
      expect(await created(key)).toBe(0);
    },
  );

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

  it('without a token the header is ignored where the path carries no capability: two callers never share an answer', async () => {
    const key = randomUUID();
    const body = { programId: A.programs.student, trackingId: `anon-${key}` };
    const first = await startAnonymously(key, body);
    const second = await startAnonymously(key, body);
    expect(first.status).toBe(200);
    expect(second.status).toBe(200);
    expect(second.headers.get('idempotent-replayed')).toBeNull();
    expect(second.json.verificationId).not.toBe(first.json.verificationId);
    expect(await countVerifications(A.accountId, body.trackingId)).toBe(2);
    expect(await storedKeys(key)).toBe(0);
  });

  it('without a token a step submission is scoped by the verification in its path', async () => {
    const key = randomUUID();
    const v1 = (await startAnonymously(undefined, { programId: A.programs.student })).json.verificationId;
    const v2 = (await startAnonymously(undefined, { programId: A.programs.student })).json.verificationId;
    const submit = (vid: string) =>
      api(`${app.url}/rest/v2/verification/${vid}/step/collectStudentPersonalInfo`, {
        body: VALID_BODIES.collectStudentPersonalInfo,
        headers: { 'idempotency-key': key },
      });
    const first = await submit(v1);
    expect(first.status).toBeLessThan(500);
    const again = await submit(v1);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.text).toBe(first.text);
    // The same key on another verification is that verification's own key: it runs (no 422, no replay).
    const other = await submit(v2);
    expect(other.status).toBe(first.status);
    expect(other.headers.get('idempotent-replayed')).toBeNull();
    expect(other.json.verificationId).toBe(v2);
    expect(await storedKeys(key)).toBe(2);
  });

  it('keys are per token: another token of the same account never gets a stored answer, its own request runs', async () => {
    const key = randomUUID();
    const program = { name: `Per token ${key}`, segment: 'student', testMode: true, offerType: 'staticCode', staticCode: 'PER-TOKEN' };
    const byAdmin = await api(`${app.url}/manage/v1/programs`, { token: A.token, body: program, headers: { 'idempotency-key': key } });
    expect(byAdmin.status).toBe(201);
    // A VERIFIER repeating the ADMIN's key and body is refused by the route's own role check, not handed the answer.
    const verifier = await newToken(['VERIFIER']);
    const byVerifier = await api(`${app.url}/manage/v1/programs`, { token: verifier, body: program, headers: { 'idempotency-key': key } });
    expect(byVerifier.status).toBe(403);
    expect(byVerifier.headers.get('idempotent-replayed')).toBeNull();
    expect(byVerifier.text).not.toContain(byAdmin.json.id);
    expect(await db().selectFrom('programs').select('id').where('name', '=', program.name).execute()).toHaveLength(1);

    // Two tokens allowed to run the request each get their own effect.
    const other = randomUUID();
    const body = { programId: A.programs.student, trackingId: `per-token-${other}` };
    const a = await start(other, body);
    const b = await start(other, body, verifier);
    expect(b.status).toBe(200);
    expect(b.headers.get('idempotent-replayed')).toBeNull();
    expect(b.json.verificationId).not.toBe(a.json.verificationId);
    expect(await countVerifications(A.accountId, body.trackingId)).toBe(2);
  });

  it('an OAuth access token is scoped by its client: a retry with a renewed access token replays', async () => {
    const client = await api(`${app.url}/manage/v1/oauth-clients`, {
      token: A.token,
      body: { name: `idem ${randomUUID()}`, roles: ['VERIFIER'] },
    });
    expect(client.status).toBe(201);
    const exchange = async () =>
      (
        await api(`${app.url}/rest/v2/oauth/token`, {
          raw: new URLSearchParams({
            grant_type: 'client_credentials',
            client_id: client.json.clientId,
            client_secret: client.json.clientSecret,
          }).toString(),
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
        })
      ).json.access_token as string;
    const [t1, t2] = [await exchange(), await exchange()];
    expect(t1).not.toBe(t2);
    const key = randomUUID();
    const body = { programId: A.programs.student, trackingId: `oauth-${key}` };
    const first = await start(key, body, t1);
    const retry = await start(key, body, t2);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(retry.json.verificationId).toBe(first.json.verificationId);
    // The account's static token is another caller.
    const mine = await start(key, body);
    expect(mine.headers.get('idempotent-replayed')).toBeNull();
    expect(await countVerifications(A.accountId, body.trackingId)).toBe(2);
  });

  it('routes that answer with a secret refuse the header (400 problem+json), create nothing and store nothing', async () => {
    const key = randomUUID();
    const name = `secret ${key}`;
    const calls: [string, unknown][] = [
      ['/manage/v1/tokens', { name, roles: ['ADMIN'] }],
      ['/manage/v1/oauth-clients', { name, roles: ['ADMIN'] }],
      ['/manage/v1/webhooks', { url: 'https://hooks.example.com/vouch', eventTypes: ['verification.completed'], description: name }],
    ];
    for (const [path, body] of calls) {
      const r = await api(`${app.url}${path}`, { token: A.token, body, headers: { 'idempotency-key': key } });
      expect(r.status, path).toBe(400);
      expect(r.headers.get('content-type')).toMatch(/application\/problem\+json/);
      expect(r.json.detail).toMatch(/Idempotency-Key/);
    }
    expect(await db().selectFrom('api_tokens').select('id').where('name', '=', name).execute()).toHaveLength(0);
    expect(await db().selectFrom('oauth_clients').select('id').where('name', '=', name).execute()).toHaveLength(0);
    expect(await db().selectFrom('webhook_endpoints').select('id').where('description', '=', name).execute()).toHaveLength(0);
    expect(await storedKeys(key)).toBe(0);
  });

  it('read-only POSTs ignore the header: nothing is stored, every call is answered afresh', async () => {
    const created = await api(`${app.url}/api/client/create-verification-request`, {
      token: A.token,
      body: {
        requesterReferenceId: `READ-${randomUUID()}`,
        clients: [{ firstName: 'Rea', lastName: 'Donly', email: 'rea@example.com', phoneNumber: '+1 604 555 0101' }],
      },
    });
    expect(created.status).toBe(200);
    const file = created.json.data;
    const clientRequestId = file.requests[0].clientRequestId;
    const reads: [string, unknown, string | undefined][] = [
      ['/api/client/verification-details', { clientRequestId }, A.token],
      ['/api/client/verification-report', { clientRequestId }, A.token],
      ['/api/client/report-info', { clientRequestId }, A.token],
      ['/api/casefile/details', { fileReferenceId: file.fileReferenceId }, A.token],
      ['/api/casefile/events', { fileReferenceId: file.fileReferenceId }, A.token],
      ['/api/casefile/transaction', { transactionKey: file.transactionKey }, undefined],
    ];
    for (const [path, body, token] of reads) {
      expect(declaredUse(path), path).toBe('read');
      const key = randomUUID();
      const first = await api(`${app.url}${path}`, { token, body, headers: { 'idempotency-key': key } });
      const again = await api(`${app.url}${path}`, { token, body, headers: { 'idempotency-key': key } });
      expect(first.status, path).toBeLessThan(500);
      expect(again.status, path).toBe(first.status);
      expect(again.headers.get('idempotent-replayed'), path).toBeNull();
      expect(await storedKeys(key), path).toBe(0);
    }
  });

  it('a malformed key is a 400 in the dialect shape', async () => {
    const r = await api(`${app.url}/api/client/create-verification-request`, {
      token: A.token,
      headers: { 'idempotency-key': 'x'.repeat(300) },
      body: { requesterReferenceId: 'never', clients: [] },
    });
    expect(r.status).toBe(400);
    expect(r.json).toMatchObject({ statusCode: 400, message: 'Bad Request' });
    expect(await db().selectFrom('case_files').select('id').where('requester_reference_id', '=', 'never').execute()).toHaveLength(0);
  });

  it('a key older than 24 hours is forgotten by the sweep and can be used again', async () => {
    const key = randomUUID();
    const body = { programId: A.programs.student, trackingId: `old-${key}` };
    expect((await start(key, body)).status).toBe(200);
    await db()
      .updateTable('idempotency_keys')
      .set({ created_at: new Date(Date.now() - 25 * 3600_000) })
      .where('key', '=', key)
      .execute();
    const { sweepIdempotencyKeys } = await import('../../src/platform/http/idempotency.ts');
    expect(await sweepIdempotencyKeys(db(), app.running.container.clock, 24)).toBeGreaterThanOrEqual(1);
    const again = await start(key, body);
    expect(again.headers.get('idempotent-replayed')).toBeNull();
    expect(await countVerifications(A.accountId, body.trackingId)).toBe(2);
  });

  it('the OpenAPI document announces the header on the POSTs that honour it, with its scope, and every POST is classified', async () => {
    const doc = (await api(`${app.url}/openapi.json`)).json;
    const header = (op: { parameters?: { in: string; name: string; description?: string }[] }) =>
      op.parameters?.find((p) => p.in === 'header' && p.name === 'idempotency-key');
    expect(header(doc.paths['/rest/v2/verification'].post)?.description).toMatch(/Ignored without a bearer token/);
    expect(header(doc.paths['/rest/v2/verification/{verificationId}/step/{step}'].post)?.description).toMatch(
      /Without a token the key is scoped to the verification in the path/,
    );
    expect(header(doc.paths['/api/client/create-verification-request'].post)?.description).toMatch(/same bearer token/);
    expect(header(doc.paths['/api/client/create-verification-request'].post)?.description).not.toMatch(/without/i);
    expect(header(doc.paths['/manage/v1/programs'].get)).toBeUndefined();
    for (const path of [
      '/rest/v2/oauth/token',
      '/api/auth/token',
      '/manage/v1/tokens',
      '/manage/v1/oauth-clients',
      '/manage/v1/webhooks',
      '/api/client/verification-report',
      '/api/client/report-info',
      '/api/casefile/details',
      '/api/client/verification-details',
      '/api/casefile/transaction',
    ]) {
      expect(header(doc.paths[path].post), path).toBeUndefined();
    }
    // Every POST of the API declares, on its route, what the header does there.
    const posts = Object.entries(doc.paths as Record<string, Record<string, unknown>>)
      .filter(([, ops]) => ops.post)
      .map(([p]) => p.replace(/\{(\w+)\}/g, ':$1'));
    expect(posts.length).toBeGreaterThan(20);
    expect(posts.filter((p) => declaredUse(p) === undefined)).toEqual([]);
  });

  it('the stored response is encrypted at rest', async () => {
    const key = randomUUID();
    const r = await start(key, { programId: A.programs.student, trackingId: `enc-${key}` });
    const row = await db().selectFrom('idempotency_keys').selectAll().where('key', '=', key).executeTakeFirstOrThrow();
    expect(row.state).toBe('complete');
    expect(row.body_enc).not.toContain(r.json.verificationId);
  });
});
