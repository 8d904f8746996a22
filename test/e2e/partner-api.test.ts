import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, startTestApp, type TestApp } from '../support/app.ts';
import { VALID_BODIES } from '../support/bodies.ts';
import { GIF_1x1, put } from '../support/fixtures.ts';
import { ERROR_RESPONSE, expectShape } from '../support/eligibility-schemas.ts';
import { TEST_STORE } from '../support/stores.ts';
import { startReceiver, type Receiver } from '../support/webhook-receiver.ts';

/**
 * SheerID's partner ("OEM") API (§2.8) under /rest/oem: a partner logs in with the account's OAuth
 * client, manages the account's programs (launch, unlaunch, archive, audience) and their typed webhooks,
 * which receive real deliveries on a loopback receiver.
 */

let app: TestApp;
let receiver: Receiver;
beforeAll(async () => {
  app = await startTestApp({ WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true' });
  receiver = await startReceiver();
});
afterAll(async () => {
  await receiver?.close();
  await app?.close();
});

type Res = Awaited<ReturnType<typeof api>>;
const UNKNOWN = 'a'.repeat(24);
const oem = (path: string) => `${app.url}/rest/oem${path}`;

/** A new account with an ADMIN OAuth client, logged in through the partner API: its bearer token. */
async function partner() {
  const demo = await app.bootstrap();
  const client = await api(`${app.url}/manage/v1/oauth-clients`, { token: demo.token, body: { name: 'Shop plugin', roles: ['ADMIN'] } });
  expect(client.status, client.text).toBe(201);
  const login = await api(oem('/login'), {
    body: { username: client.json.clientId, password: client.json.clientSecret, override: true, wooCommerce: { shopId: 'abc123' } },
  });
  expect(login.status, login.text).toBe(200);
  return { demo, client: client.json as { clientId: string; clientSecret: string }, token: login.json.bearerToken as string, login };
}

/** An error in the eligibility dialect, with its status and errorId; the sentence is returned. */
function refused(r: Res, status: number, errorId: string): string {
  expect(r.status, r.text).toBe(status);
  expectShape(ERROR_RESPONSE, r.json);
  expect(r.json).toMatchObject({ currentStep: 'error', errorIds: [errorId] });
  return r.json.systemErrorMessage as string;
}

async function createProgram(token: string, body: unknown = { segmentDescriptionName: 'student' }) {
  const r = await api(oem('/program'), { token, body });
  expect(r.status, r.text).toBe(200);
  return r.json;
}

const theme = (programId: string) => api(`${app.url}/rest/v2/program/${programId}/theme`);

describe(`partner API login (${TEST_STORE})`, () => {
  it("exchanges an OAuth client's credentials for an API token that works on every partner route", async () => {
    const { client, token, login, demo } = await partner();
    expect(login.json).toEqual({ userId: client.clientId, bearerToken: expect.stringMatching(/^\S{20,}$/) });
    expect(login.headers.get('cache-control')).toBe('no-store');
    expect((await api(oem('/program'), { token })).status).toBe(200);
    // It is an API token of the account, listed like any other.
    const tokens = await api(`${app.url}/manage/v1/tokens`, { token: demo.token });
    expect(
      tokens.json.filter((t: { name: string; revoked: number | null }) => t.name === `Partner login ${client.clientId}` && !t.revoked),
    ).toHaveLength(1);

    // A second login replaces the first token (override); override false keeps both.
    const again = await api(oem('/login'), { body: { username: client.clientId, password: client.clientSecret } });
    expect(again.status).toBe(200);
    refused(await api(oem('/program'), { token }), 401, 'invalidApiToken');
    const kept = await api(oem('/login'), { body: { username: client.clientId, password: client.clientSecret, override: false } });
    expect((await api(oem('/program'), { token: again.json.bearerToken })).status).toBe(200);
    expect((await api(oem('/program'), { token: kept.json.bearerToken })).status).toBe(200);
  });

  it('refuses bad credentials and bad bodies in the eligibility shape, issuing nothing', async () => {
    const { client, demo } = await partner();
    const before = (await api(`${app.url}/manage/v1/tokens`, { token: demo.token })).json.length;
    expect(refused(await api(oem('/login'), { body: { username: client.clientId, password: 'wrong' } }), 401, 'invalidCredentials')).toBe(
      'The username or password is invalid',
    );
    refused(await api(oem('/login'), { body: { username: UNKNOWN, password: client.clientSecret } }), 401, 'invalidCredentials');
    expect(
      refused(await api(oem('/login'), { body: { username: client.clientId, password: 'x', shop: 1 } }), 400, 'invalidRequest'),
    ).toMatch(/^Unexpected property 'shop', expected one of: username, password, override, wooCommerce$/);
    expect(refused(await api(oem('/login'), { body: { username: 5, password: 'x' } }), 400, 'invalidRequest')).toMatch(/'username'/);
    expect(refused(await api(oem('/login'), { body: { username: 'a', password: 'b', override: 'yes' } }), 400, 'invalidRequest')).toMatch(
      /'override'/,
    );
    expect(
      refused(
        await api(oem('/login'), { body: { username: 'a', password: 'b', wooCommerce: { shopId: 'x', other: 1 } } }),
        400,
        'invalidRequest',
      ),
    ).toMatch(/Unexpected property 'wooCommerce.other'/);
    refused(await api(oem('/login'), { raw: '{not json', headers: { 'content-type': 'application/json' } }), 400, 'invalidRequest');
    expect((await api(`${app.url}/manage/v1/tokens`, { token: demo.token })).json.length).toBe(before);
  });

  it('answers every other route 401 without a token, and 403 to a token without ADMIN', async () => {
    const { demo, token } = await partner();
    const program = await createProgram(token);
    const verifier = await api(`${app.url}/manage/v1/tokens`, { token: demo.token, body: { name: 'verifier', roles: ['VERIFIER'] } });
    const routes: [string, string, unknown?][] = [
      ['GET', '/segments'],
      ['GET', '/program'],
      ['POST', '/program', { segmentDescriptionName: 'student' }],
      ['GET', `/program/${program.id}`],
      ['POST', `/program/${program.id}`, {}],
      ['POST', `/program/${program.id}/name`, { name: 'x' }],
      ['POST', `/program/${program.id}/audience`, {}],
      ['POST', `/program/${program.id}/archive`],
      ['POST', `/program/${program.id}/launch`],
      ['POST', `/program/${program.id}/unlaunch`],
      ['GET', `/program/${program.id}/webhooks`],
      ['POST', `/program/${program.id}/webhooks`, [{ type: 'SUCCESS', callbackUri: receiver.url }]],
      ['GET', `/program/${program.id}/webhooks/${UNKNOWN}`],
      ['POST', `/program/${program.id}/webhooks/${UNKNOWN}`, {}],
      ['DELETE', `/program/${program.id}/webhooks/${UNKNOWN}`],
    ];
    for (const [method, path, body] of routes) {
      refused(await api(oem(path), { method, body }), 401, 'invalidApiToken');
      refused(await api(oem(path), { method, body, token: 'vch_not-a-token-at-all' }), 401, 'invalidApiToken');
      refused(await api(oem(path), { method, body, token: verifier.json.token }), 403, 'unauthorizedRequest');
    }
    // Nothing was changed by any of them.
    const now = await api(oem(`/program/${program.id}`), { token });
    expect(now.json).toEqual(program);
  });
});

describe(`partner API programs (${TEST_STORE})`, () => {
  it('lists the segments a program can be created for', async () => {
    const { token } = await partner();
    const r = await api(oem('/segments'), { token });
    expect(r.status).toBe(200);
    const names = r.json.map((s: { name: string }) => s.name);
    expect(names).toEqual(expect.arrayContaining(['student', 'teacher', 'military', 'age', 'senior']));
    expect(names).not.toContain('marketplace');
    expect(r.json.find((s: { name: string }) => s.name === 'student')).toEqual({
      name: 'student',
      displayName: 'Student',
      description: expect.any(String),
      label: 'Student',
      displayInfo: null,
      languages: [
        { value: 'en-US', label: 'English (United States)' },
        { value: 'fr-CA', label: 'French (Canada)' },
        { value: 'es-ES', label: 'Spanish (Spain)' },
      ],
      countries: [],
    });
  });

  it('creates a program in test mode, lists it and reads it; the eligibility API serves it', async () => {
    const { token } = await partner();
    const p = await createProgram(token);
    expect(p).toEqual({
      id: expect.stringMatching(/^[0-9a-f]{24}$/),
      name: 'Student program',
      offerDescription: '',
      segmentDescription: expect.objectContaining({ name: 'student', displayName: 'Student' }),
      logoUrl: null,
      customCss: '',
      live: false,
      archived: false,
      installOptions: { verifyUrl: null, landingPage: null, modal: null, embedded: null },
      customerTagging: { tags: [] },
      oemType: null,
      oemUniqueId: null,
      audience: {
        supportedLanguage: { value: 'en-US', label: 'English (United States)' },
        supportedCountries: ['US'],
        segmentDetails: { subSegments: [], minAge: null, maxAge: null },
      },
    });
    const full = await createProgram(token, {
      segmentDescriptionName: 'age',
      name: 'Over 21',
      offerDescription: 'Free tasting',
      oemType: 'WOO_COMMERCE',
      oemUniqueId: 'shop-1',
      customerTagging: { tags: ['adult', 'adult'] },
      audience: { supportedCountries: ['US', 'CA'], segmentDetails: { minAge: 21 } },
    });
    expect(full).toMatchObject({
      name: 'Over 21',
      offerDescription: 'Free tasting',
      oemType: 'WOO_COMMERCE',
      oemUniqueId: 'shop-1',
      customerTagging: { tags: ['adult'] },
      audience: { supportedCountries: ['US', 'CA'], segmentDetails: { minAge: 21, maxAge: null } },
    });
    const list = await api(oem('/program'), { token });
    expect(list.json.filter((x: { id: string }) => [p.id, full.id].includes(x.id))).toEqual([p, full]);
    expect((await api(oem(`/program/${p.id}`), { token })).json).toEqual(p);
    const t = await theme(full.id);
    expect(t.status).toBe(200);
    expect(t.json).toMatchObject({ isTestMode: true, config: { countries: ['US', 'CA'] } });
  });

  it('refuses bad program bodies, unknown ids and other accounts’ programs, changing nothing', async () => {
    const { token } = await partner();
    const other = await partner();
    const p = await createProgram(token);
    const count = (await api(oem('/program'), { token })).json.length;
    expect(refused(await api(oem('/program'), { token, body: { segmentDescriptionName: 'pirate' } }), 400, 'invalidRequest')).toMatch(
      /'segmentDescriptionName' is required and must be one of: student/,
    );
    refused(await api(oem('/program'), { token, body: { segmentDescriptionName: 'marketplace' } }), 400, 'invalidRequest');
    refused(await api(oem('/program'), { token, body: {} }), 400, 'invalidRequest');
    expect(
      refused(await api(oem('/program'), { token, body: { segmentDescriptionName: 'student', live: true } }), 400, 'invalidRequest'),
    ).toMatch(/^Unexpected property 'live', expected one of: segmentDescriptionName, name, /);
    expect(
      refused(await api(oem('/program'), { token, body: { segmentDescriptionName: 'student', name: 5 } }), 400, 'invalidRequest'),
    ).toMatch(/'name' must be a single line/);
    refused(await api(oem('/program'), { token, body: { segmentDescriptionName: 'student', name: 'a\nb' } }), 400, 'invalidRequest');
    refused(
      await api(oem('/program'), { token, body: { segmentDescriptionName: 'student', logoUrl: 'not a url' } }),
      400,
      'invalidRequest',
    );
    refused(await api(oem('/program'), { token, body: [] }), 400, 'invalidRequest');
    refused(
      await api(oem('/program'), {
        token,
        body: { segmentDescriptionName: 'student', audience: { segmentDetails: { subSegments: ['veteran'] } } },
      }),
      400,
      'invalidRequest',
    );
    expect((await api(oem('/program'), { token })).json.length).toBe(count);

    for (const id of [UNKNOWN, 'not-an-id', p.id]) {
      const as = id === p.id ? other.token : token;
      expect(refused(await api(oem(`/program/${id}`), { token: as }), 404, 'noProgram')).toBe(`Program with ID '${id}' not found`);
      for (const path of ['', '/name', '/audience', '/archive', '/launch', '/unlaunch']) {
        const body = path === '/name' ? { name: 'Taken' } : path === '' || path === '/audience' ? {} : undefined;
        refused(await api(oem(`/program/${id}${path}`), { token: as, method: 'POST', body }), 404, 'noProgram');
      }
    }
    expect((await api(oem('/program'), { token: other.token })).json.map((x: { id: string }) => x.id)).not.toContain(p.id);
    expect((await api(oem(`/program/${p.id}`), { token })).json).toEqual(p);
  });

  it('updates, renames and changes the audience; refuses bad changes without changing anything', async () => {
    const { token } = await partner();
    const p = await createProgram(token);
    const updated = await api(oem(`/program/${p.id}`), {
      token,
      body: {
        offerDescription: '10% off',
        logoUrl: 'https://shop.example.com/logo.png',
        customCss: '.sid-form { color: red }',
        customerTagging: { tags: ['student'] },
        oemType: 'WOO_COMMERCE',
        oemUniqueId: 'shop-9',
      },
    });
    expect(updated.status, updated.text).toBe(200);
    expect(updated.json).toMatchObject({
      offerDescription: '10% off',
      logoUrl: 'https://shop.example.com/logo.png',
      customCss: '.sid-form { color: red }',
      customerTagging: { tags: ['student'] },
      oemType: 'WOO_COMMERCE',
      oemUniqueId: 'shop-9',
    });
    expect((await theme(p.id)).json).toMatchObject({ logoUrl: 'https://shop.example.com/logo.png', customCss: '.sid-form { color: red }' });

    const renamed = await api(oem(`/program/${p.id}/name`), { token, body: { name: '  Campus deal  ' } });
    expect(renamed.json.name).toBe('Campus deal');

    const audience = await api(oem(`/program/${p.id}/audience`), {
      token,
      body: {
        supportedLanguage: { value: 'fr-CA', label: 'Français' },
        supportedCountries: ['CA', 'US'],
        segmentDetails: { subSegments: ['highSchool', 'collegeBound'], minAge: 16, maxAge: null },
      },
    });
    expect(audience.status, audience.text).toBe(200);
    expect(audience.json.audience).toEqual({
      supportedLanguage: { value: 'fr-CA', label: 'French (Canada)' },
      supportedCountries: ['CA', 'US'],
      segmentDetails: { subSegments: ['highSchool', 'collegeBound'], minAge: 16, maxAge: null },
    });
    expect((await theme(p.id)).json.config).toMatchObject({ countries: ['CA', 'US'], locales: ['fr-CA', 'en-US'] });
    // What GET gives can be posted back as it is (a partner merges its change into it).
    const back = await api(oem(`/program/${p.id}/audience`), { token, body: audience.json.audience });
    expect(back.json).toEqual(audience.json);

    const settled = (await api(oem(`/program/${p.id}`), { token })).json;
    const bad: [string, unknown, RegExp][] = [
      ['', { live: true }, /^Unexpected property 'live', expected one of: name, offerDescription, /],
      ['', { archived: false }, /^Unexpected property 'archived'/],
      ['', { offerDescription: 7 }, /'offerDescription'/],
      ['', { customerTagging: { tags: 'student' } }, /'customerTagging.tags'/],
      ['', { customerTagging: { tags: [], extra: 1 } }, /Unexpected property 'customerTagging.extra'/],
      ['', { logoUrl: 'javascript:alert(1)' }, /'logoUrl'/],
      ['', { logoUrl: 'not a url' }, /'logoUrl'/],
      ['/name', {}, /'name'/],
      ['/name', { name: '' }, /'name'/],
      ['/name', { name: 'x'.repeat(201) }, /'name'/],
      ['/name', { name: 'ok', segment: 'teacher' }, /Unexpected property 'segment', expected one of: name$/],
      ['/audience', { supportedLanguage: { value: 'de-DE' } }, /'audience.supportedLanguage.value' must be one of: en-US, fr-CA, es-ES/],
      ['/audience', { supportedLanguage: 'en-US' }, /Request body must be a JSON object|supportedLanguage/],
      ['/audience', { supportedCountries: ['XX'] }, /'audience.supportedCountries'/],
      ['/audience', { supportedCountries: [] }, /'audience.supportedCountries'/],
      ['/audience', { segmentDetails: { minAge: -1 } }, /'audience.segmentDetails.minAge'/],
      ['/audience', { segmentDetails: { minAge: 1.5 } }, /'audience.segmentDetails.minAge'/],
      ['/audience', { segmentDetails: { subSegments: ['veteran'] } }, /'veteran' is not a sub-segment of student/],
      ['/audience', { segmentDetails: { minAge: 30, maxAge: 20 } }, /maxAge must not be below minAge/],
      ['/audience', { segmentDetails: { ages: 1 } }, /Unexpected property 'audience.segmentDetails.ages'/],
      ['/audience', { countries: ['US'] }, /Unexpected property 'audience.countries'/],
      ['/archive', { really: true }, /takes no body/],
      ['/launch', { live: true }, /takes no body/],
      ['/unlaunch', 'yes', /takes no body/],
    ];
    for (const [path, body, message] of bad) {
      const r = await api(oem(`/program/${p.id}${path}`), { token, body });
      expect(refused(r, 400, 'invalidRequest'), `${path} ${JSON.stringify(body)}`).toMatch(message);
    }
    expect((await api(oem(`/program/${p.id}`), { token })).json).toEqual(settled);
  });

  it('launch and unlaunch switch what the theme and new verifications see; archive stops new verifications', async () => {
    const { token } = await partner();
    const p = await createProgram(token);
    const start = () => api(`${app.url}/rest/v2/verification`, { body: { programId: p.id } });
    const modeOfNew = async () => {
      const v = await start();
      expect(v.status, v.text).toBe(200);
      return (await api(`${app.url}/rest/v2/verification/${v.json.verificationId}/details`, { token })).json.testMode as boolean;
    };
    expect((await theme(p.id)).json.isTestMode).toBe(true);
    expect(await modeOfNew()).toBe(true);

    const launched = await api(oem(`/program/${p.id}/launch`), { token, method: 'POST' });
    expect(launched.status, launched.text).toBe(200);
    expect(launched.json).toMatchObject({ id: p.id, live: true, archived: false });
    expect((await theme(p.id)).json.isTestMode).toBe(false);
    expect(await modeOfNew()).toBe(false);
    // Launching again changes nothing; `{}` and `null` count as no body.
    expect((await api(oem(`/program/${p.id}/launch`), { token, body: {} })).json.live).toBe(true);

    const unlaunched = await api(oem(`/program/${p.id}/unlaunch`), { token, raw: 'null', headers: { 'content-type': 'application/json' } });
    expect(unlaunched.status, unlaunched.text).toBe(200);
    expect(unlaunched.json.live).toBe(false);
    expect((await theme(p.id)).json.isTestMode).toBe(true);
    expect(await modeOfNew()).toBe(true);

    const archived = await api(oem(`/program/${p.id}/archive`), { token, method: 'POST' });
    expect(archived.json).toMatchObject({ archived: true, live: false });
    expect(refused(await start(), 403, 'inactiveProgram')).toBe(`Program with id '${p.id}' is not currently active`);
    // Still readable, and still archived after other changes (launching does not bring it back).
    expect((await api(oem(`/program/${p.id}/launch`), { token, method: 'POST' })).json).toMatchObject({ archived: true, live: true });
    refused(await start(), 403, 'inactiveProgram');
    expect((await api(oem('/program'), { token })).json.find((x: { id: string }) => x.id === p.id).archived).toBe(true);
  });
});

describe(`partner API webhooks (${TEST_STORE})`, () => {
  const hookUrl = (suffix: string) => `${receiver.url}/${suffix}`;
  const hooksOf = (programId: string) => oem(`/program/${programId}/webhooks`);
  const deliveriesTo = (path: string) => receiver.received.filter((r) => r.path === `/${path}`);

  it('registers typed webhooks that receive real, signed deliveries: TEST at once, SUCCESS, FAILURE, NEED_MORE_DOCS, PROGRAM_CHANGE', async () => {
    const { token } = await partner();
    const p = await createProgram(token);
    const tag = p.id;
    const made = await api(hooksOf(p.id), {
      token,
      body: [
        { type: 'TEST', callbackUri: hookUrl(`${tag}/test`) },
        { type: 'SUCCESS', callbackUri: hookUrl(`${tag}/success`) },
        { type: 'PROGRAM_CHANGE', callbackUri: hookUrl(`${tag}/change`) },
        { type: 'FAILURE', callbackUri: hookUrl(`${tag}/failure`) },
        { type: 'NEED_MORE_DOCS', callbackUri: hookUrl(`${tag}/docs`) },
      ],
    });
    expect(made.status, made.text).toBe(200);
    expect(made.json).toHaveLength(5);
    for (const [i, type] of ['TEST', 'SUCCESS', 'PROGRAM_CHANGE', 'FAILURE'].entries()) {
      expect(made.json[i]).toEqual({
        id: expect.stringMatching(new RegExp(`^wpo_${p.id}_[0-9a-f]{24}$`)),
        callbackUri: hookUrl(`${tag}/${type === 'PROGRAM_CHANGE' ? 'change' : type.toLowerCase()}`),
        type,
        webhookStatus: 'ENABLED',
        signingSecret: expect.stringMatching(/^[0-9a-f]{64}$/),
      });
    }
    const secretOf = (type: string) => made.json.find((w: { type: string }) => w.type === type).signingSecret as string;
    const signed = (body: string, type: string) =>
      createHmac('sha256', Buffer.from(secretOf(type), 'utf8'))
        .update(body)
        .digest('hex');

    // TEST: one delivery as it is registered.
    await receiver.until(() => deliveriesTo(`${tag}/test`).length === 1);
    const test = deliveriesTo(`${tag}/test`)[0];
    expect(test.headers['x-sheerid-webhook-type']).toBe('TEST');
    expect(test.json).toEqual({ program_id: p.id });
    expect(test.headers['x-sheerid-signature']).toBe(signed(test.body, 'TEST'));

    // SUCCESS: a verification of the program that succeeds (test mode).
    const created = await api(`${app.url}/rest/v2/verification`, { body: { programId: p.id } });
    const done = await api(created.json.submissionUrl, { body: VALID_BODIES.collectStudentPersonalInfo });
    expect(done.json.currentStep).toBe('success');
    await receiver.until(() => deliveriesTo(`${tag}/success`).length === 1);
    const success = deliveriesTo(`${tag}/success`)[0];
    expect(success.body).toBe(JSON.stringify({ verificationId: created.json.verificationId }));
    expect(success.headers['x-sheerid-webhook-type']).toBe('SUCCESS');
    expect(success.headers['x-sheerid-signature']).toBe(signed(success.body, 'SUCCESS'));

    // FAILURE: a verification that ends in error (the test-mode trigger).
    const failing = await api(`${app.url}/rest/v2/verification`, { body: { programId: p.id } });
    const failed = await api(failing.json.submissionUrl, {
      body: { ...VALID_BODIES.collectStudentPersonalInfo, firstName: '__ERROR__' },
    });
    expect(failed.json).toMatchObject({ currentStep: 'error', errorIds: ['simulatedError'] });
    await receiver.until(() => deliveriesTo(`${tag}/failure`).length === 1);
    expect(deliveriesTo(`${tag}/failure`)[0].json).toEqual({ verificationId: failing.json.verificationId });
    expect(deliveriesTo(`${tag}/failure`)[0].headers['x-sheerid-webhook-type']).toBe('FAILURE');

    // NEED_MORE_DOCS: documents rejected by a reviewer, the person is asked for more.
    const uploading = await api(`${app.url}/rest/v2/verification`, { body: { programId: p.id } });
    let v = (await api(uploading.json.submissionUrl, { body: { ...VALID_BODIES.collectStudentPersonalInfo, firstName: 'UPLOAD' } })).json;
    expect(v.currentStep).toBe('docUpload');
    const declared = (await api(v.submissionUrl, { body: [{ fileName: 'id.gif', mimeType: 'image/gif', fileSize: GIF_1x1.length }] })).json;
    const headers = { 'content-type': 'image/gif', 'content-length': String(GIF_1x1.length) };
    expect((await put(declared.documents[0].uploadUrl, GIF_1x1, headers)).status).toBe(200);
    expect((await api(declared.submissionUrl, { method: 'POST' })).json.currentStep).toBe('pending');
    v = (
      await api(`${app.url}/rest/v2/review/${uploading.json.verificationId}/decision`, {
        token,
        body: { decision: 'REJECT', rejectionReasons: ['DOCUMENT_EXPIRED'] },
      })
    ).json;
    expect(v.currentStep).toBe('docUpload');
    await receiver.until(() => deliveriesTo(`${tag}/docs`).length === 1);
    expect(deliveriesTo(`${tag}/docs`)[0].json).toEqual({ verificationId: uploading.json.verificationId });
    expect(deliveriesTo(`${tag}/docs`)[0].headers['x-sheerid-webhook-type']).toBe('NEED_MORE_DOCS');

    // PROGRAM_CHANGE: each change through the partner API; a change that changes nothing tells nothing.
    await api(oem(`/program/${p.id}/launch`), { token, method: 'POST' });
    await receiver.until(() => deliveriesTo(`${tag}/change`).length === 1);
    const change = deliveriesTo(`${tag}/change`)[0];
    expect(change.body).toBe(JSON.stringify({ program_id: p.id }));
    expect(change.headers['x-sheerid-webhook-type']).toBe('PROGRAM_CHANGE');
    expect(change.headers['x-sheerid-signature']).toBe(signed(change.body, 'PROGRAM_CHANGE'));
    await api(oem(`/program/${p.id}/launch`), { token, method: 'POST' });
    const current = (await api(oem(`/program/${p.id}`), { token })).json;
    expect((await api(oem(`/program/${p.id}/audience`), { token, body: current.audience })).json).toEqual(current);
    await api(oem(`/program/${p.id}/name`), { token, body: { name: 'Renamed' } });
    await receiver.until(() => deliveriesTo(`${tag}/change`).length === 2);
    // Only the webhooks of that type heard of it; the success webhook heard of the success alone.
    expect(deliveriesTo(`${tag}/success`)).toHaveLength(1);
    expect(deliveriesTo(`${tag}/test`)).toHaveLength(1);
    expect(deliveriesTo(`${tag}/docs`)).toHaveLength(1);
    expect(deliveriesTo(`${tag}/failure`)).toHaveLength(1);

    // The delivery log has them; a replay goes to the same webhook with the same type and body, to no other.
    const events = await api(`${app.url}/manage/v1/webhooks/events?type=${encodeURIComponent('partner.webhook:PROGRAM_CHANGE')}`, {
      token,
    });
    expect(events.json).toHaveLength(2);
    expect(events.json[0].payload).toEqual({ program_id: p.id });
    const replay = await api(`${app.url}/manage/v1/webhooks/events/${events.json[0].id}/replay`, { token, body: {} });
    expect(replay.status, replay.text).toBe(202);
    await receiver.until(() => deliveriesTo(`${tag}/change`).length === 3);
    expect(deliveriesTo(`${tag}/change`)[2].headers['x-sheerid-webhook-type']).toBe('PROGRAM_CHANGE');
    expect(deliveriesTo(`${tag}/change`)[2].body).toBe(JSON.stringify({ program_id: p.id }));
    const successHook = made.json.find((w: { type: string }) => w.type === 'SUCCESS');
    const elsewhere = await api(`${app.url}/manage/v1/webhooks/events/${events.json[0].id}/replay`, {
      token,
      body: { endpointId: successHook.id },
    });
    expect(elsewhere.status, elsewhere.text).toBe(400);
  });

  it('lists, reads, updates and deletes webhooks; registering the same one again answers the one there is', async () => {
    const { token } = await partner();
    const p = await createProgram(token);
    const tag = p.id;
    const [a] = (await api(hooksOf(p.id), { token, body: [{ type: 'SUCCESS', callbackUri: hookUrl(`${tag}/a`) }] })).json;
    const again = await api(hooksOf(p.id), {
      token,
      body: [
        { type: 'SUCCESS', callbackUri: hookUrl(`${tag}/a`) },
        { type: 'FAILURE', callbackUri: hookUrl(`${tag}/a`) },
        { type: 'FAILURE', callbackUri: hookUrl(`${tag}/a`) },
      ],
    });
    expect(again.status, again.text).toBe(200);
    const { signingSecret: _, ...plainA } = a;
    expect(again.json[0]).toEqual(plainA);
    expect(again.json[1]).toMatchObject({ type: 'FAILURE', signingSecret: expect.any(String) });
    expect(again.json[2].id).toBe(again.json[1].id);
    const b = again.json[1];
    const { signingSecret: __, ...plainB } = b;

    const listed = await api(hooksOf(p.id), { token });
    expect(listed.json).toEqual([plainA, plainB]);
    expect((await api(`${hooksOf(p.id)}/${a.id}`, { token })).json).toEqual(plainA);

    const disabled = await api(`${hooksOf(p.id)}/${a.id}`, { token, body: { webhookStatus: 'DISABLED' } });
    expect(disabled.json).toEqual({ ...plainA, webhookStatus: 'DISABLED' });
    const moved = await api(`${hooksOf(p.id)}/${a.id}`, {
      token,
      body: { type: 'NEED_MORE_DOCS', callbackUri: hookUrl(`${tag}/b`), webhookStatus: 'ENABLED' },
    });
    expect(moved.json).toEqual({ id: a.id, type: 'NEED_MORE_DOCS', callbackUri: hookUrl(`${tag}/b`), webhookStatus: 'ENABLED' });

    const deleted = await api(`${hooksOf(p.id)}/${a.id}`, { token, method: 'DELETE' });
    expect(deleted.status).toBe(200);
    expect(deleted.json).toEqual(moved.json);
    refused(await api(`${hooksOf(p.id)}/${a.id}`, { token }), 404, 'notFound');
    refused(await api(`${hooksOf(p.id)}/${a.id}`, { token, method: 'DELETE' }), 404, 'notFound');
    expect((await api(hooksOf(p.id), { token })).json).toEqual([plainB]);
  });

  it('refuses bad webhook bodies, unknown ids and other accounts’ and programs’ webhooks, changing nothing', async () => {
    const { token } = await partner();
    const other = await partner();
    const p = await createProgram(token);
    const sibling = await createProgram(token);
    const [hook] = (await api(hooksOf(p.id), { token, body: [{ type: 'SUCCESS', callbackUri: hookUrl(`${p.id}/x`) }] })).json;
    const { signingSecret: _, ...plain } = hook;

    const bad: [unknown, RegExp, string?][] = [
      [{ type: 'SUCCESS', callbackUri: receiver.url }, /list of 1 to 20 webhooks/],
      [[], /list of 1 to 20 webhooks/],
      [[{ type: 'SUCCESS' }], /'callbackUri' is required/],
      [[{ type: 'PAYMENT', callbackUri: receiver.url }], /'type' is required and must be one of: TEST, SUCCESS, FAILURE, PROGRAM_CHANGE/],
      [[{ type: 'SUCCESS', callbackUri: receiver.url, secret: 'x' }], /^Unexpected property 'secret', expected one of: type, callbackUri$/],
      [[{ type: 'SUCCESS', callbackUri: 42 }], /'callbackUri'/],
      [[{ type: 'SUCCESS', callbackUri: 'ftp://example.com/hook' }], /https/, 'invalidWebhookUrl'],
      [[{ type: 'SUCCESS', callbackUri: 'not a url' }], /not an absolute URL/, 'invalidWebhookUrl'],
      [
        [
          { type: 'FAILURE', callbackUri: receiver.url },
          { type: 'SUCCESS', callbackUri: 'https://user:pw@example.com/' },
        ],
        /credentials/,
        'invalidWebhookUrl',
      ],
    ];
    for (const [body, message, errorId] of bad) {
      expect(refused(await api(hooksOf(p.id), { token, body }), 400, errorId ?? 'invalidRequest'), JSON.stringify(body)).toMatch(message);
    }
    const updates: [unknown, RegExp, string?][] = [
      [{ webhookStatus: 'PAUSED' }, /'webhookStatus' must be ENABLED or DISABLED/],
      [{ type: 'NOPE' }, /'type'/],
      [{ id: 'x' }, /^Unexpected property 'id', expected one of: type, callbackUri, webhookStatus$/],
      [{ callbackUri: 'gopher://x' }, /https/, 'invalidWebhookUrl'],
      [[], /Request body must be a JSON object/],
    ];
    for (const [body, message, errorId] of updates) {
      const r = await api(`${hooksOf(p.id)}/${hook.id}`, { token, body });
      expect(refused(r, 400, errorId ?? 'invalidRequest'), JSON.stringify(body)).toMatch(message);
    }
    expect((await api(hooksOf(p.id), { token })).json).toEqual([plain]);

    // Unknown and other programs' programs and webhooks.
    for (const [programId, as] of [
      [UNKNOWN, token],
      [p.id, other.token],
    ] as const) {
      refused(await api(hooksOf(programId), { token: as }), 404, 'noProgram');
      refused(await api(hooksOf(programId), { token: as, body: [{ type: 'SUCCESS', callbackUri: receiver.url }] }), 404, 'noProgram');
      refused(await api(`${hooksOf(programId)}/${hook.id}`, { token: as }), 404, 'noProgram');
      refused(await api(`${hooksOf(programId)}/${hook.id}`, { token: as, body: { webhookStatus: 'DISABLED' } }), 404, 'noProgram');
      refused(await api(`${hooksOf(programId)}/${hook.id}`, { token: as, method: 'DELETE' }), 404, 'noProgram');
    }
    for (const webhookId of [UNKNOWN, hook.id, `whe_${UNKNOWN}`]) {
      const programId = webhookId === hook.id ? sibling.id : p.id;
      expect(refused(await api(`${hooksOf(programId)}/${webhookId}`, { token }), 404, 'notFound')).toBe(
        `Webhook with ID '${webhookId}' not found`,
      );
      refused(await api(`${hooksOf(programId)}/${webhookId}`, { token, body: { webhookStatus: 'DISABLED' } }), 404, 'notFound');
      refused(await api(`${hooksOf(programId)}/${webhookId}`, { token, method: 'DELETE' }), 404, 'notFound');
    }
    // An account endpoint is not a partner webhook, even of the right account.
    const endpoint = await api(`${app.url}/manage/v1/webhooks`, { token, body: { url: receiver.url, eventTypes: ['*'] } });
    refused(await api(`${hooksOf(p.id)}/${endpoint.json.id}`, { token }), 404, 'notFound');
    refused(await api(`${hooksOf(p.id)}/${endpoint.json.id}`, { token, method: 'DELETE' }), 404, 'notFound');
    expect((await api(`${app.url}/manage/v1/webhooks/${endpoint.json.id}`, { token })).json.enabled).toBe(true);
    // The account's endpoints list it, bound to its program.
    const all = await api(`${app.url}/manage/v1/webhooks`, { token });
    expect(all.json.find((e: { id: string }) => e.id === hook.id)).toMatchObject({ url: hook.callbackUri, programId: p.id, enabled: true });
    // A partner webhook's type is not an account subscription.
    const subscribe = await api(`${app.url}/manage/v1/webhooks/${hook.id}`, { token, method: 'PATCH', body: { eventTypes: ['*'] } });
    expect(subscribe.status, subscribe.text).toBe(400);
    expect((await api(`${hooksOf(p.id)}/${hook.id}`, { token })).json).toEqual(plain);
    expect((await api(hooksOf(sibling.id), { token })).json).toEqual([]);
  });
});
