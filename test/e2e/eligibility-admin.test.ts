import { beforeAll, describe, expect, it } from 'vitest';
import { api, type Demo, useTestApp } from '../support/app.ts';
import { oneRoleTokens } from '../support/role-tokens.ts';
import { VALID_BODIES } from '../support/bodies.ts';
import {
  EMPTY_OBJECT,
  ERROR_RESPONSE,
  expectShape,
  HISTORY,
  METADATA,
  POSSIBLE_STEPS,
  VERIFICATION_DETAILS,
  VERIFICATION_RESPONSE,
} from '../support/eligibility-schemas.ts';
import { makePng, put } from '../support/fixtures.ts';
import { TEST_STORE } from '../support/stores.ts';
import { until } from '../support/wait.ts';
import { expireStaleVerifications } from '../../src/modules/verifications/app/expire-stale.ts';
import { remindUnfinished } from '../../src/modules/verifications/app/remind.ts';

/**
 * What an account does with its verifications besides the person's flow (SheerID §2.4): details, metadata,
 * fraud labels, expiry, purging person data, a tracking id's history and a program's possible steps. Each
 * route: its answer's shape, its roles, another account's ids answered as unknown ones, and bad input
 * refused in the dialect's shape, naming the verification, changing nothing.
 */

const t = useTestApp({ WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true' });
type Res = Awaited<ReturnType<typeof api>>;

let B: Demo;
/** Tokens of the demo account holding one role each. */
let tokens: { verifier: string; reviewer: string; reporter: string };
const UNKNOWN = 'a'.repeat(24);

beforeAll(async () => {
  B = await t.app.bootstrap();
  tokens = await oneRoleTokens(t.app.url, t.demo.token, ['VERIFIER', 'REVIEWER', 'REPORTER']);
});

const url = (path: string) => `${t.app.url}/rest/v2${path}`;
const status = async (id: string) => (await api(url(`/verification/${id}`))).json;
const details = async (id: string) => {
  const r = await api(url(`/verification/${id}/details`), { token: t.demo.token });
  expect(r.status, r.text).toBe(200);
  expectShape(VERIFICATION_DETAILS, r.json);
  return r.json;
};

async function start(programId = t.demo.programs.student, extra: Record<string, unknown> = {}) {
  const r = await api(url('/verification'), { body: { programId, ...extra } });
  expect(r.status, r.text).toBe(200);
  return r.json;
}

/** A verification of the demo student program that has succeeded (test mode: any first name). */
async function succeeded(extra: Record<string, unknown> = {}) {
  const created = await start(t.demo.programs.student, extra);
  const done = await api(created.submissionUrl, { body: VALID_BODIES.collectStudentPersonalInfo });
  expect(done.json.currentStep).toBe('success');
  return done.json;
}

/** A verification of the demo student program awaiting review of one uploaded PNG. */
async function pending() {
  const created = await start();
  const docs = await api(created.submissionUrl, { body: { ...VALID_BODIES.collectStudentPersonalInfo, firstName: 'UPLOAD' } });
  expect(docs.json.currentStep).toBe('docUpload');
  const png = makePng();
  const declared = await api(docs.json.submissionUrl, { body: [{ fileName: 'card.png', mimeType: 'image/png', fileSize: png.length }] });
  const uploaded = await put(declared.json.documents[0].uploadUrl, png, {
    'content-type': 'image/png',
    'content-length': String(png.length),
  });
  expect(uploaded.status).toBe(200);
  const complete = await api(declared.json.submissionUrl, { method: 'POST' });
  expect(complete.json.currentStep).toBe('pending');
  return complete.json;
}

/** A refusal in the eligibility dialect, about the verification `id` (its id and segment filled in). */
function refusedAbout(r: Res, id: string, status: number, errorId: string, message?: string | RegExp) {
  expect(r.status, r.text).toBe(status);
  expectShape(ERROR_RESPONSE, r.json);
  expect(r.json).toMatchObject({ verificationId: id, currentStep: 'error', errorIds: [errorId], segment: 'student' });
  if (message !== undefined) expect(r.json.systemErrorMessage).toMatch(message);
}

/** The answers of a route without a token, with a token lacking the role, and with another account's token. */
async function guarded(call: (id: string, token?: string) => Promise<Res>, id: string, wrongRole: string) {
  const anonymous = await call(id);
  expect(anonymous.status, anonymous.text).toBe(401);
  expect(anonymous.json).toMatchObject({ currentStep: 'error', errorIds: ['invalidApiToken'] });
  const forbidden = await call(id, wrongRole);
  expect(forbidden.status, forbidden.text).toBe(403);
  expect(forbidden.json).toMatchObject({ currentStep: 'error', errorIds: ['unauthorizedRequest'] });
  await answeredAsUnknown((x) => call(x, B.token), id);
}

/** Another account's id gets, but for the id, the very answer an unknown id gets: a 404 naming nothing. */
async function answeredAsUnknown(call: (id: string) => Promise<Res>, realId: string, errorId = 'noVerification') {
  const real = await call(realId);
  const unknown = await call(UNKNOWN);
  expect(real.status, real.text).toBe(404);
  expectShape(ERROR_RESPONSE, real.json);
  expect(real.json).toMatchObject({ verificationId: null, errorIds: [errorId], segment: null });
  expect(real.text.replaceAll(realId, '<id>')).toBe(unknown.text.replaceAll(UNKNOWN, '<id>'));
}

describe(`details: what the verification confirmed (${TEST_STORE})`, () => {
  it('a success names its segment, organization and how it was approved; integrators read confirmedSegments[0].segment', async () => {
    const done = await succeeded();
    const d = await details(done.verificationId);
    expect(d.confirmedSegments[0].segment).toBe('student');
    expect(d).toMatchObject({
      confirmedSegments: [
        {
          segment: 'student',
          subSegment: null,
          organization: { id: 1, name: 'Organization name' },
          active: true,
          startDate: null,
          endDate: null,
        },
      ],
      approvingVerificationTypes: ['authoritative'],
      verificationMethod: 'INSTANT',
      socialId: null,
      labels: [],
    });
  });

  it('a verification not yet successful confirms nothing', async () => {
    const created = await start();
    expect(await details(created.verificationId)).toMatchObject({
      confirmedSegments: [],
      approvingVerificationTypes: [],
      verificationMethod: null,
      socialId: null,
    });
    const docs = await api(created.submissionUrl, { body: { ...VALID_BODIES.collectStudentPersonalInfo, firstName: 'REJECTED' } });
    expect(docs.json.currentStep).toBe('docUpload');
    expect(await details(created.verificationId)).toMatchObject({
      confirmedSegments: [],
      approvingVerificationTypes: [],
      verificationMethod: null,
    });
  });

  it('after a document review: MANUAL and documentReview', async () => {
    const p = await pending();
    const decided = await api(url(`/review/${p.verificationId}/decision`), { token: tokens.reviewer, body: { decision: 'APPROVE' } });
    expect(decided.json.currentStep).toBe('success');
    expect(await details(p.verificationId)).toMatchObject({
      confirmedSegments: [{ segment: 'student', organization: { id: 1 }, active: true }],
      approvingVerificationTypes: ['documentReview'],
      verificationMethod: 'MANUAL',
    });
  });

  it('a military status gives the sub-segment; a live age program, decided by the birth date alone, is honorSystem', async () => {
    const military = await start(t.demo.programs.military);
    const vet = await api(military.submissionUrl, { body: { status: 'VETERAN' } });
    await api(vet.json.submissionUrl, { body: VALID_BODIES.collectInactiveMilitaryPersonalInfo });
    expect((await details(military.verificationId)).confirmedSegments).toEqual([
      expect.objectContaining({ segment: 'military', subSegment: 'veteran', organization: { id: 1, name: 'Organization name' } }),
    ]);

    const program = await api(`${t.app.url}/manage/v1/programs`, {
      token: t.demo.token,
      body: { name: 'Live age', segment: 'age', testMode: false, staticCode: 'AGE' },
    });
    const age = await start(program.json.id);
    expect((await api(age.submissionUrl, { body: VALID_BODIES.collectAgePersonalInfo })).json.currentStep).toBe('success');
    expect(await details(age.verificationId)).toMatchObject({
      confirmedSegments: [{ segment: 'age', subSegment: null, organization: null, active: true }],
      approvingVerificationTypes: ['honorSystem'],
      verificationMethod: 'INSTANT',
    });
  });
});

describe(`GET and PUT /verification/{id}/metadata (${TEST_STORE})`, () => {
  const metadataUrl = (id: string) => url(`/verification/${id}/metadata`);

  it('reads the metadata as stored, and a PUT replaces it whole, keeping scalars as their text and leaving nulls out', async () => {
    const created = await start(t.demo.programs.student, { metadata: { campaign: 'spring', marketConsentValue: false } });
    const read = await api(metadataUrl(created.verificationId), { token: tokens.verifier });
    expect(read.status).toBe(200);
    expectShape(METADATA, read.json);
    expect(read.json).toEqual({ campaign: 'spring', marketConsentValue: 'false' });

    const replaced = await api(metadataUrl(created.verificationId), {
      method: 'PUT',
      token: tokens.verifier,
      body: { orderId: 'A-17', amount: 12.5, vip: true, campaign: null },
    });
    expect(replaced.status, replaced.text).toBe(200);
    expectShape(METADATA, replaced.json);
    expect(replaced.json).toEqual({ orderId: 'A-17', amount: '12.5', vip: 'true' });
    expect((await api(metadataUrl(created.verificationId), { token: tokens.reviewer })).json).toEqual(replaced.json);
    expect((await details(created.verificationId)).metadata).toEqual(replaced.json);
    // The flow goes on, and a step's metadata merges into the replaced map.
    await api(created.submissionUrl, { body: { ...VALID_BODIES.collectStudentPersonalInfo, metadata: { step: 1 } } });
    expect((await api(metadataUrl(created.verificationId), { token: tokens.verifier })).json).toEqual({ ...replaced.json, step: '1' });

    const cleared = await api(metadataUrl(created.verificationId), { method: 'PUT', token: tokens.verifier, body: {} });
    expect(cleared.json).toEqual({});
    expect((await api(metadataUrl(created.verificationId), { token: tokens.verifier })).json).toEqual({});
  });

  it('refuses a map over the limits or of the wrong shape with its errorId, naming the verification, and keeps the stored one', async () => {
    const created = await start(t.demo.programs.student, { metadata: { campaign: 'spring' } });
    const id = created.verificationId;
    const putting = (body: unknown) => api(metadataUrl(id), { method: 'PUT', token: tokens.verifier, body });
    const many = Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, 'v']));
    refusedAbout(await putting(many), id, 400, 'maxMetadataValuesExceeded', 'At most 50 metadata values are allowed');
    refusedAbout(await putting({ a: 'x'.repeat(10_001) }), id, 400, 'maxMetadataLengthExceeded', /longer than 10000 characters/);
    refusedAbout(await putting({ ['k'.repeat(201)]: 'v' }), id, 400, 'maxMetadataLengthExceeded', /longer than 200 characters/);
    refusedAbout(
      await putting({ a: { b: 'c' } }),
      id,
      400,
      'invalidRequest',
      "Metadata value 'a' must be a string, number, boolean or null",
    );
    refusedAbout(await putting({ a: ['x'] }), id, 400, 'invalidRequest', "Metadata value 'a' must be a string, number, boolean or null");
    refusedAbout(await putting(['a']), id, 400, 'invalidRequest', 'Request body must be a JSON object of metadata values');
    refusedAbout(await putting('a'), id, 400, 'invalidRequest', 'Request body must be a JSON object of metadata values');
    refusedAbout(
      await api(metadataUrl(id), { method: 'PUT', token: tokens.verifier, raw: 'null', headers: { 'content-type': 'application/json' } }),
      id,
      400,
      'invalidRequest',
      'Request body must be a JSON object of metadata values',
    );
    expect((await api(metadataUrl(id), { token: tokens.verifier })).json).toEqual({ campaign: 'spring' });
  });

  it('wants a VERIFIER (or REVIEWER to read) of the verification’s own account', async () => {
    const created = await start(t.demo.programs.student, { metadata: { campaign: 'spring' } });
    await guarded((id, token) => api(metadataUrl(id), { token }), created.verificationId, tokens.reporter);
    await guarded((id, token) => api(metadataUrl(id), { method: 'PUT', token, body: { x: 'y' } }), created.verificationId, tokens.reviewer);
    expect((await api(metadataUrl(created.verificationId), { token: tokens.verifier })).json).toEqual({ campaign: 'spring' });
    expect((await api(metadataUrl('not-an-id'), { token: tokens.verifier })).json).toMatchObject({ errorIds: ['noVerification'] });
  });
});

describe(`POST /verification/{id}/label/{label} (${TEST_STORE})`, () => {
  const labelUrl = (id: string, label: string) => url(`/verification/${id}/label/${label}`);

  it('keeps each label with its comment, who set it and when, and changes nothing else; the details list them', async () => {
    const done = await succeeded();
    const id = done.verificationId;
    const suspected = await api(labelUrl(id, 'suspectedFraud'), { token: tokens.reviewer, body: { comment: 'Same card as two others' } });
    expect(suspected.status, suspected.text).toBe(204);
    expect(suspected.text).toBe('');
    const confirmed = await api(labelUrl(id, 'confirmedFraud'), { token: tokens.verifier, method: 'POST' });
    expect(confirmed.status, confirmed.text).toBe(204);
    const d = await details(id);
    expect(d.labels).toEqual([
      { label: 'suspectedFraud', comment: 'Same card as two others', labeledBy: expect.any(String), created: expect.any(Number) },
      { label: 'confirmedFraud', comment: null, labeledBy: expect.any(String), created: expect.any(Number) },
    ]);
    expect(d.labels[0].labeledBy).not.toBe(d.labels[1].labeledBy);
    expect(d.stepHistory.map((s: { step: string }) => s.step)).toEqual(['collectStudentPersonalInfo', 'success']);
    expect(await status(id)).toEqual(done);
    // The comment may name the person: it is not stored in clear.
    const rows = await t.app.running.container.store.db
      .selectFrom('verification_steps')
      .select('response')
      .where('verification_id', '=', id)
      .execute();
    expect(JSON.stringify(rows)).not.toContain('Same card');
  });

  it('refuses another label, an unknown property and a comment of the wrong type, naming the verification', async () => {
    const done = await succeeded();
    const id = done.verificationId;
    refusedAbout(
      await api(labelUrl(id, 'fraud'), { token: tokens.reviewer, method: 'POST' }),
      id,
      400,
      'invalidRequest',
      "Label 'fraud' is not one of: suspectedFraud, confirmedFraud",
    );
    refusedAbout(
      await api(labelUrl(id, 'suspectedFraud'), { token: tokens.reviewer, body: { comment: 'x', reason: 'y' } }),
      id,
      400,
      'invalidRequest',
      "Unexpected property 'reason', expected one of: comment",
    );
    refusedAbout(
      await api(labelUrl(id, 'suspectedFraud'), { token: tokens.reviewer, body: { comment: 5 } }),
      id,
      400,
      'invalidRequest',
      "Property 'comment' must be a string of at most 2000 characters",
    );
    refusedAbout(await api(labelUrl(id, 'suspectedFraud'), { token: tokens.reviewer, body: ['x'] }), id, 400, 'invalidRequest');
    expect((await details(id)).labels).toEqual([]);
  });

  it('wants a VERIFIER or REVIEWER of the verification’s own account', async () => {
    const done = await succeeded();
    await guarded((id, token) => api(labelUrl(id, 'suspectedFraud'), { token, method: 'POST' }), done.verificationId, tokens.reporter);
    expect((await details(done.verificationId)).labels).toEqual([]);
  });
});

describe(`POST /verification/{id}/expire (${TEST_STORE})`, () => {
  const expireUrl = (id: string) => url(`/verification/${id}/expire`);

  it('ends an unfinished verification in expiredVerification, with or without a token; a second expiry answers the same', async () => {
    const created = await start();
    const expired = await api(expireUrl(created.verificationId), { method: 'POST' });
    expect(expired.status, expired.text).toBe(200);
    expectShape(VERIFICATION_RESPONSE, expired.json);
    expect(expired.json).toMatchObject({
      verificationId: created.verificationId,
      currentStep: 'error',
      errorIds: ['expiredVerification'],
      segment: 'student',
      systemErrorMessage: expect.stringContaining('expired'),
    });
    expect(await status(created.verificationId)).toEqual(expired.json);
    const again = await api(expireUrl(created.verificationId), { method: 'POST', token: t.demo.token, body: {} });
    expect(again.json).toEqual(expired.json);
    const step = await api(created.submissionUrl, { body: VALID_BODIES.collectStudentPersonalInfo });
    refusedAbout(step, created.verificationId, 400, 'invalidStep');

    const p = await pending();
    const expiredReview = await api(expireUrl(p.verificationId), { method: 'POST', token: tokens.verifier });
    expect(expiredReview.json).toMatchObject({ currentStep: 'error', errorIds: ['expiredVerification'] });
    const decision = await api(url(`/review/${p.verificationId}/decision`), { token: tokens.reviewer, body: { decision: 'APPROVE' } });
    expect(decision.status).toBe(409);
  });

  it('refuses a finished verification and a body, naming the verification; another account’s id is unknown', async () => {
    const done = await succeeded();
    refusedAbout(await api(expireUrl(done.verificationId), { method: 'POST' }), done.verificationId, 400, 'invalidStep', /is finished/);
    const created = await start();
    refusedAbout(
      await api(expireUrl(created.verificationId), { body: { reason: 'bored' } }),
      created.verificationId,
      400,
      'invalidRequest',
      'This request takes no body (or an empty object)',
    );
    await answeredAsUnknown((id) => api(expireUrl(id), { method: 'POST', token: B.token }), created.verificationId);
    expect(await status(done.verificationId)).toEqual(done);
    expect((await status(created.verificationId)).currentStep).toBe('collectStudentPersonalInfo');
  });
});

describe(`POST /verification/{id}/purgePersonData (${TEST_STORE})`, () => {
  const purgeUrl = (id: string) => url(`/verification/${id}/purgePersonData`);
  const db = () => t.app.running.container.store.db;
  const row = (id: string) => db().selectFrom('verifications').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

  it('erases the person from the verification and its documents, expires it, answers {} and is in the audit log', async () => {
    const p = await pending();
    const id = p.verificationId;
    await api(url(`/verification/${id}/metadata`), { method: 'PUT', token: tokens.verifier, body: { email: 'randy@example.com' } });
    await api(url(`/verification/${id}/label/suspectedFraud`), { token: tokens.reviewer, body: { comment: 'Randy again' } });
    const before = await row(id);
    expect(before.person_enc && before.metadata_enc && before.client_ip_enc && before.person_id).toBeTruthy();
    const docsBefore = await db().selectFrom('documents').select(['blob_key', 'status']).where('verification_id', '=', id).execute();
    expect(docsBefore).toEqual([{ blob_key: expect.any(String), status: 'UPLOADED' }]);

    const purged = await api(purgeUrl(id), { token: t.demo.token, method: 'POST' });
    expect(purged.status, purged.text).toBe(200);
    expectShape(EMPTY_OBJECT, purged.json);
    expect(purged.json).toEqual({});

    expect(await row(id)).toMatchObject({
      person_enc: null,
      metadata_enc: null,
      client_ip_enc: null,
      user_agent: null,
      person_id: null,
      current_step: 'error',
    });
    expect(await db().selectFrom('documents').select(['blob_key', 'status']).where('verification_id', '=', id).execute()).toEqual([
      { blob_key: null, status: 'PURGED' },
    ]);
    const d = await details(id);
    expect(d).toMatchObject({
      personInfo: null,
      personId: null,
      metadata: {},
      clientInfo: { ipAddress: null, userAgent: null },
      labels: [{ label: 'suspectedFraud', comment: null }],
      lastResponse: { currentStep: 'error', errorIds: ['expiredVerification'] },
    });
    expect((await api(url(`/verification/${id}/metadata`), { token: tokens.verifier })).json).toEqual({});

    const audit = await api(`${t.app.url}/manage/v1/audit?subjectId=${id}&action=verification.purge-person-data`, { token: t.demo.token });
    expect(audit.json.entries).toEqual([expect.objectContaining({ action: 'verification.purge-person-data', outcome: 200 })]);
  });

  it('keeps a success a success, without its person, and erases the copies its re-verifications hold', async () => {
    const done = await succeeded({ metadata: { campaign: 'spring' } });
    const batch = await api(url('/verification/reverify'), {
      token: t.demo.token,
      body: { programId: t.demo.programs.student, verificationIds: [done.verificationId] },
    });
    expect(batch.status, batch.text).toBe(200);
    await until(
      () => api(batch.json.statusUrl, { token: t.demo.token }),
      (r) => r.json.status === 'COMPLETE',
    );
    const copy = () =>
      db().selectFrom('verifications').selectAll().where('reverify_of', '=', done.verificationId).executeTakeFirstOrThrow();
    expect((await copy()).person_enc).toBeTruthy();

    expect((await api(purgeUrl(done.verificationId), { token: t.demo.token, body: {} })).json).toEqual({});
    expect(await status(done.verificationId)).toEqual(done);
    expect(await details(done.verificationId)).toMatchObject({
      personInfo: null,
      metadata: {},
      confirmedSegments: [{ segment: 'student', active: true }],
    });
    expect(await copy()).toMatchObject({ person_enc: null, metadata_enc: null, person_id: null, current_step: 'success' });
  });

  it('wants an ADMIN of the verification’s own account and no body, and changes nothing otherwise', async () => {
    const done = await succeeded({ metadata: { campaign: 'spring' } });
    const id = done.verificationId;
    await guarded((x, token) => api(purgeUrl(x), { token, method: 'POST' }), id, tokens.verifier);
    refusedAbout(await api(purgeUrl(id), { token: t.demo.token, body: { now: true } }), id, 400, 'invalidRequest', /takes no body/);
    expect(await details(id)).toMatchObject({ metadata: { campaign: 'spring' }, personInfo: { firstName: 'Randy' } });
  });
});

describe(`GET .../trackingId/{trackingId}/history (${TEST_STORE})`, () => {
  const historyUrl = (programId: string, trackingId: string) => url(`/verification/program/${programId}/trackingId/${trackingId}/history`);

  it('lists the 10 most recent verifications of the tracking id, newest first, each in its current step', async () => {
    const trackingId = `history-${Date.now()}`;
    const ids: string[] = [];
    for (let i = 0; i < 11; i++) ids.push((await start(t.demo.programs.student, { trackingId })).verificationId);
    await start(t.demo.programs.teacher, { trackingId }); // another program's
    const last = await api((await status(ids[10])).submissionUrl, { body: VALID_BODIES.collectStudentPersonalInfo });
    const r = await api(historyUrl(t.demo.programs.student, trackingId), { token: tokens.verifier });
    expect(r.status, r.text).toBe(200);
    expectShape(HISTORY, r.json);
    expect(r.json.map((v: { verificationId: string }) => v.verificationId)).toEqual(ids.slice(1).reverse());
    expect(r.json[0]).toEqual(last.json);
    const none = await api(historyUrl(t.demo.programs.student, `nobody-${Date.now()}`), { token: tokens.reviewer });
    expect(none.status).toBe(200);
    expect(none.json).toEqual([]);
  });

  it("wants a VERIFIER or REVIEWER of the program's account; another account's program is unknown", async () => {
    const trackingId = `guarded-${Date.now()}`;
    await start(t.demo.programs.student, { trackingId });
    const call = (programId: string, token?: string) => api(historyUrl(programId, trackingId), { token });
    expect((await call(t.demo.programs.student)).status).toBe(401);
    expect((await call(t.demo.programs.student, tokens.reporter)).json).toMatchObject({ errorIds: ['unauthorizedRequest'] });
    await answeredAsUnknown((p) => call(p, B.token), t.demo.programs.student, 'noProgram');
  });
});

describe(`GET /program/{programId}/possibleSteps (${TEST_STORE})`, () => {
  const stepsOf = (programId: string, token?: string) => api(url(`/program/${programId}/possibleSteps`), { token });

  it("lists the steps of the program's flow, its first step first", async () => {
    const student = await stepsOf(t.demo.programs.student);
    expect(student.status).toBe(200);
    expectShape(POSSIBLE_STEPS, student.json);
    expect(student.json).toEqual({ steps: ['collectStudentPersonalInfo', 'docUpload', 'pending', 'success', 'error'] });
    expect((await stepsOf(t.demo.programs.military)).json.steps).toEqual([
      'collectMilitaryStatus',
      'collectActiveMilitaryPersonalInfo',
      'collectInactiveMilitaryPersonalInfo',
      'docUpload',
      'pending',
      'success',
      'error',
    ]);
    const veterans = await api(`${t.app.url}/manage/v1/programs`, {
      token: t.demo.token,
      body: { name: 'Veterans', segment: 'military', subSegments: ['veteran', 'retiree'], staticCode: 'VET' },
    });
    expect((await stepsOf(veterans.json.id)).json.steps.slice(0, 2)).toEqual([
      'collectMilitaryStatus',
      'collectInactiveMilitaryPersonalInfo',
    ]);
  });

  it('answers an unknown program, and another account’s program to a token of that account, as noProgram', async () => {
    const unknown = await stepsOf(UNKNOWN);
    expect(unknown.status).toBe(404);
    expect(unknown.json).toMatchObject({ currentStep: 'error', errorIds: ['noProgram'] });
    await answeredAsUnknown((p) => stepsOf(p, B.token), t.demo.programs.student, 'noProgram');
  });
});

/** A verification of a student program (the demo's by default) at docUpload, with one file declared and sent. */
async function atDocUpload(programId = t.demo.programs.student) {
  const created = await start(programId);
  const docs = await api(created.submissionUrl, { body: { ...VALID_BODIES.collectStudentPersonalInfo, firstName: 'UPLOAD' } });
  expect(docs.json.currentStep).toBe('docUpload');
  const png = makePng();
  const declared = await api(docs.json.submissionUrl, { body: [{ fileName: 'card.png', mimeType: 'image/png', fileSize: png.length }] });
  expect(declared.status, declared.text).toBe(200);
  const uploaded = await put(declared.json.documents[0].uploadUrl, png, {
    'content-type': 'image/png',
    'content-length': String(png.length),
  });
  expect(uploaded.status).toBe(200);
  return declared.json;
}

describe(`DELETE /verification/{id}/step/{step} (${TEST_STORE})`, () => {
  const stepUrl = (id: string, step: string) => url(`/verification/${id}/step/${step}`);
  const db = () => t.app.running.container.store.db;

  it('cancels the document upload: the verification ends not approved and the files sent are purged', async () => {
    const at = await atDocUpload();
    const id = at.verificationId;
    const cancelled = await api(stepUrl(id, 'docUpload'), { method: 'DELETE' });
    expect(cancelled.status, cancelled.text).toBe(200);
    expectShape(VERIFICATION_RESPONSE, cancelled.json);
    expect(cancelled.json).toMatchObject({
      verificationId: id,
      currentStep: 'error',
      errorIds: ['notApproved'],
      segment: 'student',
      systemErrorMessage: expect.stringContaining('was cancelled'),
    });
    expect(await status(id)).toEqual(cancelled.json);
    expect(await db().selectFrom('documents').select(['blob_key', 'status']).where('verification_id', '=', id).execute()).toEqual([
      { blob_key: null, status: 'PURGED' },
    ]);
    expect((await details(id)).stepHistory.map((s: { step: string }) => s.step)).toEqual([
      'collectStudentPersonalInfo',
      'docUpload',
      'docUpload',
      'error',
    ]);
    // Finished: neither the files nor a second cancel are taken.
    refusedAbout(await api(at.submissionUrl, { method: 'POST' }), id, 400, 'invalidStep', /is finished/);
    refusedAbout(await api(stepUrl(id, 'docUpload'), { method: 'DELETE' }), id, 400, 'invalidStep', /is finished/);
  });

  it('refuses a step that is not the current one, one that cannot be cancelled and a body, changing nothing', async () => {
    const created = await start();
    const id = created.verificationId;
    refusedAbout(await api(stepUrl(id, 'docUpload'), { method: 'DELETE' }), id, 400, 'invalidStep', /submit 'collectStudentPersonalInfo'/);
    refusedAbout(await api(stepUrl(id, 'collectStudentPersonalInfo'), { method: 'DELETE' }), id, 400, 'invalidStep', /cannot be cancelled/);
    const p = await pending();
    refusedAbout(
      await api(stepUrl(p.verificationId, 'docUpload'), { method: 'DELETE' }),
      p.verificationId,
      400,
      'invalidStep',
      /submit 'pending'/,
    );
    expect(await status(p.verificationId)).toEqual(p);

    const at = await atDocUpload();
    for (const body of [{ reason: 'lost my card' }, ['docUpload'], 'cancel']) {
      refusedAbout(
        await api(stepUrl(at.verificationId, 'docUpload'), { method: 'DELETE', body }),
        at.verificationId,
        400,
        'invalidRequest',
        /takes no body/,
      );
    }
    await answeredAsUnknown((x) => api(stepUrl(x, 'docUpload'), { method: 'DELETE', token: B.token }), at.verificationId);
    expect((await status(at.verificationId)).currentStep).toBe('docUpload');
    expect((await status(id)).currentStep).toBe('collectStudentPersonalInfo');
  });

  it('answers the social security number step out of its turn as such, on POST and DELETE', async () => {
    const created = await start();
    const id = created.verificationId;
    const notAvailable = /Step 'collectSocialSecurityNumber' is not the current step/;
    refusedAbout(await api(stepUrl(id, 'collectSocialSecurityNumber'), { method: 'DELETE' }), id, 400, 'invalidStep', notAvailable);
    for (const body of [{ socialSecurityNumber: 123456789 }, { socialSecurityNumber: 'nine' }, { ssn: 1 }]) {
      refusedAbout(await api(stepUrl(id, 'collectSocialSecurityNumber'), { body }), id, 400, 'invalidStep', notAvailable);
    }
    await answeredAsUnknown((x) => api(stepUrl(x, 'collectSocialSecurityNumber'), { method: 'DELETE', token: B.token }), id);
    expect(await status(id)).toEqual(created);
  });
});

/** The webhook events told about a verification, in order, with their bodies read. */
async function toldAbout(id: string) {
  const rows = await t.app.running.container.store.db
    .selectFrom('webhook_events')
    .select(['type', 'body', 'sequence'])
    .where('subject_id', '=', id)
    .orderBy('sequence')
    .execute();
  return rows.map((r) => ({ type: r.type, body: JSON.parse(r.body) }));
}

/** An account of its own with an endpoint subscribed to every verification event and its student program's webhook. */
async function accountWithWebhooks() {
  const C = await t.app.bootstrap();
  const hook = await api(`${t.app.url}/manage/v1/webhooks`, {
    token: C.token,
    body: { url: 'http://127.0.0.1:9/vouch', eventTypes: ['verification.*'] },
  });
  expect(hook.status, hook.text).toBe(201);
  const programHook = await api(url(`/program/${C.programs.student}/webhook`), {
    token: C.token,
    body: { callbackUri: 'http://127.0.0.1:9/sheerid' },
  });
  expect(programHook.status, programHook.text).toBe(200);
  return C;
}

describe(`POST /verification/{id}/refireWebhooks (${TEST_STORE})`, () => {
  const refireUrl = (id: string) => url(`/verification/${id}/refireWebhooks`);

  it('tells the webhooks the current state again through the outbox, a success to the program webhook too', async () => {
    const C = await accountWithWebhooks();
    const created = await start(C.programs.student);
    const id = created.verificationId;
    expect((await toldAbout(id)).map((e) => e.type)).toEqual(['verification.created']);
    const refired = await api(refireUrl(id), { token: C.token, method: 'POST' });
    expect(refired.status, refired.text).toBe(204);
    expect(refired.text).toBe('');
    const afterStart = await toldAbout(id);
    expect(afterStart.map((e) => e.type)).toEqual(['verification.created', 'verification.created']);
    expect(afterStart[1].body).toMatchObject({ verificationId: id, currentStep: 'collectStudentPersonalInfo', sequence: 2 });

    const done = await api(created.submissionUrl, { body: VALID_BODIES.collectStudentPersonalInfo });
    expect(done.json.currentStep).toBe('success');
    expect((await api(refireUrl(id), { token: C.token, body: {} })).status).toBe(204);
    const told = await toldAbout(id);
    expect(told.map((e) => e.type)).toEqual([
      'verification.created',
      'verification.created',
      'verification.success',
      'program.webhook',
      'verification.success',
      'program.webhook',
    ]);
    expect(told[4].body).toMatchObject({ verificationId: id, notifierEventType: 'SUCCESS', currentStep: 'success' });
    expect(told[5].body).toEqual({ verificationId: id });
    expect(await status(id)).toEqual(done.json);
  });

  it('wants a VERIFIER of the verification’s own account and no body, and tells nothing otherwise', async () => {
    const C = await accountWithWebhooks();
    const created = await start(C.programs.student);
    const id = created.verificationId;
    const demoOne = await start();
    await guarded((x, token) => api(refireUrl(x), { token, method: 'POST' }), demoOne.verificationId, tokens.reviewer);
    await answeredAsUnknown((x) => api(refireUrl(x), { token: t.demo.token, method: 'POST' }), id);
    for (const body of [{ all: true }, ['SUCCESS'], 'again']) {
      refusedAbout(await api(refireUrl(id), { token: C.token, body }), id, 400, 'invalidRequest', /takes no body/);
    }
    expect((await toldAbout(id)).map((e) => e.type)).toEqual(['verification.created']);
  });
});

// The sweeps remind of and end every abandoned verification of the store, so this stays the file's last block.
describe(`abandoned verifications: a reminder after 15 minutes, expiry 7 days after their start (${TEST_STORE})`, () => {
  const DAY = 24 * 3600 * 1000;
  /** The module's dependencies with its clock moved `days` ahead. */
  const movedBy = (days: number) => {
    const deps = t.app.running.container.verifications;
    return { ...deps, clock: { now: () => new Date(Date.now() + days * DAY) } };
  };

  it('tells webhooks once of each verification still unfinished 15 minutes after its start (REMINDER)', async () => {
    const C = await accountWithWebhooks();
    const fresh = await start(C.programs.student);
    const finished = await start(C.programs.student);
    expect((await api(finished.submissionUrl, { body: VALID_BODIES.collectStudentPersonalInfo })).json.currentStep).toBe('success');
    const minutes = (n: number) => n / (24 * 60);

    await remindUnfinished(movedBy(minutes(14)));
    expect((await toldAbout(fresh.verificationId)).map((e) => e.type)).toEqual(['verification.created']);
    expect(await remindUnfinished(movedBy(minutes(16)))).toBeGreaterThanOrEqual(1);
    const told = (await toldAbout(fresh.verificationId)).map((e) => ({ type: e.type, body: e.body }));
    expect(told.at(-1)).toMatchObject({
      type: 'verification.reminder',
      body: { verificationId: fresh.verificationId, notifierEventType: 'REMINDER', currentStep: 'collectStudentPersonalInfo' },
    });
    expect((await toldAbout(finished.verificationId)).map((e) => e.type)).not.toContain('verification.reminder');
    // Once: a later round tells nothing more of it.
    await remindUnfinished(movedBy(minutes(30)));
    expect(await toldAbout(fresh.verificationId)).toHaveLength(told.length);
  });

  it('ends them in expiredVerification with the EXPIRATION event and purges their files; a review, a success and younger ones stay', async () => {
    const C = await accountWithWebhooks();
    const fresh = await start(C.programs.student);
    const upload = await atDocUpload(C.programs.student);
    const inReview = await pending();
    const done = await succeeded();

    await expireStaleVerifications(movedBy(6.9));
    expect(await status(fresh.verificationId)).toEqual(fresh);
    expect((await status(upload.verificationId)).currentStep).toBe('docUpload');

    expect(await expireStaleVerifications(movedBy(7.01))).toBeGreaterThanOrEqual(2);
    for (const id of [fresh.verificationId, upload.verificationId]) {
      const now = await status(id);
      expectShape(VERIFICATION_RESPONSE, now);
      expect(now).toMatchObject({
        verificationId: id,
        currentStep: 'error',
        errorIds: ['expiredVerification'],
        systemErrorMessage: expect.stringContaining('7 days after it started'),
      });
      const told = (await toldAbout(id)).at(-1);
      expect(told).toMatchObject({ type: 'verification.error', body: { verificationId: id, notifierEventType: 'EXPIRATION' } });
    }
    const files = await t.app.running.container.store.db
      .selectFrom('documents')
      .select(['blob_key', 'status'])
      .where('verification_id', '=', upload.verificationId)
      .execute();
    expect(files).toEqual([{ blob_key: null, status: 'PURGED' }]);
    refusedAbout(
      await api(fresh.submissionUrl, { body: VALID_BODIES.collectStudentPersonalInfo }),
      fresh.verificationId,
      400,
      'invalidStep',
      /is finished/,
    );
    expect(await status(inReview.verificationId)).toEqual(inReview);
    expect(await status(done.verificationId)).toEqual(done);

    // A second round finds nothing left to end, and tells nothing again.
    const toldBefore = (await toldAbout(fresh.verificationId)).length;
    expect(await expireStaleVerifications(movedBy(7.02))).toBe(0);
    expect(await toldAbout(fresh.verificationId)).toHaveLength(toldBefore);
  });
});
