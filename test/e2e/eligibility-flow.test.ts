import { describe, expect, it } from 'vitest';
import { api, useTestApp } from '../support/app.ts';
import { VALID_BODIES } from '../support/bodies.ts';
import { TEST_STORE } from '../support/stores.ts';

const t = useTestApp();

const HEX24 = /^[0-9a-f]{24}$/;

async function start(programId: string) {
  const r = await api(`${t.app.url}/rest/v2/verification`, { body: { programId } });
  expect(r.status).toBe(200);
  return r.json;
}

describe(`eligibility flow over HTTP (${TEST_STORE})`, () => {
  it('serves /info and the seed example flow for a student: create, submit, success with the reward code', async () => {
    const info = await api(`${t.app.url}/rest/v2/info`, { token: t.demo.token });
    expect(info.status).toBe(200);
    expect(info.json.sheeridVersion).toBe('2.0.0');

    const created = await start(t.demo.programs.student);
    expect(created).toMatchObject({ currentStep: 'collectStudentPersonalInfo', errorIds: [], segment: 'student', subSegment: null });
    expect(created.verificationId).toMatch(HEX24);
    expect(created.submissionUrl).toBe(`${t.app.url}/rest/v2/verification/${created.verificationId}/step/collectStudentPersonalInfo`);

    // The seed's example body, verbatim but for a concrete birth date.
    const seedBody = {
      firstName: 'Randy',
      lastName: 'Random',
      birthDate: '2000-01-01',
      email: 'randy@example.com',
      organization: { id: 1, name: 'Organization name' },
    };
    const done = await api(created.submissionUrl, { body: seedBody });
    expect(done.status).toBe(200);
    expect(done.json).toMatchObject({
      verificationId: created.verificationId,
      currentStep: 'success',
      rewardCode: 'DEMO-STUDENT',
      errorIds: [],
      segment: 'student',
      subSegment: null,
      locale: 'en-US',
      country: 'US',
    });
    const status = await api(`${t.app.url}/rest/v2/verification/${created.verificationId}`);
    expect(status.json).toEqual(done.json);
  });

  it.each(
    Object.entries({
      student: 'collectStudentPersonalInfo',
      teacher: 'collectTeacherPersonalInfo',
      senior: 'collectSeniorPersonalInfo',
      age: 'collectAgePersonalInfo',
      firstResponder: 'collectFirstResponderPersonalInfo',
      medical: 'collectMedicalProfessionalPersonalInfo',
      employment: 'collectEmployeePersonalInfo',
      member: 'collectMemberPersonalInfo',
      licensedProfessional: 'collectLicensedProfessionalInfo',
      recentMover: 'collectMoverPersonalInfo',
      lowIncome: 'collectLowIncomePersonalInfo',
      identity: 'collectGeneralIdentityPersonalInfo',
    }),
  )('segment %s starts at %s and succeeds in test mode', async (segment, step) => {
    const created = await start(t.demo.programs[segment]);
    expect(created.currentStep).toBe(step);
    expect(created.segment).toBe(segment);
    const done = await api(created.submissionUrl, { body: VALID_BODIES[step] });
    expect(done.json.currentStep).toBe('success');
    expect(done.json.rewardCode).toBe(`DEMO-${segment.toUpperCase()}`);
  });

  it('takes metadata keys of any name, those of its own error objects too (kind, errorId, message)', async () => {
    const r = await api(`${t.app.url}/rest/v2/verification`, {
      body: { programId: t.demo.programs.student, metadata: { kind: 'spring' } },
    });
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ currentStep: 'collectStudentPersonalInfo', errorIds: [] });
    const metadata = { kind: 'invalidRequest', errorId: 'x', message: 'y' };
    const step = await api(r.json.submissionUrl, { body: { ...VALID_BODIES.collectStudentPersonalInfo, metadata } });
    expect(step.status).toBe(200);
    expect(step.json).toMatchObject({ currentStep: 'success', errorIds: [] });
  });

  it('posts the licensed-professional step under its documented path name', async () => {
    const created = await start(t.demo.programs.licensedProfessional);
    expect(created.submissionUrl).toMatch(/\/step\/collectLicensedProfessionalPersonalInfo$/);
    const done = await api(created.submissionUrl, { body: VALID_BODIES.collectLicensedProfessionalInfo });
    expect(done.json).toMatchObject({ currentStep: 'success', subSegment: 'architect' });
  });

  it('asks military for a status first, then routes to the active or inactive step', async () => {
    const created = await start(t.demo.programs.military);
    expect(created.currentStep).toBe('collectMilitaryStatus');
    expect(created.availableStatuses).toContain('VETERAN');
    const bad = await api(created.submissionUrl, { body: { status: 'ADMIRAL' } });
    expect(bad.json).toMatchObject({ currentStep: 'collectMilitaryStatus', errorIds: ['invalidMilitaryStatus'] });
    const vet = await api(created.submissionUrl, { body: { status: 'VETERAN' } });
    expect(vet.json).toMatchObject({ currentStep: 'collectInactiveMilitaryPersonalInfo', subSegment: 'veteran' });
    const done = await api(vet.json.submissionUrl, { body: VALID_BODIES.collectInactiveMilitaryPersonalInfo });
    expect(done.json).toMatchObject({ currentStep: 'success', subSegment: 'veteran' });

    const active = await start(t.demo.programs.military);
    const next = await api(active.submissionUrl, { body: { status: 'ACTIVE_DUTY' } });
    expect(next.json).toMatchObject({ currentStep: 'collectActiveMilitaryPersonalInfo', subSegment: 'activeDuty' });
  });

  it('answers the seed recoverable example with invalidBirthDate and invalidEmail, on the same step, changing nothing', async () => {
    const created = await start(t.demo.programs.student);
    const r = await api(created.submissionUrl, {
      body: {
        firstName: 'First',
        lastName: 'Last',
        birthDate: '1-1-1',
        email: 'notValidEmail,com',
        organization: { id: 1, name: 'Organization name' },
      },
    });
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({
      currentStep: 'collectStudentPersonalInfo',
      errorIds: ['invalidBirthDate', 'invalidEmail'],
      segment: 'student',
    });
    const status = await api(`${t.app.url}/rest/v2/verification/${created.verificationId}`);
    expect(status.json).toEqual(created);
  });

  it('answers the seed unexpected-property example as a non-recoverable invalidRequest naming the property', async () => {
    const created = await start(t.demo.programs.student);
    const r = await api(created.submissionUrl, {
      body: { firstName: 'First', lastName: 'Last', birthDate: '1-1-1', email: 'notValidEmail,com', invalidKey: 'something' },
    });
    expect(r.status).toBe(400);
    expect(r.json.currentStep).toBe('error');
    expect(r.json.errorIds).toEqual(['invalidRequest']);
    expect(r.json.systemErrorMessage).toMatch(/^Unexpected property 'invalidKey', expected one of: firstName, lastName, .*metadata/);
    expect((await api(`${t.app.url}/rest/v2/verification/${created.verificationId}`)).json).toEqual(created);
  });

  it('leads REJECTED and UPLOAD to docUpload and __ERROR__ to a simulated error', async () => {
    for (const firstName of ['REJECTED', 'UPLOAD']) {
      const created = await start(t.demo.programs.student);
      const r = await api(created.submissionUrl, { body: { ...VALID_BODIES.collectStudentPersonalInfo, firstName } });
      expect(r.json).toMatchObject({
        currentStep: 'docUpload',
        errorIds: [],
        submissionUrl: `${t.app.url}/rest/v2/verification/${created.verificationId}/step/docUpload`,
      });
    }
    const created = await start(t.demo.programs.teacher);
    const r = await api(created.submissionUrl, { body: { ...VALID_BODIES.collectTeacherPersonalInfo, firstName: '__ERROR__' } });
    expect(r.json).toMatchObject({ currentStep: 'error', errorIds: ['simulatedError'] });
    expect(r.json.systemErrorMessage).toBeTruthy();
  });

  it('refuses steps out of order, unknown verifications and unknown programs, in the dialect shape', async () => {
    const created = await start(t.demo.programs.student);
    const wrong = await api(`${t.app.url}/rest/v2/verification/${created.verificationId}/step/collectTeacherPersonalInfo`, {
      body: VALID_BODIES.collectTeacherPersonalInfo,
    });
    expect(wrong.status).toBe(400);
    expect(wrong.json).toMatchObject({ currentStep: 'error', errorIds: ['invalidStep'], verificationId: created.verificationId });

    const missing = await api(`${t.app.url}/rest/v2/verification/aaaaaaaaaaaaaaaaaaaaaaaa`);
    expect(missing.status).toBe(404);
    expect(missing.json).toMatchObject({
      verificationId: null,
      currentStep: 'error',
      errorIds: ['noVerification'],
      segment: null,
      subSegment: null,
    });

    const noProgram = await api(`${t.app.url}/rest/v2/verification`, { body: { programId: 'bbbbbbbbbbbbbbbbbbbbbbbb' } });
    expect(noProgram.status).toBe(404);
    expect(noProgram.json).toMatchObject({ currentStep: 'error', errorIds: ['noProgram'] });
    expect(noProgram.json.systemErrorMessage).toContain('bbbbbbbbbbbbbbbbbbbbbbbb');

    const done = await api(created.submissionUrl, { body: VALID_BODIES.collectStudentPersonalInfo });
    expect(done.json.currentStep).toBe('success');
    const again = await api(created.submissionUrl, { body: VALID_BODIES.collectStudentPersonalInfo });
    expect(again.json).toMatchObject({ currentStep: 'error', errorIds: ['invalidStep'] });
  });

  it('answers malformed JSON, a wrong content type and an oversized body without a 5xx', async () => {
    const created = await start(t.demo.programs.student);
    const malformed = await api(created.submissionUrl, {
      raw: '{"firstName": ',
      headers: { 'content-type': 'application/json' },
      method: 'POST',
    });
    expect(malformed.status).toBe(400);
    expect(malformed.json).toMatchObject({ currentStep: 'error', errorIds: ['invalidRequest'] });
    const xml = await api(created.submissionUrl, { raw: '<person/>', headers: { 'content-type': 'application/xml' }, method: 'POST' });
    expect(xml.status).toBe(415);
    expect(xml.json.currentStep).toBe('error');
    const huge = await api(created.submissionUrl, {
      raw: JSON.stringify({ firstName: 'x'.repeat(2_000_000) }),
      headers: { 'content-type': 'application/json' },
      method: 'POST',
    });
    expect(huge.status).toBe(413);
    expect(huge.json.currentStep).toBe('error');
    expect((await api(`${t.app.url}/rest/v2/verification/${created.verificationId}`)).json).toEqual(created);
  });
});
