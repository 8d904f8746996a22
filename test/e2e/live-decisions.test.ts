import { beforeAll, describe, expect, it } from 'vitest';
import { api, useTestApp } from '../support/app.ts';
import { VALID_BODIES } from '../support/bodies.ts';
import { UNLIMITED } from '../support/abuse.ts';

const t = useTestApp();

const csv = (url: string, token: string, text: string) =>
  api(url, { method: 'POST', raw: text, token, headers: { 'content-type': 'text/csv' } });

async function liveProgram(body: Record<string, unknown>) {
  // These cases send one person many times from one address: the abuse limits are test/e2e/abuse.test.ts's.
  const r = await api(`${t.app.url}/manage/v1/programs`, { token: t.demo.token, body: { testMode: false, abuse: UNLIMITED, ...body } });
  expect(r.status).toBe(201);
  return r.json.id as string;
}

async function run(programId: string, body: Record<string, unknown>, headers: Record<string, string> = {}) {
  const created = await api(`${t.app.url}/rest/v2/verification`, { body: { programId }, headers });
  expect(created.status).toBe(200);
  return api(created.json.submissionUrl, { body, headers });
}

const thisYear = new Date().getUTCFullYear();

describe('live programs decide from data sources', () => {
  let orgId: number;
  let studentProgram: string;

  beforeAll(async () => {
    const imported = await csv(
      `${t.app.url}/manage/v1/organizations/import`,
      t.demo.token,
      'name,type,country,domain\nRiverside Community College,POST_SECONDARY,US,riverside.example\n',
    );
    expect(imported.status).toBe(200);
    orgId = imported.json.organizations[0].id;
    const roster = await csv(
      `${t.app.url}/manage/v1/roster/import`,
      t.demo.token,
      [
        'organizationId,firstName,lastName,birthDate,email,affiliation,statusStartDate,statusEndDate',
        `${orgId},Ada,Lovelace,2003-12-10,ada@riverside.example,STUDENT_FULL_TIME,${thisYear - 1}-09-01,${thisYear + 1}-06-30`,
        `${orgId},Old,Timer,1999-01-01,old@riverside.example,STUDENT_FULL_TIME,2015-09-01,2019-06-30`,
      ].join('\n'),
    );
    expect(roster.json).toEqual({ imported: 2, replaced: false });
    studentProgram = await liveProgram({ name: 'Live students', segment: 'student', offerType: 'staticCode', staticCode: 'STUDENT10' });
  });

  it('finds the imported organization through the program search, next to the academic directory', async () => {
    const r = await api(`${t.app.url}/rest/v2/program/${studentProgram}/organization?name=riverside`);
    expect(r.status).toBe(200);
    expect(r.json[0]).toEqual({ id: orgId, name: 'Riverside Community College', country: 'US', type: 'POST_SECONDARY' });
    const mit = await api(`${t.app.url}/rest/v2/program/${studentProgram}/organization?name=Massachusetts%20Institute`);
    expect(mit.json.map((o: { name: string }) => o.name)).toContain('Massachusetts Institute of Technology');
  });

  it('succeeds for a person on the roster with a current status, whatever the name case and accents', async () => {
    const r = await run(studentProgram, {
      firstName: 'ADA',
      lastName: 'lovelace',
      birthDate: '2003-12-10',
      email: 'other@example.com',
      organization: { id: orgId, name: 'Riverside' },
    });
    expect(r.json).toMatchObject({ currentStep: 'success', rewardCode: 'STUDENT10' });
  });

  it('sends people not on the roster, or no longer current, to document upload', async () => {
    const stranger = await run(studentProgram, {
      ...VALID_BODIES.collectStudentPersonalInfo,
      organization: { id: orgId, name: 'Riverside' },
    });
    expect(stranger.json.currentStep).toBe('docUpload');
    const lapsed = await run(studentProgram, {
      firstName: 'Old',
      lastName: 'Timer',
      birthDate: '1999-01-01',
      email: 'old@riverside.example',
      organization: { id: orgId, name: 'Riverside' },
    });
    expect(lapsed.json.currentStep).toBe('docUpload');
  });

  it('answers an unknown or excluded organization with the recoverable invalidOrganization', async () => {
    const unknown = await run(studentProgram, { ...VALID_BODIES.collectStudentPersonalInfo, organization: { id: 1, name: 'Nowhere' } });
    expect(unknown.json).toMatchObject({ currentStep: 'collectStudentPersonalInfo', errorIds: ['invalidOrganization'] });
    const excluding = await liveProgram({ name: 'Excluding', segment: 'student', staticCode: 'X', excludedOrganizationIds: [orgId] });
    const excluded = await run(excluding, {
      firstName: 'Ada',
      lastName: 'Lovelace',
      birthDate: '2003-12-10',
      email: 'ada@riverside.example',
      organization: { id: orgId, name: 'R' },
    });
    expect(excluded.json.errorIds).toEqual(['invalidOrganization']);
  });

  it('decides age and senior programs from the birth date', async () => {
    const age = await liveProgram({ name: 'Over 21', segment: 'age', staticCode: 'AGE', minAge: 21 });
    const young = await run(age, { ...VALID_BODIES.collectAgePersonalInfo, birthDate: `${thisYear - 19}-01-01` });
    expect(young.json).toMatchObject({ currentStep: 'collectAgePersonalInfo', errorIds: ['underagePerson'] });
    const adult = await run(age, { ...VALID_BODIES.collectAgePersonalInfo, birthDate: `${thisYear - 30}-01-01` });
    expect(adult.json.currentStep).toBe('success');
    const senior = await liveProgram({ name: 'Seniors', segment: 'senior', staticCode: 'SENIOR' });
    const tooYoung = await run(senior, { ...VALID_BODIES.collectSeniorPersonalInfo, birthDate: `${thisYear - 40}-06-01` });
    expect(tooYoung.json.errorIds).toEqual(['underagePerson']);
    const old = await run(senior, VALID_BODIES.collectSeniorPersonalInfo);
    expect(old.json).toMatchObject({ currentStep: 'success', rewardCode: 'SENIOR' });
  });

  it('hands each pool code out once under concurrent successes, then reports the exhausted pool', async () => {
    const pool = await liveProgram({ name: 'Pool', segment: 'age', offerType: 'rewardPool' });
    const codes = Array.from({ length: 5 }, (_, i) => `CODE-${i}`);
    const up = await csv(`${t.app.url}/manage/v1/programs/${pool}/reward-codes`, t.demo.token, `code\n${codes.join('\n')}\nCODE-0\n`);
    expect(up.json).toEqual({ added: 5, remaining: 5 });
    const theme = await api(`${t.app.url}/rest/v2/program/${pool}/theme`);
    expect(theme.json.remainingRewardCodes).toBe(5);

    const started = await Promise.all(
      Array.from({ length: 8 }, () => api(`${t.app.url}/rest/v2/verification`, { body: { programId: pool } })),
    );
    const results = await Promise.all(started.map((s) => api(s.json.submissionUrl, { body: VALID_BODIES.collectAgePersonalInfo })));
    const won = results.filter((r) => r.json.currentStep === 'success').map((r) => r.json.rewardCode);
    const lost = results.filter((r) => r.json.currentStep === 'error');
    expect(new Set(won).size).toBe(won.length);
    expect(won.sort()).toEqual(codes);
    expect(lost).toHaveLength(3);
    for (const r of lost) expect(r.json.errorIds).toEqual(['noRemainingRewardCodes']);

    const next = await api(`${t.app.url}/rest/v2/verification`, { body: { programId: pool } });
    expect(next.status).toBe(409);
    expect(next.json).toMatchObject({ currentStep: 'error', errorIds: ['noRemainingRewardCodes'] });
  });

  it('refuses inactive and expired programs, and backend-only programs without a token', async () => {
    const future = await liveProgram({ name: 'Later', segment: 'age', staticCode: 'L', startDate: `${thisYear + 5}-01-01T00:00:00Z` });
    const past = await liveProgram({ name: 'Earlier', segment: 'age', staticCode: 'E', endDate: `${thisYear - 5}-01-01T00:00:00Z` });
    expect((await api(`${t.app.url}/rest/v2/verification`, { body: { programId: future } })).json.errorIds).toEqual(['inactiveProgram']);
    const expired = await api(`${t.app.url}/rest/v2/verification`, { body: { programId: past } });
    expect(expired.status).toBe(403);
    expect(expired.json.errorIds).toEqual(['expiredProgram']);

    const backend = await liveProgram({ name: 'Backend', segment: 'age', staticCode: 'B', requireBackendCreation: true });
    const anonymous = await api(`${t.app.url}/rest/v2/verification`, { body: { programId: backend } });
    expect(anonymous.status).toBe(401);
    expect(anonymous.json.currentStep).toBe('error');
    const withToken = await api(`${t.app.url}/rest/v2/verification`, { body: { programId: backend }, token: t.demo.token });
    expect(withToken.json.currentStep).toBe('collectAgePersonalInfo');
  });
});

describe('records and the one-call shortcut', () => {
  it('keeps metadata, tracking id, locale, client IP, user agent and every step, with PII encrypted at rest', async () => {
    const created = await api(`${t.app.url}/rest/v2/verification`, {
      body: { programId: t.demo.programs.student, trackingId: 'user-42', metadata: { campaign: 'spring' }, locale: 'fr-CA' },
      headers: { 'user-agent': 'VouchTest/1.0' },
    });
    expect(created.json.locale).toBe('en-US'); // the demo program only offers en-US
    await api(created.json.submissionUrl, {
      body: { ...VALID_BODIES.collectStudentPersonalInfo, email: 'secret.person@example.com', metadata: { step: 'one' } },
    });
    const details = await api(`${t.app.url}/rest/v2/verification/${created.json.verificationId}/details`, { token: t.demo.token });
    expect(details.status).toBe(200);
    expect(details.json).toMatchObject({
      trackingId: 'user-42',
      programId: t.demo.programs.student,
      metadata: { campaign: 'spring', step: 'one' },
      personInfo: { email: 'secret.person@example.com', firstName: 'Randy' },
      clientInfo: { ipAddress: '127.0.0.1', userAgent: 'VouchTest/1.0' },
    });
    expect(details.json.stepHistory.map((s: { step: string }) => s.step)).toEqual(['collectStudentPersonalInfo', 'success']);
    expect(details.json.personId).toMatch(/^[0-9a-f]{24}$/);

    const byTrackingUrl = `${t.app.url}/rest/v2/verification/program/${t.demo.programs.student}/trackingId/user-42`;
    const byTracking = await api(byTrackingUrl, { token: t.demo.token });
    expect(byTracking.json.verificationId).toBe(created.json.verificationId);
    // Program ids are public and tracking ids guessable: without the account's token the lookup names nothing.
    const anonymous = await api(byTrackingUrl);
    expect(anonymous.status).toBe(401);
    expect(anonymous.json).toMatchObject({ verificationId: null, currentStep: 'error', errorIds: ['invalidApiToken'] });

    const raw = await t.app.running.container.store.db
      .selectFrom('verifications')
      .selectAll()
      .where('id', '=', created.json.verificationId)
      .executeTakeFirstOrThrow();
    const dump = JSON.stringify(raw);
    for (const secret of ['secret.person@example.com', 'Randy', 'spring', '127.0.0.1']) expect(dump).not.toContain(secret);
    expect((await api(`${t.app.url}/rest/v2/verification/${created.json.verificationId}/details`)).status).toBe(401);
  });

  it('creates and submits in one call, and leaves nothing behind for a rejected body', async () => {
    const ok = await api(`${t.app.url}/rest/v2/verification/program/${t.demo.programs.teacher}/step/collectTeacherPersonalInfo`, {
      body: VALID_BODIES.collectTeacherPersonalInfo,
    });
    expect(ok.json).toMatchObject({ currentStep: 'success', segment: 'teacher' });

    const count = async () =>
      Number(
        (
          await t.app.running.container.store.db
            .selectFrom('verifications')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await count();
    const bad = await api(`${t.app.url}/rest/v2/verification/program/${t.demo.programs.teacher}/step/collectTeacherPersonalInfo`, {
      body: { ...VALID_BODIES.collectTeacherPersonalInfo, hacker: 1 },
    });
    expect(bad.status).toBe(400);
    expect(bad.json.errorIds).toEqual(['invalidRequest']);
    const wrongStep = await api(`${t.app.url}/rest/v2/verification/program/${t.demo.programs.teacher}/step/collectStudentPersonalInfo`, {
      body: VALID_BODIES.collectStudentPersonalInfo,
    });
    expect(wrongStep.json.errorIds).toEqual(['invalidStep']);
    expect(await count()).toBe(before);
  });

  it('serves a theme with a message for every errorId and the program CSS', async () => {
    const { ERROR_IDS } = await import('../../src/modules/eligibility-terms/index.ts');
    const theme = await api(`${t.app.url}/rest/v2/program/${t.demo.programs.student}/theme?locale=fr-CA`);
    expect(theme.json.intl.locale).toBe('fr-CA');
    for (const id of ERROR_IDS) expect(theme.json.intl.messages.errorId[id]).toBeTruthy();
    expect(theme.json).toMatchObject({ customCss: '', isTestMode: true, config: { segment: 'student', locales: ['en-US'] } });
  });

  it('serves Spanish (Spain) texts to a program offering es-ES, also when only the language is asked', async () => {
    const { ERROR_IDS } = await import('../../src/modules/eligibility-terms/index.ts');
    const created = await api(`${t.app.url}/manage/v1/programs`, {
      token: t.demo.token,
      body: {
        name: 'Ofertas Sol',
        segment: 'student',
        staticCode: 'SOL10',
        locales: ['es-ES', 'en-US'],
        messages: { 'es-ES': { step: { success: { title: '¡Bienvenido!' } } } },
      },
    });
    expect(created.status).toBe(201);
    const id = created.json.id as string;
    for (const asked of ['es-ES', 'es', 'es_ES']) {
      const theme = await api(`${t.app.url}/rest/v2/program/${id}/theme?locale=${asked}`);
      expect(theme.status).toBe(200);
      expect(theme.json.intl.locale).toBe('es-ES');
      const messages = theme.json.intl.messages;
      expect(messages.companyName).toBe('Ofertas Sol');
      expect(messages.field.email).toBe('Correo electrónico');
      expect(messages.errorId.invalidEmail).toBe('Introduce un correo electrónico válido.');
      expect(messages.step.success.title).toBe('¡Bienvenido!');
      expect(messages.step.success.subtitle).toContain('{companyName}');
      expect(messages.form.upload.progress).toBe('Subiendo {fileName}: {percent} %');
      for (const errorId of ERROR_IDS) expect(messages.errorId[errorId]).toBeTruthy();
      expect(theme.json.config.locales).toEqual(['es-ES', 'en-US']);
    }
    // Without a locale the program's first one is served; English stays English.
    expect((await api(`${t.app.url}/rest/v2/program/${id}/theme`)).json.intl.locale).toBe('es-ES');
    const english = await api(`${t.app.url}/rest/v2/program/${id}/theme?locale=en-US`);
    expect(english.json.intl).toMatchObject({ locale: 'en-US', messages: { field: { email: 'Email address' } } });
    expect(english.json.intl.messages.step.success.title).not.toBe('¡Bienvenido!');
  });

  it('refuses a program locale that is not offered, and stores nothing', async () => {
    const before = await api(`${t.app.url}/manage/v1/programs`, { token: t.demo.token });
    expect(before.status).toBe(200);
    const refused = await api(`${t.app.url}/manage/v1/programs`, {
      token: t.demo.token,
      body: { name: 'Ofertas México', segment: 'student', staticCode: 'MX', locales: ['es-MX'] },
    });
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.json)).toContain('locales');
    expect((await api(`${t.app.url}/manage/v1/programs`, { token: t.demo.token })).json).toEqual(before.json);
  });
});
