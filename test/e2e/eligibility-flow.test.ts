import { describe, expect, it } from 'vitest';
import { api, useTestApp } from '../support/app.ts';
import { VALID_BODIES } from '../support/bodies.ts';
import { expectShape, VERIFICATION_DETAILS, VERIFICATION_RESPONSE } from '../support/eligibility-schemas.ts';
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

  it('takes person bodies exactly as the hosted form and scripts send them (empty phone, boolean metadata, fingerprint) and succeeds', async () => {
    // The hosted form's client sends these headers with every call; they change nothing.
    const headers = { clientname: 'jslib', clientversion: '2.158.0', referer: `${t.app.url}/verify/` };
    const programId = t.demo.programs.student;
    const created = await api(`${t.app.url}/rest/v2/verification`, { body: { programId }, headers });
    expectShape(VERIFICATION_RESPONSE, created.json);
    const vid = created.json.verificationId;
    const form = {
      firstName: 'Randy',
      lastName: 'Random',
      birthDate: '2001-02-03',
      email: 'randy@example.com',
      phoneNumber: '',
      organization: { id: 1, idExtended: '1', name: 'Organization name' },
      deviceFingerprintHash: '8f14e45fceea167a5a36dedd4bea2543',
      locale: 'en-US',
      metadata: {
        marketConsentValue: false,
        verificationId: vid,
        refererUrl: `${t.app.url}/verify/${programId}/?verificationId=${vid}`,
        flags: '{"collect-info-step-email-first":"default","doc-upload-redesign-use-legacy-message-keys":false}',
        submissionOptIn: 'By submitting the personal information above, I acknowledge that my personal information is being collected.',
      },
    };
    const done = await api(created.json.submissionUrl, { body: form, headers });
    expect(done.status, done.text).toBe(200);
    expectShape(VERIFICATION_RESPONSE, done.json);
    expect(done.json).toMatchObject({ verificationId: vid, currentStep: 'success', errorIds: [], rewardCode: 'DEMO-STUDENT' });
    const details = await api(`${t.app.url}/rest/v2/verification/${vid}/details`, { token: t.demo.token });
    expectShape(VERIFICATION_DETAILS, details.json);
    expect(details.json.metadata).toEqual({ ...form.metadata, marketConsentValue: 'false' });
    expect(details.json.personInfo).toMatchObject({ deviceFingerprintHash: form.deviceFingerprintHash, locale: 'en-US' });
    expect(details.json.personInfo).not.toHaveProperty('phoneNumber');
    expect(details.json.confirmedSegments[0].segment).toBe('student');

    // A script's veteran: status first, then the person with an empty phone, a country and a short metadata map.
    const military = await api(`${t.app.url}/rest/v2/verification`, { body: { programId: t.demo.programs.military }, headers });
    const status = await api(military.json.submissionUrl, { body: { status: 'VETERAN' }, headers });
    const veteran = await api(status.json.submissionUrl, {
      headers,
      body: {
        firstName: 'Vera',
        lastName: 'Veteran',
        birthDate: '1970-01-01',
        email: 'vera@example.com',
        phoneNumber: '',
        organization: { id: 4070, name: 'Army' },
        dischargeDate: '1995-06-30',
        locale: 'en-US',
        country: 'US',
        deviceFingerprintHash: '',
        metadata: { marketConsentValue: false, refererUrl: '', verificationId: military.json.verificationId },
      },
    });
    expect(veteran.status, veteran.text).toBe(200);
    expect(veteran.json).toMatchObject({ currentStep: 'success', segment: 'military', subSegment: 'veteran' });
  });

  it('an identity program of the driverLicense sub-segment starts at its own step and succeeds in test mode', async () => {
    const program = await api(`${t.app.url}/manage/v1/programs`, {
      token: t.demo.token,
      body: { name: 'Driver licence', segment: 'identity', subSegments: ['driverLicense'], staticCode: 'DL' },
    });
    const created = await start(program.json.id);
    expect(created).toMatchObject({ currentStep: 'collectDriverLicensePersonalInfo', segment: 'identity', subSegment: 'driverLicense' });
    const done = await api(created.submissionUrl, { body: VALID_BODIES.collectDriverLicensePersonalInfo });
    expect(done.json).toMatchObject({ currentStep: 'success', subSegment: 'driverLicense', rewardCode: 'DL' });
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

describe(`bodies refused by their schemas, in the dialect's shape, changing nothing (${TEST_STORE})`, () => {
  const db = () => t.app.running.container.store.db;
  const verifications = async () =>
    Number(
      (
        await db()
          .selectFrom('verifications')
          .select((eb) => eb.fn.countAll().as('n'))
          .where('account_id', '=', t.demo.accountId)
          .executeTakeFirstOrThrow()
      ).n,
    );
  const refusal = (r: Awaited<ReturnType<typeof api>>, message: string) => {
    expect(r.status, r.text).toBe(400);
    expect(r.json).toMatchObject({ currentStep: 'error', errorIds: ['invalidRequest'], systemErrorMessage: message });
  };

  it('a start names the unknown property, then each wrong type, and creates nothing', async () => {
    const programId = t.demo.programs.student;
    const before = await verifications();
    const start = (body: unknown) => api(`${t.app.url}/rest/v2/verification`, { body });
    refusal(
      await start({ programId, trackingId: 7, campaign: 'x' }),
      "Unexpected property 'campaign', expected one of: programId, trackingId, installPageUrl, metadata, locale, country",
    );
    refusal(await start({ programId: 42 }), "Property 'programId' is required and must be a string");
    refusal(await start({ programId, trackingId: 7 }), "Property 'trackingId' must be a string of 1 to 200 printable characters");
    refusal(await start({ programId, metadata: ['a'] }), "Property 'metadata' must be an object of string values");
    refusal(await start({ programId, locale: 'english' }), "Property 'locale' must look like 'en-US'");
    refusal(await start([programId]), 'Request body must be a JSON object');
    // The metadata's own limits keep their errorIds.
    const many = Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, 'v']));
    expect((await start({ programId, metadata: many })).json).toMatchObject({
      currentStep: 'error',
      errorIds: ['maxMetadataValuesExceeded'],
    });
    expect(await verifications()).toBe(before);
  });

  it('a step refusal names the verification (as the seed shows) and the property; values stay recoverable errorIds', async () => {
    const created = await start(t.demo.programs.student);
    const body = VALID_BODIES.collectStudentPersonalInfo;
    const step = (b: unknown) => api(created.submissionUrl, { body: b });
    const wrongType = await step({ ...body, firstName: 5 });
    refusal(wrongType, "Property 'firstName' must be a string");
    expect(wrongType.json).toMatchObject({ verificationId: created.verificationId, segment: 'student', subSegment: null, locale: 'en-US' });
    refusal(
      await step({ ...body, organization: { id: 1, name: 'Organization name', type: 'UNIVERSITY' } }),
      "Unexpected property 'organization.type', expected one of: id, name, idExtended, source",
    );
    refusal(
      await step({ ...body, statuses: 'STUDENT' }),
      expect.stringMatching(/^Unexpected property 'statuses', expected one of: firstName,/) as never,
    );
    refusal(await step({ ...body, metadata: 'spring', lastName: ['Random'] }), "Property 'lastName' must be a string");
    // What the values say is still answered on the same step, with errorIds (an absent or null birth date, an organization id of the wrong type).
    const recoverable = await step({ ...body, birthDate: null, email: 'notValidEmail,com', organization: { id: 'one', name: 'x' } });
    expect(recoverable.status).toBe(200);
    expect(recoverable.json).toMatchObject({
      currentStep: 'collectStudentPersonalInfo',
      errorIds: ['invalidBirthDate', 'invalidEmail', 'invalidOrganization'],
    });
    expect((await api(`${t.app.url}/rest/v2/verification/${created.verificationId}`)).json).toEqual(created);

    const military = await start(t.demo.programs.military);
    refusal(await api(military.submissionUrl, { body: { status: 5 } }), "Property 'status' must be a string");
    refusal(
      await api(military.submissionUrl, { body: { status: 'VETERAN', branch: 'NAVY' } }),
      "Unexpected property 'branch', expected one of: status",
    );
    expect((await api(`${t.app.url}/rest/v2/verification/${military.verificationId}`)).json).toEqual(military);
  });

  it('a step posted out of order is answered invalidStep before its body is read', async () => {
    const created = await start(t.demo.programs.student);
    const wrong = await api(`${t.app.url}/rest/v2/verification/${created.verificationId}/step/collectTeacherPersonalInfo`, {
      body: { zz: 1 },
    });
    expect(wrong.status).toBe(400);
    expect(wrong.json).toMatchObject({ errorIds: ['invalidStep'], verificationId: created.verificationId });
    const unknown = await api(`${t.app.url}/rest/v2/verification/${'a'.repeat(24)}/step/collectStudentPersonalInfo`, { body: { zz: 1 } });
    expect(unknown.status).toBe(404);
    expect(unknown.json.errorIds).toEqual(['noVerification']);
  });

  it('the one-call start refuses a first step of the wrong shape and leaves no verification behind', async () => {
    const before = await verifications();
    const teacher = await api(`${t.app.url}/rest/v2/verification/program/${t.demo.programs.teacher}/step/collectTeacherPersonalInfo`, {
      body: { ...VALID_BODIES.collectTeacherPersonalInfo, email: 5 },
    });
    refusal(teacher, "Property 'email' must be a string");
    expect(teacher.json.verificationId).toBeNull();
    const military = await api(`${t.app.url}/rest/v2/verification/program/${t.demo.programs.military}/step/collectMilitaryStatus`, {
      body: { status: 5 },
    });
    refusal(military, "Property 'status' must be a string");
    expect(await verifications()).toBe(before);
  });

  it('a verification report refuses an unknown property and each wrong type', async () => {
    const report = (body: unknown) => api(`${t.app.url}/rest/v2/report/verification`, { token: t.demo.token, body });
    refusal(
      await report({ format: 'CSV', fields: ['EMAIL'] }),
      "Unexpected property 'fields', expected one of: format, startDate, endDate, programIds, verificationModeInclusion, isPiiIncluded, piiReason, standardFields, personFields, metadataFields",
    );
    refusal(await report({ format: 'CSV', isPiiIncluded: 'yes' }), 'isPiiIncluded must be true or false');
    refusal(await report({ format: 'CSV', programIds: [t.demo.programs.student, 7] }), 'programIds must be an array of program ids');
    refusal(await report({ format: 'CSV', startDate: '2030-01-01', endDate: '2029-01-01' }), 'startDate must not be after endDate');
    expect((await report({ format: 'CSV', isPiiIncluded: false, verificationModeInclusion: null })).json).toMatchObject({
      status: 'PENDING',
    });
  });

  it('a refused body sent with an Idempotency-Key is kept under the key and replayed', async () => {
    const key = `refused-${Date.now()}`;
    const send = () =>
      api(`${t.app.url}/rest/v2/verification`, { body: { programId: 7 }, headers: { 'idempotency-key': key }, token: t.demo.token });
    const first = await send();
    refusal(first, "Property 'programId' is required and must be a string");
    const again = await send();
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.text).toBe(first.text);
  });

  it('a program definition is refused in problem details naming each finding, and nothing is stored', async () => {
    const programs = async () => (await api(`${t.app.url}/manage/v1/programs`, { token: t.demo.token })).json as unknown[];
    const before = await programs();
    const r = await api(`${t.app.url}/manage/v1/programs`, {
      token: t.demo.token,
      body: { name: 'Refused', segment: 'student', staticCode: 'X', maxAge: 'old', colour: 'red' },
    });
    expect(r.status).toBe(400);
    expect(r.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(r.json).toMatchObject({ title: 'invalidRequest', status: 400, detail: expect.stringMatching(/^Invalid request: maxAge: /) });
    expect(r.json.issues.map((i: { path: string }) => i.path)).toEqual(['/maxAge', '/']);
    expect(r.json.issues[1].message).toContain('colour');
    const codes = await api(`${t.app.url}/manage/v1/programs/${t.demo.programs.student}/reward-codes`, {
      token: t.demo.token,
      body: ['A-1'],
    });
    expect(codes.status).toBe(400);
    expect(codes.json.detail).toBe('Invalid request: Send the codes as text/csv, one code per line');
    expect(await programs()).toEqual(before);
  });
});
