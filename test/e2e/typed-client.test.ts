import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createVouchClient } from '../../clients/typescript/src/index.ts';
import { CLIENT_SCHEMA_FILE, clientSchemaSource } from '../../scripts/client-schema.ts';
import { api, useTestApp } from '../support/app.ts';
import { VALID_BODIES } from '../support/bodies.ts';
import { TEST_STORE } from '../support/stores.ts';

const t = useTestApp();

describe(`the typed TypeScript client (${TEST_STORE})`, () => {
  it('is generated from the current document (clients/typescript/src/schema.d.ts: npm run client:generate)', async () => {
    const doc = await (await fetch(`${t.app.url}/openapi.json`)).json();
    const committed = fs.readFileSync(CLIENT_SCHEMA_FILE, 'utf8');
    expect(
      (await clientSchemaSource(doc)) === committed,
      'clients/typescript/src/schema.d.ts is not current: run `npm run client:generate`',
    ).toBe(true);
  });

  it('is typed: a path the server does not have, or a missing path parameter, does not compile', () => {
    const vouch = createVouchClient(t.app.url);
    const typos = () => [
      // @ts-expect-error: no such path
      vouch.GET('/rest/v2/verifications'),
      // @ts-expect-error: the verification id is required
      vouch.GET('/rest/v2/verification/{verificationId}', { params: { path: {} } }),
    ];
    expect(typos).toBeTypeOf('function');
  });

  it('runs an eligibility verification: start, submit the personal info, read the status', async () => {
    const vouch = createVouchClient(`${t.app.url}/`);
    const created = await vouch.POST('/rest/v2/verification', { body: { programId: t.demo.programs.student } });
    expect(created.response.status).toBe(200);
    // The answer is typed from the document: no cast needed to read it.
    const v = created.data!;
    expect(v).toMatchObject({ currentStep: 'collectStudentPersonalInfo', errorIds: [] });

    const path = { verificationId: v.verificationId, step: 'collectStudentPersonalInfo' };
    const bad = await vouch.POST('/rest/v2/verification/{verificationId}/step/{step}', {
      params: { path },
      body: { ...VALID_BODIES.collectStudentPersonalInfo, email: 'not an address' },
    });
    expect(bad.data).toMatchObject({ currentStep: 'collectStudentPersonalInfo', errorIds: ['invalidEmail'] });

    const done = await vouch.POST('/rest/v2/verification/{verificationId}/step/{step}', {
      params: { path },
      body: VALID_BODIES.collectStudentPersonalInfo,
    });
    expect(done.data).toMatchObject({ verificationId: v.verificationId, currentStep: 'success', rewardCode: 'DEMO-STUDENT' });
    const status = await vouch.GET('/rest/v2/verification/{verificationId}', { params: { path: { verificationId: v.verificationId } } });
    expect(status.response.status).toBe(200);
    expect(status.data).toEqual(done.data);

    const unknown = await vouch.GET('/rest/v2/verification/{verificationId}', { params: { path: { verificationId: '0'.repeat(24) } } });
    expect(unknown.response.status).toBe(404);
    expect(unknown.data).toBeUndefined();
    expect(unknown.error).toMatchObject({ currentStep: 'error' });
  });

  it('opens a client request with the token and reads its file; without the token it is refused', async () => {
    const vouch = createVouchClient(t.app.url, t.demo.token);
    const client = { firstName: 'Typed', lastName: 'Client', email: 'typed.client@example.com', phoneNumber: '+1 604 555 0100' };
    const created = await vouch.POST('/api/client/create-verification-request', {
      body: { requesterReferenceId: `TYPED-${Date.now()}`, clients: [client] },
    });
    expect(created.response.status).toBe(200);
    const file = created.data!.data;
    expect(file.requests).toEqual([expect.objectContaining({ requestStatus: 'pending', email: client.email })]);

    const details = await vouch.POST('/api/casefile/details', { body: { fileReferenceId: file.fileReferenceId } });
    expect(details.response.status).toBe(200);
    expect(details.data).toMatchObject({
      statusCode: 200,
      errors: null,
      data: {
        fileReferenceId: file.fileReferenceId,
        requests: [expect.objectContaining({ clientRequestId: file.requests[0].clientRequestId })],
      },
    });

    const anonymous = await createVouchClient(t.app.url).POST('/api/casefile/details', { body: { fileReferenceId: file.fileReferenceId } });
    expect(anonymous.response.status).toBe(401);
    expect(anonymous.data).toBeUndefined();
  });

  it('answers a client whose base URL ends in a slash (paths with // in them) as if there were one', async () => {
    const base = `${t.app.url}/rest/v2/`;
    const created = await api(`${base}/verification`, { body: { programId: t.demo.programs.student } });
    expect(created.status).toBe(200);
    expect(created.json).toMatchObject({ currentStep: 'collectStudentPersonalInfo' });
    const read = await api(`${t.app.url}//rest/v2//verification//${created.json.verificationId}`);
    expect(read.status).toBe(200);
    expect(read.json.verificationId).toBe(created.json.verificationId);
    // An unknown path is still unknown, in the dialect's shape.
    const unknown = await api(`${base}/verifications`);
    expect(unknown.status).toBe(404);
    expect(unknown.json).toMatchObject({ currentStep: 'error', errorIds: ['notFound'] });
  });
});
