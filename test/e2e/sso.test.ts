import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, type Demo, useTestApp } from '../support/app.ts';
import { VALID_BODIES } from '../support/bodies.ts';
import { ERROR_RESPONSE, expectShape } from '../support/eligibility-schemas.ts';
import { startOidcIdp, type TestOidcIdp } from '../support/oidc-idp.ts';
import { oneRoleTokens } from '../support/role-tokens.ts';
import { startSamlIdp, type TestSamlIdp } from '../support/saml-idp.ts';
import { TEST_STORE } from '../support/stores.ts';
import { UNLIMITED } from '../support/abuse.ts';

/**
 * Single sign-on (SheerID's `sso` step, §2.3, §4): organizations bound to a real OpenID Connect provider
 * (oidc-provider) and a SAML identity provider on loopback; the person step leads to `sso`, the loginUrl
 * answers 307 to the provider, the provider's answer comes back to Vouch's callback, and the verification
 * moves to success, or to docUpload with the reason. Bindings through the management API.
 */

// Vouch's clock runs this far ahead of real time: a test moves it past a sign-in's expiry.
let offsetMs = 0;
const t = useTestApp({}, { clock: { now: () => new Date(Date.now() + offsetMs) } });
const PEOPLE = { alice: ['student', 'member'], bob: ['staff'] };
const randy = VALID_BODIES.collectStudentPersonalInfo;

let oidc: TestOidcIdp;
let saml: TestSamlIdp;
let liveProgram = '';
const org = { oidc: 0, saml: 0, plain: 0 };

const manage = (path: string) => `${t.app.url}/manage/v1/sso${path}`;
const rest = (path: string) => `${t.app.url}/rest/v2${path}`;
const status = async (id: string) => (await api(rest(`/verification/${id}`))).json;

async function importOrganizations(demo: Demo, names: string[]): Promise<number[]> {
  const csv = ['name,type,country,domain', ...names.map((n) => `${n},UNIVERSITY,US,`)].join('\n');
  const r = await api(`${t.app.url}/manage/v1/organizations/import`, {
    method: 'POST',
    raw: csv,
    token: demo.token,
    headers: { 'content-type': 'text/csv' },
  });
  expect(r.status, r.text).toBe(200);
  return (r.json.organizations as { id: number }[]).map((o) => o.id);
}

const oidcBinding = () => ({
  protocol: 'oidc',
  issuer: oidc.issuer,
  clientId: oidc.clientId,
  clientSecret: oidc.clientSecret,
  scopes: ['affiliation'],
  claim: 'eduPersonAffiliation',
  values: ['student', 'faculty'],
});
const samlBinding = () => ({ protocol: 'saml', metadataXml: saml.metadataXml, attribute: 'eduPersonAffiliation', values: ['Student'] });

/** A verification of `programId` through its person step at the organization: on `sso`, its loginUrl's 307. */
async function toSignIn(programId: string, organization: { id: number; name: string }, firstName = 'Randy') {
  const created = await api(rest('/verification'), { body: { programId } });
  expect(created.status, created.text).toBe(200);
  const id = created.json.verificationId as string;
  const person = await api(created.json.submissionUrl, { body: { ...randy, firstName, organization } });
  expect(person.status, person.text).toBe(200);
  expect(person.json).toMatchObject({ currentStep: 'sso', loginUrl: rest(`/verification/${id}/step/sso`) });
  const login = await fetch(person.json.loginUrl, { redirect: 'manual' });
  expect(login.status).toBe(307);
  return { id, location: login.headers.get('location')! };
}

/** The browser at Vouch's page after the sign-in: the outcome it shows. */
async function landing(res: Response) {
  const page = await res.text();
  expect(res.status, page).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^text\/html/);
  return /data-outcome="([^"]+)"/.exec(page)?.[1];
}

const postAcs = (action: string, fields: Record<string, string>) =>
  fetch(action, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
  });

beforeAll(async () => {
  [oidc, saml] = await Promise.all([startOidcIdp(rest('/sso/oidc/callback'), PEOPLE), startSamlIdp(rest('/sso/saml'), PEOPLE)]);
  const created = await api(`${t.app.url}/manage/v1/programs`, {
    token: t.demo.token,
    // These cases send one person many times from one address: the abuse limits are test/e2e/abuse.test.ts's.
    body: { name: 'Live SSO', segment: 'student', testMode: false, offerType: 'staticCode', staticCode: 'SSO-OK', abuse: UNLIMITED },
  });
  expect(created.status, created.text).toBe(201);
  liveProgram = created.json.id;
  [org.oidc, org.saml, org.plain] = await importOrganizations(t.demo, ['Oidc University', 'Saml College', 'Plain Institute']);
  const a = await api(manage(`/bindings/${org.oidc}`), { method: 'PUT', token: t.demo.token, body: oidcBinding() });
  expect(a.status, a.text).toBe(201);
  const b = await api(manage(`/bindings/${org.saml}`), { method: 'PUT', token: t.demo.token, body: samlBinding() });
  expect(b.status, b.text).toBe(201);
});
afterAll(async () => {
  await Promise.all([oidc?.close(), saml?.close()]);
});

describe(`single sign-on with OpenID Connect (${TEST_STORE})`, () => {
  const at = () => ({ id: org.oidc, name: 'Oidc University' });

  it('sends the browser to the provider (state, nonce, PKCE S256); a person with the claim value succeeds; the state is used once', async () => {
    const { id, location } = await toSignIn(liveProgram, at());
    const auth = new URL(location);
    expect(`${auth.origin}`).toBe(oidc.issuer);
    expect(Object.fromEntries(auth.searchParams)).toMatchObject({
      client_id: oidc.clientId,
      response_type: 'code',
      redirect_uri: rest('/sso/oidc/callback'),
      scope: 'openid affiliation',
      code_challenge_method: 'S256',
      state: expect.stringMatching(/^sso_[\w-]{43}$/),
      nonce: expect.any(String),
      code_challenge: expect.stringMatching(/^[\w-]{43}$/),
    });

    const back = await oidc.signIn(location, 'alice');
    expect(back.startsWith(rest('/sso/oidc/callback?'))).toBe(true);
    expect(await landing(await fetch(back))).toBe('success');
    expect(await status(id)).toMatchObject({ currentStep: 'success', errorIds: [], rewardCode: 'SSO-OK' });

    // The same answer again: refused, and the verification stays as it is.
    const replay = await api(back);
    expect(replay.status, replay.text).toBe(400);
    expectShape(ERROR_RESPONSE, replay.json);
    expect(replay.json).toMatchObject({
      currentStep: 'error',
      errorIds: ['invalidSsoState'],
      systemErrorMessage: expect.stringMatching(/expired or already used/),
    });
    expect(await status(id)).toMatchObject({ currentStep: 'success' });
  });

  it('a person without the claim value goes to docUpload with ssoNotEligible; a provider error with ssoFailed', async () => {
    const bob = await toSignIn(liveProgram, at());
    expect(await landing(await fetch(await oidc.signIn(bob.location, 'bob')))).toBe('ssoNotEligible');
    expect(await status(bob.id)).toMatchObject({ currentStep: 'docUpload', errorIds: ['ssoNotEligible'] });

    const refused = await toSignIn(liveProgram, at());
    const state = new URL(refused.location).searchParams.get('state')!;
    const denied = await fetch(rest(`/sso/oidc/callback?error=access_denied&state=${encodeURIComponent(state)}`));
    expect(await landing(denied)).toBe('ssoFailed');
    expect(await status(refused.id)).toMatchObject({ currentStep: 'docUpload', errorIds: ['ssoFailed'] });

    // A forged code with a good state: the exchange fails at the provider.
    const forged = await toSignIn(liveProgram, at());
    const s2 = new URL(forged.location).searchParams.get('state')!;
    const bad = await fetch(rest(`/sso/oidc/callback?code=forged&state=${encodeURIComponent(s2)}&iss=${encodeURIComponent(oidc.issuer)}`));
    expect(await landing(bad)).toBe('ssoFailed');
    expect(await status(forged.id)).toMatchObject({ currentStep: 'docUpload', errorIds: ['ssoFailed'] });
  });

  it('answers 502 ssoFailed when the provider cannot be reached to begin, and the verification stays on sso', async () => {
    const [down] = await importOrganizations(t.demo, ['Unreachable University']);
    const put = await api(manage(`/bindings/${down}`), {
      method: 'PUT',
      token: t.demo.token,
      body: { ...oidcBinding(), issuer: 'http://127.0.0.1:9' },
    });
    expect(put.status, put.text).toBe(201);
    const created = await api(rest('/verification'), { body: { programId: liveProgram } });
    const person = await api(created.json.submissionUrl, {
      body: { ...randy, organization: { id: down, name: 'Unreachable University' } },
    });
    expect(person.json).toMatchObject({ currentStep: 'sso' });
    const login = await api(person.json.loginUrl);
    expect(login.status, login.text).toBe(502);
    expect(login.json).toMatchObject({
      currentStep: 'error',
      errorIds: ['ssoFailed'],
      systemErrorMessage: expect.stringMatching(/could not be reached/),
    });
    expect(await status(created.json.verificationId)).toMatchObject({ currentStep: 'sso' });
  });

  it('refuses an unknown, missing or expired state with 400 invalidSsoState and changes nothing', async () => {
    for (const query of ['?code=x&state=sso_unknown', '?code=x', '']) {
      const r = await api(rest(`/sso/oidc/callback${query}`));
      expect(r.status, query).toBe(400);
      expect(r.json, query).toMatchObject({ currentStep: 'error', errorIds: ['invalidSsoState'] });
    }
    const late = await toSignIn(liveProgram, at());
    offsetMs = 11 * 60 * 1000;
    try {
      const back = await oidc.signIn(late.location, 'alice');
      const r = await api(back);
      expect(r.status, r.text).toBe(400);
      expect(r.json).toMatchObject({ errorIds: ['invalidSsoState'] });
    } finally {
      offsetMs = 0;
    }
    expect(await status(late.id)).toMatchObject({ currentStep: 'sso' });
  });
});

describe(`single sign-on with SAML 2.0 (${TEST_STORE})`, () => {
  const at = () => ({ id: org.saml, name: 'Saml College' });

  it('sends an AuthnRequest; a signed response whose attribute holds a value succeeds; its RelayState is used once', async () => {
    const { id, location } = await toSignIn(liveProgram, at());
    const url = new URL(location);
    expect(url.origin + url.pathname).toBe(`${saml.entityId}/sso`);
    expect(url.searchParams.get('SAMLRequest')).toBeTruthy();
    expect(url.searchParams.get('RelayState')).toMatch(/^sso_/);

    const form = await saml.signIn(location, 'alice');
    expect(form.action).toBe(rest('/sso/saml/acs'));
    expect(await landing(await postAcs(form.action, form))).toBe('success');
    expect(await status(id)).toMatchObject({ currentStep: 'success', rewardCode: 'SSO-OK' });

    const replay = await postAcs(form.action, form);
    expect(replay.status).toBe(400);
    expect(await replay.json()).toMatchObject({ currentStep: 'error', errorIds: ['invalidSsoState'] });
  });

  it('without the value: ssoNotEligible; signed by another key, for another audience or expired: ssoFailed', async () => {
    const bob = await toSignIn(liveProgram, at());
    const form = await saml.signIn(bob.location, 'bob');
    expect(await landing(await postAcs(form.action, form))).toBe('ssoNotEligible');
    expect(await status(bob.id)).toMatchObject({ currentStep: 'docUpload', errorIds: ['ssoNotEligible'] });

    for (const [login, spoil] of [
      ['mallory', { otherKey: true }],
      ['trent', { audience: 'https://elsewhere.example/sp' }],
      ['oscar', { expired: true }],
    ] as const) {
      const v = await toSignIn(liveProgram, at());
      const f = await saml.signIn(v.location, login, spoil);
      expect(await landing(await postAcs(f.action, f)), login).toBe('ssoFailed');
      expect(await status(v.id), login).toMatchObject({ currentStep: 'docUpload', errorIds: ['ssoFailed'] });
    }

    // A response to another sign-in's request, sent with this sign-in's RelayState: refused (InResponseTo).
    const first = await toSignIn(liveProgram, at());
    const second = await toSignIn(liveProgram, at());
    const answerToFirst = await saml.signIn(first.location, 'alice');
    const relayOfSecond = new URL(second.location).searchParams.get('RelayState')!;
    expect(await landing(await postAcs(answerToFirst.action, { ...answerToFirst, RelayState: relayOfSecond }))).toBe('ssoFailed');
    expect(await status(second.id)).toMatchObject({ currentStep: 'docUpload', errorIds: ['ssoFailed'] });
  });

  it("serves Vouch's service provider metadata at its entity id", async () => {
    const r = await fetch(rest('/sso/saml'));
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/^application\/samlmetadata\+xml/);
    const xml = await r.text();
    expect(xml).toContain(`entityID="${rest('/sso/saml')}"`);
    expect(xml).toMatch(new RegExp(`AssertionConsumerService[^>]*Location="${rest('/sso/saml/acs')}"`));
  });

  it('refuses a post without a response or with an unknown RelayState, changing nothing', async () => {
    const missing = await postAcs(rest('/sso/saml/acs'), { RelayState: 'sso_x' });
    expect(missing.status).toBe(400);
    expect(await missing.json()).toMatchObject({ currentStep: 'error', errorIds: ['invalidRequest'] });
    const unknown = await postAcs(rest('/sso/saml/acs'), { SAMLResponse: 'PHg+', RelayState: 'sso_unknown' });
    expect(unknown.status).toBe(400);
    expect(await unknown.json()).toMatchObject({ errorIds: ['invalidSsoState'] });
  });
});

describe(`single sign-on in test mode (${TEST_STORE})`, () => {
  it('the first name SSO at an organization without a binding signs in at Vouch’s test callback, successfully', async () => {
    const { id, location } = await toSignIn(t.demo.programs.student, { id: 1, name: 'Organization name' }, 'SSO');
    expect(location).toMatch(new RegExp(`^${rest('/sso/test/callback')}\\?state=sso_`));
    expect(await landing(await fetch(location))).toBe('success');
    expect(await status(id)).toMatchObject({ currentStep: 'success', errorIds: [] });
    expect((await api(location)).json).toMatchObject({ errorIds: ['invalidSsoState'] });
  });

  it('DELETE of the step skips to docUpload; the sign-in begun before then is answered as no longer ongoing', async () => {
    const { id, location } = await toSignIn(t.demo.programs.student, { id: 1, name: 'Organization name' }, 'SSO');
    const skipped = await api(rest(`/verification/${id}/step/sso`), { method: 'DELETE' });
    expect(skipped.status, skipped.text).toBe(200);
    expect(skipped.json).toMatchObject({ verificationId: id, currentStep: 'docUpload' });
    const again = await api(rest(`/verification/${id}/step/sso`));
    expect(again.status).toBe(400);
    expect(again.json).toMatchObject({
      errorIds: ['invalidStep'],
      systemErrorMessage: expect.stringMatching(/does not have an ongoing SSO request/),
    });
    const late = await api(location);
    expect(late.status).toBe(400);
    expect(late.json).toMatchObject({ errorIds: ['invalidStep'] });
    expect(await status(id)).toMatchObject({ currentStep: 'docUpload' });
  });

  it('a live verification at an organization without a binding goes to docUpload, not sso', async () => {
    const created = await api(rest('/verification'), { body: { programId: liveProgram } });
    const person = await api(created.json.submissionUrl, { body: { ...randy, organization: { id: org.plain, name: 'Plain Institute' } } });
    expect(person.json).toMatchObject({ currentStep: 'docUpload' });
  });
});

describe(`single sign-on bindings: /manage/v1/sso/bindings (${TEST_STORE})`, () => {
  it('creates, replaces, lists, reads (never the secret) and deletes', async () => {
    const demo = await t.app.bootstrap();
    const [mine, other] = await importOrganizations(demo, ['Binding University', 'Second University']);
    const put = (body: unknown) => api(manage(`/bindings/${mine}`), { method: 'PUT', token: demo.token, body });
    const first = await put(oidcBinding());
    expect(first.status, first.text).toBe(201);
    expect(first.json).toMatchObject({
      organizationId: mine,
      organizationName: 'Binding University',
      protocol: 'oidc',
      issuer: oidc.issuer,
      clientSecretSet: true,
      claim: 'eduPersonAffiliation',
    });
    expect(first.text).not.toContain(oidc.clientSecret);
    const replaced = await put(samlBinding());
    expect(replaced.status, replaced.text).toBe(200);
    expect(replaced.json).toMatchObject({
      protocol: 'saml',
      idpEntityId: saml.entityId,
      idpSignInUrl: `${saml.entityId}/sso`,
      idpCertificates: [expect.stringMatching(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/)],
      attribute: 'eduPersonAffiliation',
    });
    expect((await api(manage(`/bindings/${other}`), { method: 'PUT', token: demo.token, body: oidcBinding() })).status).toBe(201);

    const list = await api(manage('/bindings'), { token: demo.token });
    expect(list.status).toBe(200);
    expect(list.json.map((b: { organizationId: number; protocol: string }) => [b.organizationId, b.protocol])).toEqual([
      [mine, 'saml'],
      [other, 'oidc'],
    ]);
    expect(list.text).not.toContain(oidc.clientSecret);
    const one = await api(manage(`/bindings/${other}`), { token: demo.token });
    expect(one.json).toMatchObject({
      organizationId: other,
      organizationName: 'Second University',
      protocol: 'oidc',
      clientSecretSet: true,
    });
    expect(one.json).not.toHaveProperty('clientSecret');

    // A test-mode person without an instant match (REJECTED) at a bound organization is sent to sign in there.
    const rejected = async () => {
      const created = await api(rest('/verification'), { body: { programId: demo.programs.student } });
      const body = { ...randy, firstName: 'REJECTED', organization: { id: mine, name: 'Binding University' } };
      return (await api(created.json.submissionUrl, { body })).json.currentStep;
    };
    expect(await rejected()).toBe('sso');

    const del = await api(manage(`/bindings/${mine}`), { method: 'DELETE', token: demo.token });
    expect(del.status, del.text).toBe(204);
    const gone = await api(manage(`/bindings/${mine}`), { token: demo.token });
    expect(gone.status).toBe(404);
    expect(gone.headers.get('content-type')).toMatch(/problem\+json/);
    expect((await api(manage(`/bindings/${mine}`), { method: 'DELETE', token: demo.token })).status).toBe(404);
    expect(await rejected()).toBe('docUpload');
  });

  it('refuses bad bindings with a problem that names the finding, storing nothing', async () => {
    const demo = await t.app.bootstrap();
    const [mine] = await importOrganizations(demo, ['Refusing University']);
    const o = oidcBinding();
    const cases: [unknown, RegExp][] = [
      [{}, /protocol/],
      [{ ...o, protocol: 'ldap' }, /protocol/],
      [{ ...o, issuer: 'http://idp.example.edu' }, /issuer/],
      [{ ...o, issuer: 'not a url' }, /issuer/],
      [{ ...o, values: [] }, /values/],
      [{ ...o, clientSecret: '' }, /clientSecret/],
      [{ ...o, claim: 42 }, /claim/],
      [{ ...o, extra: true }, /Unexpected property 'extra'/],
      [{ ...samlBinding(), metadataXml: 'not xml <' }, /metadataXml/],
      [{ ...samlBinding(), metadataXml: saml.metadataXml.replace(/<md:KeyDescriptor.*<\/md:KeyDescriptor>/, '') }, /certificate/],
      [{ ...samlBinding(), metadataXml: saml.metadataXml.replace(/Binding="[^"]*HTTP-Redirect"/, 'Binding="x"') }, /HTTP-Redirect/],
      [[1], /JSON object|protocol/],
    ];
    for (const [body, finding] of cases) {
      const r = await api(manage(`/bindings/${mine}`), { method: 'PUT', token: demo.token, body });
      expect(r.status, JSON.stringify(body).slice(0, 80)).toBe(400);
      expect(r.headers.get('content-type')).toMatch(/problem\+json/);
      expect(r.json.detail, JSON.stringify(body).slice(0, 80)).toMatch(finding);
    }
    for (const id of ['abc', '0', '-1', '1.5']) {
      const r = await api(manage(`/bindings/${id}`), { method: 'PUT', token: demo.token, body: o });
      expect(r.status, id).toBe(400);
    }
    expect((await api(manage('/bindings'), { token: demo.token })).json).toEqual([]);
  });

  it("answers another account's organization and binding as unknown, and wants an ADMIN token", async () => {
    const a = await t.app.bootstrap();
    const b = await t.app.bootstrap();
    const [ofB] = await importOrganizations(b, ['Elsewhere University']);
    const byA = await api(manage(`/bindings/${ofB}`), { method: 'PUT', token: a.token, body: oidcBinding() });
    expect(byA.status, byA.text).toBe(404);
    expect(byA.json).toMatchObject({ title: 'notFound', detail: `Organization with ID '${ofB}' not found` });
    expect((await api(manage(`/bindings/${ofB}`), { method: 'PUT', token: b.token, body: oidcBinding() })).status).toBe(201);
    for (const method of ['GET', 'DELETE']) {
      const r = await api(manage(`/bindings/${ofB}`), { method, token: a.token });
      expect(r.status, method).toBe(404);
    }
    expect((await api(manage('/bindings'), { token: a.token })).json).toEqual([]);
    expect((await api(manage(`/bindings/${ofB}`), { token: b.token })).status).toBe(200);

    expect((await api(manage('/bindings'))).status).toBe(401);
    const { reviewer } = await oneRoleTokens(t.app.url, a.token, ['REVIEWER'] as const);
    expect((await api(manage('/bindings'), { token: reviewer })).status).toBe(403);
    expect((await api(manage(`/bindings/${ofB}`), { method: 'PUT', token: reviewer, body: oidcBinding() })).status).toBe(403);
  });
});
