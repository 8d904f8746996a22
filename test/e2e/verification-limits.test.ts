import { describe, expect, it } from 'vitest';
import { api, type Demo, useTestApp } from '../support/app.ts';
import { VALID_BODIES } from '../support/bodies.ts';
import { ERROR_RESPONSE, expectShape } from '../support/eligibility-schemas.ts';
import { TEST_STORE } from '../support/stores.ts';

/**
 * SheerID's same-person verification limit (§2.5, §16): set and deleted per program, reset from one of
 * the person's verifications (§2.4), enforced on each person step (first name, last name, birth date,
 * case and accents folded) with 429 `verificationLimitExceeded`.
 */

const t = useTestApp();
type Res = Awaited<ReturnType<typeof api>>;
const UNKNOWN = 'a'.repeat(24);

const rest = (path: string) => `${t.app.url}/rest/v2${path}`;
const limitOf = (programId: string) => rest(`/program/${programId}/verificationLimit`);
const resetOf = (verificationId: string) => rest(`/verification/${verificationId}/resetVerificationLimits`);
const randy = VALID_BODIES.collectStudentPersonalInfo;

/** A person step of a new verification of the program: its answer. */
async function attempt(programId: string, person: Record<string, unknown> = {}) {
  const created = await api(rest('/verification'), { body: { programId } });
  expect(created.status, created.text).toBe(200);
  const r = await api(created.json.submissionUrl, { body: { ...randy, ...person } });
  return { id: created.json.verificationId as string, r };
}

async function succeeds(programId: string, person: Record<string, unknown> = {}) {
  const a = await attempt(programId, person);
  expect(a.r.status, a.r.text).toBe(200);
  expect(a.r.json.currentStep).toBe('success');
  return a.id;
}

async function refused(programId: string, person: Record<string, unknown> = {}) {
  const a = await attempt(programId, person);
  expect(a.r.status, a.r.text).toBe(429);
  expectShape(ERROR_RESPONSE, a.r.json);
  expect(a.r.json).toMatchObject({ verificationId: a.id, currentStep: 'error', errorIds: ['verificationLimitExceeded'] });
  // The step is refused, not taken: the verification still waits for the person step.
  const now = await api(rest(`/verification/${a.id}`));
  expect(now.json.currentStep).toBe('collectStudentPersonalInfo');
  return a.id;
}

async function setLimit(demo: Demo, body: unknown): Promise<Res> {
  return api(limitOf(demo.programs.student), { token: demo.token, body });
}

describe(`POST and DELETE /rest/v2/program/{programId}/verificationLimit (${TEST_STORE})`, () => {
  it('limits the same person, not others; reset lets the person again; DELETE lifts the limit', async () => {
    const demo = await t.app.bootstrap();
    const program = demo.programs.student;
    const set = await setLimit(demo, { quantity: 1, days: 365 });
    expect(set.status, set.text).toBe(200);
    expect(set.json).toEqual({});

    const first = await succeeds(program);
    // The same person, however the name is cased or accented.
    await refused(program);
    await refused(program, { firstName: 'RANDY', lastName: 'Rándom' });
    await succeeds(program, { firstName: 'Sandy' });
    await succeeds(program, { birthDate: '2001-02-04' });

    const reset = await api(resetOf(first), { token: demo.token, method: 'POST' });
    expect(reset.status, reset.text).toBe(200);
    expect(reset.json).toEqual({});
    const again = await succeeds(program);
    await refused(program);

    // A second limit is refused while one exists.
    const twice = await setLimit(demo, { quantity: 5, days: 30 });
    expect(twice.status, twice.text).toBe(409);
    expect(twice.json).toMatchObject({
      currentStep: 'error',
      errorIds: ['conflict'],
      systemErrorMessage: expect.stringMatching(/already exists/),
    });

    const deleted = await api(limitOf(program), { token: demo.token, method: 'DELETE' });
    expect(deleted.status, deleted.text).toBe(200);
    expect(deleted.json).toEqual({});
    await succeeds(program);
    expect((await api(limitOf(program), { token: demo.token, method: 'DELETE' })).json).toEqual({});

    // A new limit counts the verifications made while a limit held, within its window: one since the reset.
    expect((await setLimit(demo, { quantity: 2, days: 1 })).status).toBe(200);
    await succeeds(program);
    await refused(program);
    const reset2 = await api(resetOf(again), { token: demo.token, method: 'POST', body: {} });
    expect(reset2.status, reset2.text).toBe(200);
    await succeeds(program);
    await succeeds(program);
    await refused(program);
  });

  it('refuses bad limits in SheerID’s error shape, changing nothing', async () => {
    const demo = await t.app.bootstrap();
    for (const [body, message] of [
      [{}, /quantity/],
      [{ quantity: 1 }, /days/],
      [{ days: 1 }, /quantity/],
      [{ quantity: 0, days: 1 }, /quantity/],
      [{ quantity: -1, days: 1 }, /quantity/],
      [{ quantity: 1.5, days: 1 }, /quantity/],
      [{ quantity: 1e12, days: 1 }, /quantity/],
      [{ quantity: '1', days: 1 }, /quantity/],
      [{ quantity: 1, days: 0 }, /days/],
      [{ quantity: 1, days: -5 }, /days/],
      [{ quantity: 1, days: 100000 }, /days/],
      [{ quantity: 1, days: null }, /days/],
      [{ quantity: 1, days: 1, window: 'P1D' }, /Unexpected property 'window', expected one of: quantity, days/],
      [[1, 1], /JSON object/],
    ] as const) {
      const r = await setLimit(demo, body);
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(r.json, JSON.stringify(body)).toMatchObject({ currentStep: 'error', errorIds: [expect.any(String)] });
      expect(r.json.systemErrorMessage, JSON.stringify(body)).toMatch(message);
    }
    // Nothing was set: the same person verifies twice.
    await succeeds(demo.programs.student);
    await succeeds(demo.programs.student);
  });

  it('needs a token with the ADMIN role, and answers unknown and other accounts’ programs as unknown', async () => {
    const demo = await t.app.bootstrap();
    const other = await t.app.bootstrap();
    const url = limitOf(demo.programs.student);
    const body = { quantity: 1, days: 1 };
    expect((await api(url, { body })).status).toBe(401);
    expect((await api(url, { method: 'DELETE' })).status).toBe(401);
    const verifier = (await api(`${t.app.url}/manage/v1/tokens`, { token: demo.token, body: { name: 'verifier', roles: ['VERIFIER'] } }))
      .json.token;
    const forbidden = await api(url, { token: verifier, body });
    expect(forbidden.status, forbidden.text).toBe(403);
    expect(forbidden.json).toMatchObject({ currentStep: 'error', errorIds: ['unauthorizedRequest'] });
    expect((await api(url, { token: verifier, method: 'DELETE' })).status).toBe(403);

    for (const programId of ['nope', UNKNOWN]) {
      for (const method of ['POST', 'DELETE']) {
        const r = await api(limitOf(programId), { token: demo.token, method, body: method === 'POST' ? body : undefined });
        expect(r.status, `${method} ${programId}`).toBe(404);
        expect(r.json).toMatchObject({ errorIds: ['noProgram'], systemErrorMessage: `Program with ID '${programId}' not found` });
      }
    }
    // Another account cannot set, delete or reset A's limit.
    expect((await api(url, { token: demo.token, body })).status).toBe(200);
    const id = await succeeds(demo.programs.student);
    for (const method of ['POST', 'DELETE']) {
      const r = await api(url, { token: other.token, method, body: method === 'POST' ? body : undefined });
      expect(r.status, method).toBe(404);
      expect(r.json).toMatchObject({ errorIds: ['noProgram'] });
    }
    await refused(demo.programs.student);

    const foreign = await api(resetOf(id), { token: other.token, method: 'POST' });
    const unknown = await api(resetOf(UNKNOWN), { token: other.token, method: 'POST' });
    expect(foreign.status, foreign.text).toBe(404);
    expect(foreign.json).toMatchObject({ verificationId: null, errorIds: ['noVerification'] });
    expect(foreign.text.replaceAll(id, '<id>')).toBe(unknown.text.replaceAll(UNKNOWN, '<id>'));
    expect((await api(resetOf(id), { method: 'POST' })).status).toBe(401);
    const resetByVerifier = await api(resetOf(id), { token: verifier, method: 'POST' });
    expect(resetByVerifier.status).toBe(403);
    const withBody = await api(resetOf(id), { token: demo.token, body: { everything: true } });
    expect(withBody.status, withBody.text).toBe(400);
    expect(withBody.json).toMatchObject({ verificationId: id, currentStep: 'error', errorIds: ['invalidRequest'] });
    await refused(demo.programs.student);
    // Starting with the person step is held to the same limit.
    const direct = await api(rest(`/verification/program/${demo.programs.student}/step/collectStudentPersonalInfo`), { body: randy });
    expect(direct.status, direct.text).toBe(429);
    expect(direct.json).toMatchObject({ currentStep: 'error', errorIds: ['verificationLimitExceeded'] });
    const someoneElse = await api(rest(`/verification/program/${demo.programs.student}/step/collectStudentPersonalInfo`), {
      body: { ...randy, firstName: 'Sandy' },
    });
    expect(someoneElse.json.currentStep, someoneElse.text).toBe('success');
  });
});
