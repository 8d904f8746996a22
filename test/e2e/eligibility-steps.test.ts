import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, type Demo, startTestApp, type TestApp } from '../support/app.ts';
import { VALID_BODIES } from '../support/bodies.ts';
import {
  CANCELLABLE_RESPONSE,
  EMAIL_LOOP_RESPONSE,
  ERROR_RESPONSE,
  expectShape,
  REMEMBER_ME_CALL_TO_ACTION,
  SMS_LOOP_RESPONSE,
  SSO_RESPONSE,
  SUCCESS_RESPONSE,
  VERIFICATION_DETAILS,
  VERIFICATION_RESPONSE,
} from '../support/eligibility-schemas.ts';
import { makePng } from '../support/fixtures.ts';
import { td3 } from '../support/mrz.ts';
import { oneRoleTokens } from '../support/role-tokens.ts';
import { type SmtpSink, startSmtpSink } from '../support/smtp-sink.ts';
import { TEST_STORE } from '../support/stores.ts';

/**
 * The steps beside the person's usual flow (SheerID §2.3, §2.4): the result override, the marketplace start
 * and its token step, and Remember-Me (identifier, mailed code, gaps, consent). Each: the answer's shape,
 * the move it makes, and bad input refused in the dialect's shape, changing nothing.
 */

const t = {} as { app: TestApp };
let sink: SmtpSink;
let demo: Demo;
let verifierOnly: string;
const rest = (path: string) => `${t.app.url}/rest/v2${path}`;
const randy = VALID_BODIES.collectStudentPersonalInfo;
const OVERRIDE_CODE = 'HELPDESK-7734-XQ';

/** The server's clock: the real time, moved ahead by the expiry tests. */
let ahead = 0;
const clock = { now: () => new Date(Date.now() + ahead) };

beforeAll(async () => {
  sink = await startSmtpSink();
  t.app = await startTestApp({ SMTP_URL: sink.url }, { clock });
  demo = await t.app.bootstrap();
  verifierOnly = (await oneRoleTokens(t.app.url, demo.token, ['VERIFIER'])).verifier;
});
afterAll(async () => {
  await t.app?.close();
  await sink?.close();
});

/** A live-looking student program of the demo account with `settings`, created through the management API. */
async function program(settings: Record<string, unknown>, token = demo.token): Promise<string> {
  const r = await api(`${t.app.url}/manage/v1/programs`, {
    token,
    body: { name: `Steps ${Math.random().toString(36).slice(2, 8)}`, segment: 'student', ...settings },
  });
  expect(r.status, r.text).toBe(201);
  return r.json.id;
}

async function start(programId: string) {
  const r = await api(rest('/verification'), { body: { programId } });
  expect(r.status, r.text).toBe(200);
  return r.json;
}

const override = (id: string, body: unknown) => api(rest(`/verification/${id}/step/resultOverride`), { body });

describe(`resultOverride (${TEST_STORE})`, () => {
  let withCodes: string;
  beforeAll(async () => {
    withCodes = await program({ overrideCodes: [OVERRIDE_CODE], maxOverrideAttempts: 3, offerType: 'staticCode', staticCode: 'OVR-1' });
  });

  it('keeps the codes secret: the program shows how many, never the codes', async () => {
    const shown = await api(`${t.app.url}/manage/v1/programs/${withCodes}`, { token: demo.token });
    expect(shown.status, shown.text).toBe(200);
    expect(shown.json.overrideCodeCount).toBe(1);
    expect(shown.text).not.toContain(OVERRIDE_CODE);
    expect(shown.json.overrideCodes).toBeUndefined();
    // The theme tells a form whether to offer the override.
    expect((await api(rest(`/program/${withCodes}/theme`))).json.overrideEnabled).toBe(true);
    expect((await api(rest(`/program/${demo.programs.student}/theme`))).json.overrideEnabled).toBe(false);
  });

  it('approves with the right code from the person step, with the reward, and says so in the details', async () => {
    const v = await start(withCodes);
    const r = await override(v.verificationId, { overrideCode: OVERRIDE_CODE });
    expect(r.status, r.text).toBe(200);
    expectShape(SUCCESS_RESPONSE, r.json);
    expect(r.json).toMatchObject({ currentStep: 'success', rewardCode: 'OVR-1', errorIds: [] });
    const details = await api(rest(`/verification/${v.verificationId}/details`), { token: demo.token });
    expectShape(VERIFICATION_DETAILS, details.json);
    expect(details.json).toMatchObject({ verificationMethod: 'MANUAL', approvingVerificationTypes: ['other'] });
    // Nothing is left to override.
    const again = await override(v.verificationId, { overrideCode: OVERRIDE_CODE });
    expect(again.status).toBe(400);
    expect(again.json.errorIds).toEqual(['invalidStep']);
  });

  it('overrides a refusal too: from docUpload after the person step found no match', async () => {
    const v = await start(withCodes);
    const docs = await api(v.submissionUrl, { body: { ...randy, firstName: 'UPLOAD' } });
    expect(docs.json.currentStep).toBe('docUpload');
    const r = await override(v.verificationId, { overrideCode: OVERRIDE_CODE });
    expect(r.json.currentStep).toBe('success');
  });

  it('answers a wrong code on the same step, and ends the verification at the attempt limit with 429', async () => {
    const v = await start(withCodes);
    for (const body of [{ overrideCode: 'WRONG-CODE-1' }, {}]) {
      const r = await override(v.verificationId, body);
      expect(r.status, r.text).toBe(200);
      expect(r.json).toMatchObject({ currentStep: 'collectStudentPersonalInfo', errorIds: ['invalidOverrideCode'] });
    }
    const last = await override(v.verificationId, { overrideCode: OVERRIDE_CODE.toLowerCase() });
    expect(last.status, last.text).toBe(429);
    expectShape(ERROR_RESPONSE, last.json);
    expect(last.json.errorIds).toEqual(['incorrectVerificationOverrideCodeAttemptLimitExceeded']);
    // The right code no longer helps, and the person step is over.
    expect((await override(v.verificationId, { overrideCode: OVERRIDE_CODE })).status).toBe(400);
    const now = await api(rest(`/verification/${v.verificationId}`));
    expect(now.json).toMatchObject({ currentStep: 'error', errorIds: ['incorrectVerificationOverrideCodeAttemptLimitExceeded'] });
  });

  it('refuses bodies of the wrong shape without counting them, and programs without codes', async () => {
    const v = await start(withCodes);
    for (const [body, message] of [
      [{ overrideCode: 5 }, /overrideCode' must be a string/],
      [{ code: OVERRIDE_CODE }, /Unexpected property 'code'/],
      [[OVERRIDE_CODE], /JSON object/],
    ] as const) {
      const r = await override(v.verificationId, body);
      expect(r.status, r.text).toBe(400);
      expect(r.json).toMatchObject({ verificationId: v.verificationId, errorIds: ['invalidRequest'] });
      expect(r.json.systemErrorMessage).toMatch(message);
    }
    // Three refusals counted nothing: the right code still works.
    expect((await override(v.verificationId, { overrideCode: OVERRIDE_CODE })).json.currentStep).toBe('success');

    const plain = await start(demo.programs.student);
    const r = await override(plain.verificationId, { overrideCode: OVERRIDE_CODE });
    expect(r.status).toBe(400);
    expect(r.json.errorIds).toEqual(['invalidStep']);
    expect((await api(rest(`/verification/${plain.verificationId}`))).json.currentStep).toBe('collectStudentPersonalInfo');
  });
});

describe(`the marketplace flow (${TEST_STORE})`, () => {
  let market: string;
  beforeAll(async () => {
    market = await program({ marketplace: true, offerType: 'noCode' });
  });
  const marketplace = (body: unknown, token = verifierOnly) => api(rest('/verification/marketplace'), { token, body });
  const subject = { email: 'randy@example.com', metadata: { orderId: 'A-17', gift: true } };

  it('starts on collectMarketplaceToken with a token; the token leads to the person step and on to success', async () => {
    const r = await marketplace({ programId: market, trackingId: 'order-17', subject });
    expect(r.status, r.text).toBe(200);
    expectShape(VERIFICATION_RESPONSE, r.json);
    expect(r.json.currentStep).toBe('collectMarketplaceToken');
    expect(r.json.verificationToken).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(r.json.submissionUrl).toMatch(/\/step\/collectMarketplaceToken$/);
    // The token is shown once: the status does not repeat it.
    const status = await api(rest(`/verification/${r.json.verificationId}`));
    expect(status.json.verificationToken).toBeUndefined();
    expect(status.json.currentStep).toBe('collectMarketplaceToken');

    const next = await api(r.json.submissionUrl, { body: { verificationToken: r.json.verificationToken } });
    expect(next.status, next.text).toBe(200);
    expect(next.json.currentStep).toBe('collectStudentPersonalInfo');
    const done = await api(next.json.submissionUrl, { body: randy });
    expect(done.json.currentStep).toBe('success');
    const details = await api(rest(`/verification/${r.json.verificationId}/details`), { token: demo.token });
    expect(details.json.metadata).toMatchObject({ orderId: 'A-17', gift: 'true' });
    expect(details.json.trackingId).toBe('order-17');
  });

  it('ends the verification on a wrong token (non-recoverable), and the token cannot be tried again', async () => {
    const r = await marketplace({ programId: market, subject });
    const wrong = await api(r.json.submissionUrl, { body: { verificationToken: 'x'.repeat(32) } });
    expect(wrong.status, wrong.text).toBe(200);
    expect(wrong.json).toMatchObject({ currentStep: 'error', errorIds: ['invalidVerificationToken'] });
    const late = await api(r.json.submissionUrl, { body: { verificationToken: r.json.verificationToken } });
    expect(late.status).toBe(400);
    expect(late.json.errorIds).toEqual(['invalidStep']);
  });

  it('refuses programs not set up for it, other accounts, no token, and bad bodies, creating nothing', async () => {
    const notMarket = await marketplace({ programId: demo.programs.student, subject });
    expect(notMarket.status, notMarket.text).toBe(400);
    expect(notMarket.json.errorIds).toEqual(['invalidProgram']);
    expect(notMarket.json.systemErrorMessage).toMatch(/is not setup to perform this step/);

    const other = await t.app.bootstrap();
    const foreign = await marketplace({ programId: market, subject }, other.token);
    expect(foreign.status).toBe(404);
    expect(foreign.json.errorIds).toEqual(['noProgram']);
    expect((await marketplace({ programId: market, subject }, '')).status).toBe(401);

    for (const [body, message] of [
      [{ programId: market }, /'subject' is required/],
      [{ programId: market, subject: {} }, /subject.email' is required/],
      [{ programId: market, subject: { email: 'not-an-email' } }, /subject.email'/],
      [{ programId: market, subject: { ...subject, ssn: '1' } }, /Unexpected property 'subject.ssn'/],
      [{ programId: market, subject, extra: 1 }, /Unexpected property 'extra'/],
    ] as const) {
      const r = await marketplace(body);
      expect(r.status, r.text).toBe(400);
      expect(r.json.errorIds).toEqual(['invalidRequest']);
      expect(r.json.systemErrorMessage).toMatch(message);
    }
    const search = await api(rest('/verification/search'), { token: demo.token, body: { filter: { programId: market } } });
    expect(search.status, search.text).toBe(200);
    // Only the two verifications the tests above started exist: every refusal here created nothing.
    expect(search.json.results).toHaveLength(2);
  });
});

describe(`Remember-Me (${TEST_STORE})`, () => {
  let student: string;
  let age: string;
  beforeAll(async () => {
    student = await program({ rememberMe: true, offerType: 'staticCode', staticCode: 'MEMO-1' });
    age = await program({ segment: 'age', rememberMe: true, offerType: 'noCode' });
  });
  const step = (id: string, name: string, body?: unknown, method?: string) =>
    api(rest(`/verification/${id}/step/${name}`), { body, method });
  const callToAction = (id: string) => api(rest(`/verification/${id}/rememberMeCallToAction`));
  const remember = (id: string, body: unknown) => api(rest(`/verification/${id}/rememberConsumer`), { body });
  /** The 6-digit code of the latest mail to `to`. */
  async function mailedCode(to: string, before: number) {
    await sink.waitFor(before + 1);
    const mail = sink.messages.slice(before).find((m) => m.to.some((a) => a.toLowerCase() === to));
    expect(mail, `a mail to ${to}`).toBeDefined();
    return /\b(\d{6})\b/.exec(mail!.text)![1];
  }
  /** A new verification of `programId` on completeAuthentication for `email`, and the code mailed. */
  async function authenticating(programId: string, email: string) {
    const v = await start(programId);
    const before = sink.messages.length;
    const r = await step(v.verificationId, 'collectIdentifier', { email });
    expect(r.status, r.text).toBe(200);
    expectShape(CANCELLABLE_RESPONSE('completeAuthentication'), r.json);
    expect(r.json.cancelUrl).toBe(r.json.submissionUrl);
    return { id: v.verificationId as string, code: await mailedCode(email.trim().toLowerCase(), before), r };
  }

  it('a person not remembered goes on with the usual steps, then agrees to be remembered', async () => {
    const v = await start(student);
    expect(v.currentStep).toBe('collectIdentifier');
    const bad = await step(v.verificationId, 'collectIdentifier', { email: 'not-an-email' });
    expect(bad.json).toMatchObject({ currentStep: 'collectIdentifier', errorIds: ['invalidEmail'] });
    const unknown = await step(v.verificationId, 'collectIdentifier', { email: 'mia@example.com' });
    expect(unknown.json).toMatchObject({ currentStep: 'collectStudentPersonalInfo', errorIds: [] });
    const done = await api(unknown.json.submissionUrl, { body: { ...randy, firstName: 'Mia', email: 'mia@example.com' } });
    expect(done.json.currentStep).toBe('success');

    const offer = await callToAction(v.verificationId);
    expect(offer.status, offer.text).toBe(200);
    expectShape(REMEMBER_ME_CALL_TO_ACTION, offer.json);
    expect(offer.json).toMatchObject({ verificationId: v.verificationId, alreadyRemembered: false });
    expect(offer.json.collectedInformation.collectedFields).toEqual(
      expect.arrayContaining(['firstName', 'lastName', 'email', 'birthDate']),
    );
    expect(offer.json.collectedInformation.organization).toEqual({ id: 1, name: expect.any(String) });
    expect(offer.text).not.toContain('Mia');

    const yes = await remember(v.verificationId, { rememberMeConsentValue: true });
    expect(yes.status, yes.text).toBe(204);
    expect((await callToAction(v.verificationId)).json.alreadyRemembered).toBe(true);
  });

  it('a remembered person proves the address with the mailed code and is verified from what was kept', async () => {
    const { id, code } = await authenticating(student, ' MIA@example.com');
    const wrong = await step(id, 'completeAuthentication', { authenticationToken: code === '000000' ? '111111' : '000000' });
    expect(wrong.json).toMatchObject({ currentStep: 'completeAuthentication', errorIds: ['invalidAuthenticationToken'] });
    const right = await step(id, 'completeAuthentication', { authenticationToken: code });
    expect(right.status, right.text).toBe(200);
    expect(right.json).toMatchObject({ currentStep: 'success', rewardCode: 'MEMO-1' });
    const details = await api(rest(`/verification/${id}/details`), { token: demo.token });
    expect(details.json.personInfo).toMatchObject({ firstName: 'Mia', email: 'mia@example.com', birthDate: randy.birthDate });
  });

  it('asks only for what another segment needs beyond what was kept (collectPersonalInfo)', async () => {
    const { id, code } = await authenticating(age, 'mia@example.com');
    const gaps = await step(id, 'completeAuthentication', { authenticationToken: code });
    expect(gaps.json).toMatchObject({ currentStep: 'collectPersonalInfo', errorIds: ['invalidPostalCode'] });
    expect(gaps.json.submissionUrl).toMatch(/\/step\/collectPersonalInfo$/);
    const refused = await step(id, 'collectPersonalInfo', { postalCode: 97201 });
    expect(refused.status).toBe(400);
    expect(refused.json.systemErrorMessage).toMatch(/postalCode' must be a string/);
    const done = await step(id, 'collectPersonalInfo', { postalCode: '97201' });
    expect(done.json.currentStep).toBe('success');
  });

  it('leaves the loop by DELETE, or after too many wrong codes, for the usual steps', async () => {
    const cancelled = await authenticating(student, 'mia@example.com');
    const left = await api(cancelled.r.json.cancelUrl, { method: 'DELETE' });
    expect(left.status, left.text).toBe(200);
    expect(left.json).toMatchObject({ currentStep: 'collectStudentPersonalInfo', errorIds: [] });
    // The code mailed before no longer counts.
    expect((await step(cancelled.id, 'completeAuthentication', { authenticationToken: cancelled.code })).status).toBe(400);

    const guessed = await authenticating(student, 'mia@example.com');
    let last: Awaited<ReturnType<typeof api>> | undefined;
    for (const guess of ['000001', '000002', '000003', '000004', '000005'].filter((g) => g !== guessed.code).slice(0, 5))
      last = await step(guessed.id, 'completeAuthentication', { authenticationToken: guess });
    expect(last!.json).toMatchObject({ currentStep: 'collectStudentPersonalInfo', errorIds: ['invalidAuthenticationToken'] });
  });

  it('forgets a person who withdraws consent; refuses bad consent bodies and unsuccessful verifications', async () => {
    const { id, code } = await authenticating(student, 'mia@example.com');
    await step(id, 'completeAuthentication', { authenticationToken: code });
    for (const [body, message] of [
      [{}, /rememberMeConsentValue' is required/],
      [{ rememberMeConsentValue: 'yes' }, /must be a boolean/],
      [{ rememberMeConsentValue: true, extra: 1 }, /Unexpected property 'extra'/],
    ] as const) {
      const r = await remember(id, body);
      expect(r.status, r.text).toBe(400);
      expect(r.json).toMatchObject({ verificationId: id, errorIds: ['invalidRequest'] });
      expect(r.json.systemErrorMessage).toMatch(message);
    }
    expect((await remember(id, { rememberMeConsentValue: false })).status).toBe(204);
    const after = await start(student);
    const r = await step(after.verificationId, 'collectIdentifier', { email: 'mia@example.com' });
    expect(r.json.currentStep).toBe('collectStudentPersonalInfo');

    const unfinished = await start(student);
    expect((await callToAction(unfinished.verificationId)).json.errorIds).toEqual(['invalidStep']);
    expect((await remember(unfinished.verificationId, { rememberMeConsentValue: true })).status).toBe(400);
    const plain = await start(demo.programs.student);
    expect((await callToAction(plain.verificationId)).json.errorIds).toEqual(['invalidStep']);
    expect((await callToAction('f'.repeat(24))).status).toBe(404);
  });
});

describe(`the legacy multipart document upload (${TEST_STORE})`, () => {
  /** A verification of the demo student program waiting for documents. */
  async function onDocUpload() {
    const v = await start(demo.programs.student);
    const r = await api(v.submissionUrl, { body: { ...randy, firstName: 'UPLOAD' } });
    expect(r.json.currentStep).toBe('docUpload');
    return v.verificationId as string;
  }
  const form = (...files: [string, string, Uint8Array][]) => {
    const f = new FormData();
    for (const [name, type, bytes] of files) f.append('file', new Blob([bytes as Uint8Array<ArrayBuffer>], { type }), name);
    f.append('note', 'a text field is ignored');
    return f;
  };
  const send = (path: string, body: FormData | string, headers: Record<string, string> = {}) =>
    fetch(rest(path), { method: 'POST', body, headers }).then(async (r) => ({ status: r.status, json: await r.json() }));

  it('stores the files of a multipart body and moves to pending in one request', async () => {
    const id = await onDocUpload();
    const png = makePng();
    const r = await send(
      `/verification/${id}/step/docUpload`,
      form(['card.png', 'image/png', png], ['back.png', 'image/png', makePng(20, 20)]),
    );
    expect(r.status, JSON.stringify(r.json)).toBe(200);
    expectShape(VERIFICATION_RESPONSE, r.json);
    expect(r.json.currentStep).toBe('pending');
    expect(r.json.lastResponse.documents).toEqual([
      expect.objectContaining({ status: 'FINISHED', mimeType: 'image/png', fileSize: png.length }),
      expect.objectContaining({ status: 'FINISHED', mimeType: 'image/png' }),
    ]);
    const queue = await api(rest('/review/queue'), { token: demo.token });
    const entry = queue.json.find((e: { verificationId: string }) => e.verificationId === id);
    expect(entry.documents).toHaveLength(2);
  });

  it('takes the deprecated token path with the verification id as token, and refuses another token', async () => {
    const id = await onDocUpload();
    const wrong = await send(`/verification/${id}/step/docUpload/${'b'.repeat(24)}`, form(['card.png', 'image/png', makePng()]));
    expect(wrong.status).toBe(400);
    expect(wrong.json).toMatchObject({ verificationId: id, errorIds: ['invalidDocUploadToken'] });
    const json = await api(rest(`/verification/${id}/step/docUpload/${id}`), {
      body: [{ fileName: 'a.png', mimeType: 'image/png', fileSize: 1 }],
    });
    expect(json.status).toBe(400);
    expect(json.json.systemErrorMessage).toMatch(/multipart/);
    const right = await send(`/verification/${id}/step/docUpload/${id}`, form(['card.png', 'image/png', makePng()]));
    expect(right.status, JSON.stringify(right.json)).toBe(200);
    expect(right.json.currentStep).toBe('pending');
  });

  it('refuses what the JSON flow refuses, and a body that is not multipart, leaving the verification on docUpload', async () => {
    const id = await onDocUpload();
    const text = new TextEncoder().encode('not an image at all');
    const unsupported = await send(`/verification/${id}/step/docUpload`, form(['notes.txt', 'text/plain', text]));
    expect(unsupported.status).toBe(200);
    expect(unsupported.json).toMatchObject({ currentStep: 'docUpload', errorIds: ['unsupportedDocMimeType'] });
    const lying = await send(`/verification/${id}/step/docUpload`, form(['card.png', 'image/png', text]));
    // As a PUT of those bytes to the upload URL is answered.
    expect(lying.status).toBe(415);
    expect(lying.json.errorIds).toEqual(['unsupportedDocMimeType']);
    const none = new FormData();
    none.append('note', 'no file');
    const empty = await send(`/verification/${id}/step/docUpload`, none);
    expect(empty.status).toBe(400);
    expect(empty.json.errorIds).toEqual(['invalidNumberOfFiles']);
    const broken = await send(`/verification/${id}/step/docUpload`, '--x\r\nnot a part', {
      'content-type': 'multipart/form-data; boundary=x',
    });
    expect(broken.status).toBe(400);
    expect(broken.json.errorIds).toEqual(['invalidRequest']);
    expect((await api(rest(`/verification/${id}`))).json.currentStep).toBe('docUpload');
    // The JSON flow still answers on the same path.
    const declared = await api(rest(`/verification/${id}/step/docUpload`), {
      body: [{ fileName: 'a.png', mimeType: 'image/png', fileSize: 10 }],
    });
    expect(declared.json.documents[0].uploadUrl).toMatch(/document\/upload/);
  });
});

describe(`the reward code as a barcode (${TEST_STORE})`, () => {
  it('draws the reward code of a success as Code 128 SVG, and refuses what it cannot draw', async () => {
    const staticCode = await program({ offerType: 'staticCode', staticCode: 'BAR-42' });
    const v = await start(staticCode);
    const barcode = (query = '') => fetch(rest(`/verification/${v.verificationId}/barcode${query}`));
    const early = await barcode();
    expect(early.status).toBe(404);
    expect((await early.json()).systemErrorMessage).toMatch(/holds no reward code/);

    expect((await api(v.submissionUrl, { body: randy })).json.rewardCode).toBe('BAR-42');
    for (const query of ['', '?symbology=CODE_128&rewardKey=rewardCode']) {
      const r = await barcode(query);
      expect(r.status).toBe(200);
      expect(r.headers.get('content-type')).toBe('image/svg+xml');
      const svg = await r.text();
      expect(svg).toMatch(/^<svg /);
      expect(svg).toContain('>BAR-42</text>');
      // Start B, 6 characters, the check symbol: 8 symbols of 3 bars, and the stop's 4.
      expect(svg.match(/<rect x=/g)).toHaveLength(8 * 3 + 4);
    }
    const qr = await barcode('?symbology=QR');
    expect(qr.status).toBe(400);
    expect((await qr.json()).systemErrorMessage).toMatch(/Symbology 'QR' is not drawn/);
    expect((await barcode('?rewardKey=other')).status).toBe(404);
    expect((await fetch(rest(`/verification/${'c'.repeat(24)}/barcode`))).status).toBe(404);
  });
});

describe(`collectSocialSecurityNumber (${TEST_STORE})`, () => {
  let military: string;
  beforeAll(async () => {
    military = await program({ segment: 'military', collectSocialSecurityNumber: true, offerType: 'staticCode', staticCode: 'SSN-1' });
  });
  /** A verification of the program after a person step with no instant match (test mode: UPLOAD). */
  async function atSsn() {
    const v = await start(military);
    const status = await api(v.submissionUrl, { body: { status: 'VETERAN' } });
    const r = await api(status.json.submissionUrl, { body: { ...VALID_BODIES.collectInactiveMilitaryPersonalInfo, firstName: 'UPLOAD' } });
    expectShape(CANCELLABLE_RESPONSE('collectSocialSecurityNumber'), r.json);
    expect(r.json.cancelUrl).toBe(r.json.submissionUrl);
    return r.json;
  }

  it('asks for the number before documents; a number that cannot be one stays on the step; a valid one goes on', async () => {
    const at = await atSsn();
    for (const body of [{ socialSecurityNumber: 12345678 }, { socialSecurityNumber: '000-12-3456' }, {}]) {
      const r = await api(at.submissionUrl, { body });
      expect(r.status, r.text).toBe(200);
      expect(r.json).toMatchObject({ currentStep: 'collectSocialSecurityNumber', errorIds: ['invalidSocialSecurityNumber'] });
    }
    for (const [body, message] of [
      [{ socialSecurityNumber: true }, /must be a number/],
      [{ ssn: 123456789 }, /Unexpected property 'ssn'/],
    ] as const) {
      const r = await api(at.submissionUrl, { body });
      expect(r.status).toBe(400);
      expect(r.json.systemErrorMessage).toMatch(message);
    }
    // Test mode: a valid number succeeds, as the other triggers do; it is kept with the person, encrypted.
    const done = await api(at.submissionUrl, { body: { socialSecurityNumber: '123-45-6789' } });
    expect(done.json).toMatchObject({ currentStep: 'success', rewardCode: 'SSN-1' });
    const details = await api(rest(`/verification/${at.verificationId}/details`), { token: demo.token });
    expect(details.json.personInfo.socialSecurityNumber).toBe('123456789');
    const stored = await t.app.running.container.store.db
      .selectFrom('verifications')
      .select('person_enc')
      .where('id', '=', at.verificationId)
      .executeTakeFirstOrThrow();
    expect(stored.person_enc).not.toContain('123456789');
  });

  it('skips to documents by DELETE', async () => {
    const at = await atSsn();
    const r = await api(at.cancelUrl, { method: 'DELETE' });
    expect(r.status, r.text).toBe(200);
    expect(r.json.currentStep).toBe('docUpload');
  });
});

describe(`the ID check (${TEST_STORE})`, () => {
  let checked: string;
  beforeAll(async () => {
    checked = await program({ idCheckLoop: true, offerType: 'staticCode', staticCode: 'IDC-1' });
  });
  /** Randy's passport (state CAN: the zone reader knows only real states), valid until 2035, with `over` changed. */
  const passport = (over: Parameters<typeof td3>[0] = {}) =>
    td3({ state: 'CAN', surname: 'RANDOM', given: 'RANDY', birth: '010203', expiry: '351231', ...over });
  /** A verification of the ID-check program after a person step with no instant match (test mode: UPLOAD). */
  async function atIdCheck(firstName = 'UPLOAD', programId = checked) {
    const v = await start(programId);
    const r = await api(v.submissionUrl, { body: { ...randy, firstName } });
    expect(r.status, r.text).toBe(200);
    expectShape(CANCELLABLE_RESPONSE('idCheckLoop'), r.json);
    expect(r.json.cancelUrl).toBe(r.json.submissionUrl);
    return r.json;
  }
  const stillAt = async (id: string) => expect((await api(rest(`/verification/${id}`))).json.currentStep).toBe('idCheckLoop');

  it('reads the passport zone: one that agrees with the person succeeds, approved by the ID check (test-mode ID_CHECK_LOOP)', async () => {
    // The trigger reaches the step in any test program; the person is then ID_CHECK_LOOP Random.
    const at = await atIdCheck('ID_CHECK_LOOP', await program({ offerType: 'staticCode', staticCode: 'IDC-2' }));
    const done = await api(at.submissionUrl, { body: { documentType: 'passport', mrz: passport({ given: 'ID CHECK LOOP' }) } });
    expect(done.status, done.text).toBe(200);
    expectShape(SUCCESS_RESPONSE, done.json);
    expect(done.json.rewardCode).toBe('IDC-2');
    const details = await api(rest(`/verification/${at.verificationId}/details`), { token: demo.token });
    expectShape(VERIFICATION_DETAILS, details.json);
    expect(details.json).toMatchObject({ approvingVerificationTypes: ['other'], verificationMethod: 'INSTANT' });
  });

  it('ends not approved with errorDetailId govIdMismatch when the document is another person’s, without saying which field differs', async () => {
    for (const other of [{ surname: 'ERIKSSON' }, { given: 'ANNA' }, { birth: '010204' }]) {
      const at = await atIdCheck();
      const r = await api(at.submissionUrl, { body: { documentType: 'passport', mrz: passport(other) } });
      expect(r.status, r.text).toBe(200);
      expectShape(ERROR_RESPONSE, r.json);
      expect(r.json).toMatchObject({ currentStep: 'error', errorIds: ['notApproved'], errorDetailId: ['govIdMismatch'] });
      expect(r.json.systemErrorMessage).not.toMatch(/name|birth/i);
      // The status says the same, and the step cannot be tried again.
      expect((await api(rest(`/verification/${at.verificationId}`))).json).toEqual(r.json);
      expect((await api(at.submissionUrl, { body: { documentType: 'passport', mrz: passport() } })).json.errorIds).toEqual(['invalidStep']);
    }
  });

  it('ends with unableToVerify for a zone that does not read cleanly, an expired document, or the zone of another kind of document', async () => {
    const good = passport();
    const tampered = `${good.slice(0, -1)}${(Number(good.at(-1)) + 1) % 10}`;
    for (const body of [
      { documentType: 'passport', mrz: tampered },
      { documentType: 'passport', mrz: passport({ expiry: '200101' }) },
      { documentType: 'idCard', mrz: good },
      { documentType: 'passport', mrz: 'NOT A MACHINE READABLE ZONE' },
    ]) {
      const at = await atIdCheck();
      const r = await api(at.submissionUrl, { body });
      expect(r.status, r.text).toBe(200);
      expect(r.json).toMatchObject({ currentStep: 'error', errorIds: ['notApproved'], errorDetailId: ['unableToVerify'] });
    }
  });

  it('refuses bodies it cannot read, changing nothing; skips to documents by DELETE', async () => {
    const at = await atIdCheck();
    for (const [body, message] of [
      [{ documentType: 'licence', mrz: passport() }, /'documentType' must be one of: passport, idCard/],
      [{ documentType: 'passport' }, /'mrz' is required/],
      [{ documentType: 'passport', mrz: 5 }, /'mrz' must be a string/],
      [{ documentType: 'passport', mrz: 'x'.repeat(301) }, /at most 300/],
      [{ documentType: 'passport', mrz: passport(), selfie: 'x' }, /Unexpected property 'selfie'/],
    ] as const) {
      const r = await api(at.submissionUrl, { body });
      expect(r.status, r.text).toBe(400);
      expect(r.json).toMatchObject({ currentStep: 'error', errorIds: ['invalidRequest'], verificationId: at.verificationId });
      expect(r.json.systemErrorMessage).toMatch(message);
      await stillAt(at.verificationId);
    }
    const skipped = await api(at.cancelUrl, { method: 'DELETE' });
    expect(skipped.status, skipped.text).toBe(200);
    expect(skipped.json.currentStep).toBe('docUpload');
  });
});

describe(`the test-mode first name error (${TEST_STORE})`, () => {
  it('ends not approved for the test-mode first name error (SheerID’s error outcome)', async () => {
    const v = await start(await program({ offerType: 'staticCode', staticCode: 'ERR-1' }));
    const r = await api(v.submissionUrl, { body: { ...randy, firstName: 'error' } });
    expect(r.status, r.text).toBe(200);
    expectShape(ERROR_RESPONSE, r.json);
    expect(r.json).toMatchObject({ currentStep: 'error', errorIds: ['notApproved'] });
    expect(r.json.errorDetailId).toBeUndefined();
  });
});

describe(`the email loop (${TEST_STORE})`, () => {
  let looped: string;
  let strict: string;
  let live: string;
  let organization: number;
  beforeAll(async () => {
    looped = await program({ offerType: 'staticCode', staticCode: 'LOOP-1' });
    strict = await program({ emailLoop: 'always', emailLoopCancellable: false, offerType: 'noCode' });
    const imported = await api(`${t.app.url}/manage/v1/organizations/import`, {
      method: 'POST',
      token: demo.token,
      raw: 'name,type,country,domain\nHarbour University,UNIVERSITY,US,harbour.example\n',
      headers: { 'content-type': 'text/csv' },
    });
    expect(imported.status, imported.text).toBe(200);
    organization = imported.json.organizations[0].id;
    live = await program({ testMode: false, emailLoop: 'domain', offerType: 'noCode' });
  });
  const loopRoute = (id: string, path: string, init: { body?: unknown; method?: string; token?: string } = {}) =>
    api(rest(`/verification/${id}/step/emailLoop${path}`), init);
  /** The code of the next mail to `to` after `before` mails. */
  async function codeTo(to: string, before: number) {
    await sink.waitFor(before + 1);
    const mail = sink.messages.slice(before).find((m) => m.to.some((a) => a.toLowerCase() === to));
    expect(mail, `a mail to ${to}`).toBeDefined();
    return { code: /\b(\d{6})\b/.exec(mail!.text)![1], text: mail!.text };
  }
  /** A verification of `programId` sent to the email loop by its person step, and the first code. */
  async function looping(programId: string, person: Record<string, unknown> = { firstName: 'EMAILLOOP' }) {
    const v = await start(programId);
    const before = sink.messages.length;
    const r = await api(v.submissionUrl, { body: { ...randy, ...person } });
    expect(r.status, r.text).toBe(200);
    expect(r.json.currentStep).toBe('emailLoop');
    const email = String(person.email ?? randy.email);
    return { id: v.verificationId as string, r: r.json, ...(await codeTo(email, before)) };
  }

  it('mails a code and a link; a wrong code stays on the step, the right one succeeds (test-mode EMAILLOOP)', async () => {
    const { id, r, code, text } = await looping(looped);
    expectShape(EMAIL_LOOP_RESPONSE, r);
    expect(r).toMatchObject({ submissionUrl: rest(`/verification/${id}/step/emailLoop`), canResendEmailLoop: true });
    expect(r.cancelUrl).toBe(r.submissionUrl);
    expect(text).toContain(`/form/${looped}?verificationId=${id}&emailToken=${code}`);
    const wrong = await api(r.submissionUrl, {
      body: { emailToken: code === '000000' ? '111111' : '000000', deviceFingerprintHash: 'abc' },
    });
    expect(wrong.json).toMatchObject({ currentStep: 'emailLoop', errorIds: ['invalidEmailLoopToken'] });
    const right = await api(r.submissionUrl, { body: { emailToken: code } });
    expect(right.json).toMatchObject({ currentStep: 'success', rewardCode: 'LOOP-1' });
    // The code is single-use.
    expect((await api(r.submissionUrl, { body: { emailToken: code } })).status).toBe(400);
  });

  it('sends a new code on retry (the earlier stops working), and answers expiredEmailLoopToken after too many wrong codes', async () => {
    const { id, r, code } = await looping(looped);
    const before = sink.messages.length;
    const retry = await loopRoute(id, '/retry');
    expect(retry.status, retry.text).toBe(204);
    const fresh = await codeTo(randy.email as string, before);
    if (fresh.code !== code)
      expect((await api(r.submissionUrl, { body: { emailToken: code } })).json.errorIds).toEqual(['invalidEmailLoopToken']);
    for (let i = 0; i < 5; i++) await api(r.submissionUrl, { body: { emailToken: 'nope' } });
    const spent = await api(r.submissionUrl, { body: { emailToken: fresh.code } });
    expect(spent.json).toMatchObject({ currentStep: 'emailLoop', errorIds: ['expiredEmailLoopToken'] });
    const again = sink.messages.length;
    expect((await loopRoute(id, '/retry')).status).toBe(204);
    const last = await codeTo(randy.email as string, again);
    expect((await api(r.submissionUrl, { body: { emailToken: last.code } })).json.currentStep).toBe('success');
  });

  it('sends to another address on emailAddressOverride; hands a code to the account on retrieveToken', async () => {
    const { id, r } = await looping(looped);
    const bad = await loopRoute(id, '/emailAddressOverride', { body: { emailAddress: 'not-an-email' } });
    expect(bad.json).toMatchObject({ currentStep: 'emailLoop', errorIds: ['invalidEmail'] });
    const refused = await loopRoute(id, '/emailAddressOverride', { body: { email: 'x@example.com' } });
    expect(refused.status).toBe(400);
    expect(refused.json.systemErrorMessage).toMatch(/Unexpected property 'email'/);
    const before = sink.messages.length;
    const moved = await loopRoute(id, '/emailAddressOverride', { body: { emailAddress: 'randy@school.example' } });
    expect(moved.status, moved.text).toBe(200);
    const mailed = await codeTo('randy@school.example', before);

    expect((await loopRoute(id, '/retrieveToken', { body: {} })).status).toBe(401);
    expect((await loopRoute(id, '/resume', { body: {} })).status).toBe(401);
    const token = await loopRoute(id, '/retrieveToken', { body: { refreshToken: true }, token: verifierOnly });
    expect(token.status, token.text).toBe(200);
    expect(token.json.token).toMatch(/^\d{6}$/);
    // The handed-out code replaces the mailed one.
    if (token.json.token !== mailed.code)
      expect((await api(r.submissionUrl, { body: { emailToken: mailed.code } })).json.errorIds).toEqual(['invalidEmailLoopToken']);
    expect((await api(r.submissionUrl, { body: { emailToken: token.json.token } })).json.currentStep).toBe('success');
    const details = await api(rest(`/verification/${id}/details`), { token: demo.token });
    expect(details.json.personInfo.email).toBe('randy@school.example');
  });

  it('leaves for documents by DELETE where the program allows it, and not elsewhere', async () => {
    const open = await looping(looped);
    const left = await api(open.r.cancelUrl, { method: 'DELETE' });
    expect(left.json.currentStep).toBe('docUpload');
    const closed = await looping(strict, {});
    expect(closed.r.cancelUrl).toBeUndefined();
    const refused = await loopRoute(closed.id, '', { method: 'DELETE' });
    expect(refused.status).toBe(400);
    expect(refused.json).toMatchObject({ errorIds: ['invalidStep'], systemErrorMessage: expect.stringMatching(/must complete it/) });
    // emailLoop: always — after the code the person step's own decision stands (test mode: success).
    expect((await api(closed.r.submissionUrl, { body: { emailToken: closed.code } })).json.currentStep).toBe('success');
    // Not on the loop: its routes say so.
    const elsewhere = await start(looped);
    expect((await loopRoute(elsewhere.verificationId, '/retry')).json.systemErrorMessage).toMatch(/is not on the email loop/);
  });

  it('live, domain mode: an address at the organization’s domain proves the affiliation (approved by emailLoop)', async () => {
    const person = { email: 'mia@cs.harbour.example', organization: { id: organization, name: 'Harbour University' } };
    const { id, r, code } = await looping(live, person);
    const done = await api(r.submissionUrl, { body: { emailToken: code } });
    expect(done.json.currentStep).toBe('success');
    const details = await api(rest(`/verification/${id}/details`), { token: demo.token });
    expect(details.json).toMatchObject({ approvingVerificationTypes: ['emailLoop'], verificationMethod: 'INSTANT' });
    // An address elsewhere goes on to documents without a loop.
    const v = await start(live);
    const other = await api(v.submissionUrl, { body: { ...randy, ...person, email: 'mia@mail.example' } });
    expect(other.json.currentStep).toBe('docUpload');
  });
});

describe(`the SMS loop (${TEST_STORE})`, () => {
  let texting: string;
  beforeAll(async () => {
    texting = await program({ smsLoop: true, offerType: 'staticCode', staticCode: 'SMS-1' });
  });
  /** The texts in the outbox to `e164`, oldest first (the server has no SMS_URL: each text is a file). */
  const textsTo = (e164: string) => {
    const dir = path.join(t.app.running.container.config.dataDir, 'outbox-sms');
    if (!fs.existsSync(dir)) return [];
    return fs
      .readdirSync(dir)
      .sort()
      .map((n) => fs.readFileSync(path.join(dir, n), 'utf8'))
      .filter((text) => text.includes(`To: ${e164}`));
  };
  const lastCode = (e164: string) => /\b(\d{6})\b/.exec(textsTo(e164).at(-1) ?? '')?.[1];
  let n = 0;
  /** A verification on the SMS loop, its person's number. */
  async function texted() {
    const e164 = `+1555010${String(++n).padStart(4, '0')}`;
    const v = await start(texting);
    const before = textsTo(e164).length;
    const r = await api(v.submissionUrl, { body: { ...randy, phoneNumber: `+1 555 010 ${e164.slice(-4)}` } });
    expect(r.status, r.text).toBe(200);
    expectShape(SMS_LOOP_RESPONSE, r.json);
    expect(r.json).toMatchObject({ currentStep: 'smsLoop', retryUrl: rest(`/verification/${v.verificationId}/step/smsLoop/retry`) });
    expect(textsTo(e164)).toHaveLength(before + 1);
    return { id: v.verificationId as string, r: r.json, e164 };
  }

  it('asks for the phone number, texts a code, and takes the step’s decision once the code is given back', async () => {
    const v = await start(texting);
    const noPhone = await api(v.submissionUrl, { body: randy });
    expect(noPhone.json).toMatchObject({ currentStep: 'collectStudentPersonalInfo', errorIds: ['invalidPhoneNumber'] });
    const { r, e164 } = await texted();
    const code = lastCode(e164)!;
    expect(textsTo(e164).at(-1)).toContain(`${code} is your`);
    const wrong = await api(r.submissionUrl, { body: { smsCode: code === '000000' ? '111111' : '000000' } });
    expect(wrong.json).toMatchObject({ currentStep: 'smsLoop', errorIds: ['invalidSMSCode'] });
    const done = await api(r.submissionUrl, { body: { smsCode: code, deviceFingerprintHash: 'f00' } });
    expect(done.json).toMatchObject({ currentStep: 'success', rewardCode: 'SMS-1' });
  });

  it('texts a new code on retry up to its limit (maxSMSCodeLimitExceeded), and ends the verification after too many wrong codes', async () => {
    const { id, r, e164 } = await texted();
    const first = lastCode(e164);
    expect((await api(r.retryUrl)).status).toBe(204);
    expect((await api(r.retryUrl)).status).toBe(204);
    expect(textsTo(e164)).toHaveLength(3);
    const over = await api(r.retryUrl);
    expect(over.status).toBe(400);
    expect(over.json).toMatchObject({ verificationId: id, errorIds: ['maxSMSCodeLimitExceeded'] });
    const latest = lastCode(e164)!;
    const replaced = first !== latest;
    if (replaced) expect((await api(r.submissionUrl, { body: { smsCode: first } })).json.errorIds).toEqual(['invalidSMSCode']);
    let last: Awaited<ReturnType<typeof api>> | undefined;
    // Five wrong codes in all: the fifth ends the verification.
    for (let i = replaced ? 1 : 0; i < 5; i++)
      last = await api(r.submissionUrl, { body: { smsCode: latest === '999999' ? '999998' : '999999' } });
    expect(last!.status).toBe(429);
    expect(last!.json.errorIds).toEqual(['incorrectSMSCodeAttemptLimitExceeded']);
    expect((await api(rest(`/verification/${id}`))).json.currentStep).toBe('error');
    // Not on the loop: its routes say so.
    const elsewhere = await start(texting);
    expect((await api(rest(`/verification/${elsewhere.verificationId}/step/smsLoop/retry`))).json.systemErrorMessage).toMatch(
      /is not on the SMS loop/,
    );
    expect((await api(rest(`/verification/${elsewhere.verificationId}/step/smsLoop`), { body: { smsCode: '1' } })).json.errorIds).toEqual([
      'invalidStep',
    ]);
  });
});

describe(`a sign-in the program does not let the person skip (${TEST_STORE})`, () => {
  it('refuses DELETE of the sso step where ssoCancellable is false, and skips to documents elsewhere', async () => {
    const strict = await program({ ssoCancellable: false, offerType: 'noCode' });
    for (const [programId, skipped] of [
      [strict, false],
      [demo.programs.student, true],
    ] as const) {
      const v = await start(programId);
      const r = await api(v.submissionUrl, { body: { ...randy, firstName: 'SSO' } });
      expectShape(SSO_RESPONSE, r.json);
      const left = await api(r.json.cancelUrl, { method: 'DELETE' });
      if (skipped) expect(left.json.currentStep).toBe('docUpload');
      else {
        expect(left.status).toBe(400);
        expect(left.json.systemErrorMessage).toMatch(/must complete it/);
        expect((await api(rest(`/verification/${v.verificationId}`))).json.currentStep).toBe('sso');
      }
    }
  });
});

describe(`a consolation offer (${TEST_STORE})`, () => {
  it('ends a person not approved on the consolation step with its code, where the program offers one', async () => {
    const consoling = await program({ consolationRewardCode: 'THANKS-5', offerType: 'noCode', redirectUrl: 'https://shop.example/thanks' });
    for (const [programId, step] of [
      [consoling, 'consolation'],
      [demo.programs.student, 'error'],
    ] as const) {
      const v = await start(programId);
      const docs = await api(v.submissionUrl, { body: { ...randy, firstName: 'UPLOAD' } });
      const ended = await api(docs.json.submissionUrl, { method: 'DELETE' });
      expect(ended.status, ended.text).toBe(200);
      expectShape(VERIFICATION_RESPONSE, ended.json);
      expect(ended.json).toMatchObject({ currentStep: step, errorIds: ['notApproved'] });
      if (step === 'consolation')
        expect(ended.json).toMatchObject({ consolationRewardCode: 'THANKS-5', redirectUrl: 'https://shop.example/thanks' });
      else expect(ended.json.consolationRewardCode).toBeUndefined();
    }
  });
});

describe(`allowed domains (${TEST_STORE})`, () => {
  it('takes verifications started from the program’s sites (subdomains too) or with a token, and refuses others with unauthorizedDomain', async () => {
    const guarded = await program({ allowedDomains: ['shop.example'], offerType: 'noCode' });
    const startFrom = (headers: Record<string, string>, token?: string) =>
      api(rest('/verification'), { body: { programId: guarded }, headers, token });
    const allowed: Record<string, string>[] = [
      { origin: 'https://shop.example' },
      { origin: 'https://www.shop.example' },
      { referer: 'https://shop.example/offer?x=1' },
    ];
    for (const headers of allowed) expect((await startFrom(headers)).status, JSON.stringify(headers)).toBe(200);
    const refused: Record<string, string>[] = [
      { origin: 'https://evil.example' },
      { origin: 'https://shop.example.evil.example' },
      { origin: 'null' },
      {},
    ];
    for (const headers of refused) {
      const r = await startFrom(headers);
      expect(r.status, JSON.stringify(headers)).toBe(403);
      expectShape(ERROR_RESPONSE, r.json);
      expect(r.json.errorIds).toEqual(['unauthorizedDomain']);
    }
    // An integrator's backend, with its token, is not a page.
    expect((await startFrom({}, verifierOnly)).status).toBe(200);
    // A program may only name host names.
    const bad = await api(`${t.app.url}/manage/v1/programs`, {
      token: demo.token,
      body: { name: 'Bad domains', segment: 'student', allowedDomains: ['https://shop.example/'] },
    });
    expect(bad.status).toBe(400);
    expect(bad.text).toMatch(/must be a host name/);
  });
});

describe(`the loops' codes expire (${TEST_STORE})`, () => {
  it('answers a code given back after its time as expired: expiredEmailLoopToken, expiredSMSCode', async () => {
    const emailLoop = await start(demo.programs.student);
    const looped = await api(emailLoop.submissionUrl, { body: { ...randy, firstName: 'EMAILLOOP' } });
    const emailCode = await api(rest(`/verification/${emailLoop.verificationId}/step/emailLoop/retrieveToken`), {
      body: {},
      token: verifierOnly,
    });
    const texting = await program({ smsLoop: true, offerType: 'noCode' });
    const smsLoop = await start(texting);
    const texted = await api(smsLoop.submissionUrl, { body: { ...randy, phoneNumber: '+1 555 010 9999' } });
    expect(texted.json.currentStep).toBe('smsLoop');
    try {
      ahead = 31 * 60 * 1000; // past the email code's 30 minutes and the SMS code's 10
      const late = await api(looped.json.submissionUrl, { body: { emailToken: emailCode.json.token } });
      expect(late.json).toMatchObject({ currentStep: 'emailLoop', errorIds: ['expiredEmailLoopToken'] });
      const dir = path.join(t.app.running.container.config.dataDir, 'outbox-sms');
      const last = fs
        .readdirSync(dir)
        .sort()
        .map((n) => fs.readFileSync(path.join(dir, n), 'utf8'))
        .filter((m) => m.includes('+15550109999'))
        .at(-1);
      const smsCode = /\b(\d{6})\b/.exec(last ?? '')![1];
      const lateSms = await api(texted.json.submissionUrl, { body: { smsCode } });
      expect(lateSms.json).toMatchObject({ currentStep: 'smsLoop', errorIds: ['expiredSMSCode'] });
    } finally {
      ahead = 0;
    }
  });
});
