import { beforeAll, describe, expect, it } from 'vitest';
import { api, useTestApp } from '../support/app.ts';
import { VALID_BODIES } from '../support/bodies.ts';
import { makePng } from '../support/fixtures.ts';
import { TEST_STORE } from '../support/stores.ts';

/**
 * The hosted form's server side over HTTP, as a browser without JavaScript meets it: every step's page, the
 * plain form posts (which go through the public API), and bad input, which gets a page, never a 500.
 * test/browser/hosted-form.browser.test.ts drives the same pages in Chromium.
 */

const t = useTestApp();
let themed: string;

beforeAll(async () => {
  const r = await api(`${t.app.url}/manage/v1/programs`, {
    token: t.demo.token,
    body: {
      name: 'Riverside <Books>',
      segment: 'student',
      staticCode: 'RIVER-1',
      logoUrl: 'https://cdn.riverside.example/logo.png',
      privacyPolicyUrl: 'https://riverside.example/privacy',
      colors: { primary: '#ffd400', background: '#ffffff' },
      customCss: 'h1 { letter-spacing: .02em } @import url(https://evil.example/x.css);',
    },
  });
  expect(r.status, r.text).toBe(201);
  themed = r.json.id;
});

const formUrl = (programId: string, query = '') => `${t.app.url}/form/${programId}${query}`;

/** A plain form post, as a browser without JavaScript sends it; redirects are not followed. */
async function post(programId: string, fields: Record<string, string>) {
  const res = await fetch(formUrl(programId), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields),
    redirect: 'manual',
  });
  return { status: res.status, location: res.headers.get('location'), text: await res.text() };
}

/** The page a post redirected to. */
const follow = async (location: string | null) => {
  expect(location).toMatch(/^\/form\/[0-9a-f]{24}\?verificationId=[0-9a-f]{24}/);
  const res = await fetch(`${t.app.url}${location}`);
  return { status: res.status, text: await res.text() };
};

const student = (firstName: string) => {
  const { organization, ...person } = VALID_BODIES.collectStudentPersonalInfo as Record<string, string> & {
    organization: { id: number; name: string };
  };
  return {
    _step: 'collectStudentPersonalInfo',
    ...person,
    firstName,
    'organization.name': organization.name,
    'organization.id:num': String(organization.id),
  };
};

describe(`the hosted form’s pages (${TEST_STORE})`, () => {
  it('serves the first step in the program’s theme, under a strict policy with a fresh nonce', async () => {
    const res = await fetch(formUrl(themed));
    const html = await res.text();
    expect(res.status).toBe(200);
    const csp = res.headers.get('content-security-policy')!;
    const nonce = /script-src 'nonce-([^']+)'/.exec(csp)![1];
    expect(html).toContain(`<script src="/form/assets/form.js" nonce="${nonce}"`);
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("img-src 'self' blob: data: https://cdn.riverside.example");
    expect(csp).toContain('frame-ancestors *');
    const again = await fetch(formUrl(themed));
    expect(again.headers.get('content-security-policy')).not.toContain(nonce);
    // The name is escaped, the logo and privacy link are the program's, the CSS is scoped and made safe.
    expect(html).toContain('alt="Riverside &lt;Books>"');
    expect(html).not.toContain('<Books>');
    expect(html).toContain('href="https://riverside.example/privacy"');
    expect(html).toContain('@scope (#vouch-form) {\nh1 { letter-spacing: .02em }');
    expect(html).not.toContain('evil.example');
    // A yellow button gets dark text.
    expect(html).toContain('--vf-primary:#ffd400;--vf-on-primary:#1a1a1a');
    for (const name of ['firstName', 'lastName', 'email', 'birthDate', 'organization.name']) expect(html).toContain(`name="${name}"`);
  });

  it('takes the language from ?locale=, else from Accept-Language', async () => {
    const fr = await (await fetch(formUrl(t.demo.programs.student), { headers: { 'accept-language': 'fr-CA,fr;q=0.9' } })).text();
    expect(fr).toContain('<html lang="fr-CA">');
    const es = await (await fetch(formUrl(t.demo.programs.student, '?locale=es-ES'), { headers: { 'accept-language': 'fr' } })).text();
    expect(es).toContain('<html lang="es-ES">');
  });

  it('works without JavaScript: field errors come back with what was typed; success redirects to the reward code', async () => {
    const bad = await post(t.demo.programs.student, { ...student('Ada'), email: 'not an address' });
    expect(bad.status).toBe(200);
    expect(bad.text).toContain('role="alert"');
    expect(bad.text).toContain('id="vf-email-error"');
    expect(bad.text).toContain('value="not an address"');
    expect(bad.text).toMatch(/name="_verificationId" value="[0-9a-f]{24}"/);
    const id = /name="_verificationId" value="([0-9a-f]{24})"/.exec(bad.text)![1];
    const good = await post(t.demo.programs.student, { ...student('Ada'), _verificationId: id });
    expect(good.status).toBe(303);
    const page = await follow(good.location);
    expect(page.text).toContain('<output id="vf-code" aria-labelledby="vf-code-label">DEMO-STUDENT</output>');
    expect((await api(`${t.app.url}/rest/v2/verification/${id}`)).json.currentStep).toBe('success');
  });

  it('shows each loop step with its actions, and leaves it for documents', async () => {
    const at = async (firstName: string) => {
      const r = await post(t.demo.programs.student, student(firstName));
      expect(r.status).toBe(303);
      return { location: r.location!, page: await follow(r.location) };
    };
    const loop = await at('EMAILLOOP');
    expect(loop.page.text).toContain('name="emailToken"');
    expect(loop.page.text).toContain('value="resend"');
    const id = new URL(loop.location, t.app.url).searchParams.get('verificationId')!;
    const wrong = await post(t.demo.programs.student, { _step: 'emailLoop', _verificationId: id, emailToken: '000000' });
    expect(wrong.status).toBe(200);
    expect(wrong.text).toContain('id="vf-code-error"');
    const skipped = await post(t.demo.programs.student, { _step: 'emailLoop', _verificationId: id, _action: 'cancel' });
    expect((await follow(skipped.location)).text).toContain('type="file"');

    const idCheck = await at('ID_CHECK_LOOP');
    expect(idCheck.page.text).toContain('name="mrz"');
    expect(idCheck.page.text).toContain('value="idCard"');
  });

  it('asks for documents again after a rejection, with the reviewer’s reasons in the theme’s words', async () => {
    const r = await post(t.demo.programs.student, student('REJECTED'));
    const id = new URL(r.location!, t.app.url).searchParams.get('verificationId')!;
    const png = makePng();
    const at = await api(`${t.app.url}/rest/v2/verification/${id}`);
    const declared = await api(at.json.submissionUrl, { body: [{ fileName: 'card.png', mimeType: 'image/png', fileSize: png.length }] });
    const put = await fetch(declared.json.documents[0].uploadUrl, {
      method: 'PUT',
      body: new Uint8Array(png),
      headers: { 'content-type': 'image/png' },
    });
    expect(put.status).toBe(200);
    expect((await api(declared.json.submissionUrl, { body: {} })).json.currentStep).toBe('pending');
    const pending = await (await fetch(formUrl(t.demo.programs.student, `?verificationId=${id}`))).text();
    expect(pending).toContain('<meta http-equiv="refresh" content="15"');
    const rejected = await api(`${t.app.url}/rest/v2/review/${id}/decision`, {
      token: t.demo.token,
      body: { decision: 'REJECT', rejectionReasons: ['DOCUMENT_EXPIRED'] },
    });
    expect(rejected.json.currentStep).toBe('docUpload');
    const again = await (await fetch(formUrl(t.demo.programs.student, `?verificationId=${id}`))).text();
    expect(again).toContain('The document has expired. Please send one that is still valid.');
    expect(again).toContain('type="file"');
  });

  it('asks military people for their status first, with the statuses the program offers', async () => {
    const html = await (await fetch(formUrl(t.demo.programs.military))).text();
    expect(html).toContain('name="status"');
    expect(html).toContain('value="VETERAN"');
    const next = await post(t.demo.programs.military, { _step: 'collectMilitaryStatus', status: 'VETERAN' });
    expect((await follow(next.location)).text).toContain('name="dischargeDate"');
  });

  it('answers bad input with a page, never a 500, and changes nothing', async () => {
    for (const [url, status] of [
      [formUrl('0'.repeat(24)), 404],
      [formUrl('not-a-program'), 404],
      [formUrl(t.demo.programs.student, `?verificationId=${'0'.repeat(24)}`), 404],
      [formUrl(t.demo.programs.student, '?verificationId=../../etc'), 404],
      [formUrl(t.demo.programs.student, `?prefill=${encodeURIComponent('{"firstName":"<script>"}')}&metadata=not-json&locale=zz`), 200],
    ] as const) {
      const res = await fetch(url);
      expect(res.status, url).toBe(status);
      const html = await res.text();
      expect(html).toMatch(/^<!doctype html>/);
      expect(html).not.toContain('<script>"');
    }
    const verifications = async () =>
      Number(
        (
          await t.app.running.container.store.db
            .selectFrom('verifications')
            .select((eb) => eb.fn.countAll().as('n'))
            .where('program_id', '=', t.demo.programs.student)
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await verifications();
    for (const fields of [
      {},
      { _step: 'collectStudentPersonalInfo', _verificationId: '../../x' },
      { _step: 'noSuchStep', firstName: 'x' },
      { ...student('Ada'), _verificationId: 'f'.repeat(24) },
      { ...student('Ada'), _step: 'docUpload' },
      { ...student('Ada'), _verificationId: 'x'.repeat(20_000) },
    ]) {
      const r = await post(t.demo.programs.student, fields as Record<string, string>);
      expect([200, 400, 404, 409], JSON.stringify(fields).slice(0, 80)).toContain(r.status);
      expect(r.status).not.toBe(303);
      expect(r.text).toMatch(/^<!doctype html>/);
    }
    expect(await verifications()).toBe(before);
    // Another site's page posting the form (its visitors' attempts would count against them) is refused.
    for (const headers of [{ 'sec-fetch-site': 'cross-site' }, { origin: 'https://elsewhere.example' }] as Record<string, string>[]) {
      const res = await fetch(formUrl(t.demo.programs.student), {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
        body: new URLSearchParams(student('Ada')),
        redirect: 'manual',
      });
      expect(res.status).toBe(403);
    }
    expect(await verifications()).toBe(before);
  });
});
