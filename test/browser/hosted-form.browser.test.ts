import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Browser, BrowserContextOptions, Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, startTestApp, type TestApp } from '../support/app.ts';
import { axeFindings, DESKTOP, launchChromium, PHONE, screenshots } from '../support/browser.ts';
import { VALID_BODIES } from '../support/bodies.ts';
import { makePng } from '../support/fixtures.ts';

/**
 * The hosted form (`/form/{programId}`) in headless Chromium, as a person meets it: embedded in a shop's
 * page through vouch.js, at a phone's size and a desktop's, in English and French, with the keyboard only,
 * and without JavaScript. axe-core checks every step; screenshots of each are left for people to look at.
 */

const SHOTS = process.env.VOUCH_SCREENSHOTS ?? path.join(os.tmpdir(), 'vouch-form-screens');
const SHOP = 'shop.example.test';
const OTHER_SITE = 'elsewhere.example.test';
const FR_EMAIL = 'Ce courriel ne semble pas valide (message du programme).';

let app: TestApp;
let browser: Browser;
let token: string;
let programId: string;
let shop: http.Server;
let shopUrl: string;

beforeAll(async () => {
  fs.mkdirSync(SHOTS, { recursive: true });
  app = await startTestApp();
  token = (await app.bootstrap()).token;
  const created = await api(`${app.url}/manage/v1/programs`, {
    token,
    body: {
      name: 'Campus Books',
      segment: 'student',
      staticCode: 'FORM-OK-2026',
      allowedDomains: [SHOP],
      locales: ['en-US', 'fr-CA', 'es-ES'],
      messages: { 'fr-CA': { errorId: { invalidEmail: FR_EMAIL } } },
    },
  });
  expect(created.status, created.text).toBe(201);
  programId = created.json.id;
  // The shop's page, on a site of its own (mapped to this machine), embedding the form with vouch.js.
  shop = http.createServer((req, res) => {
    const form = `${app.url}/form/${programId}`;
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    if (req.url === '/modal') {
      res.end(`<!doctype html><html lang="en"><head><title>Campus Books</title></head><body><main>
<button id="open" type="button">Get the student discount</button>
<script src="${app.url}/js/vouch.js"></script>
<script>
  document.getElementById('open').addEventListener('click', () => { window.modal = vouch.loadInModal(${JSON.stringify(form)}, { closeLabel: 'Close' }); });
</script></main></body></html>`);
      return;
    }
    res.end(`<!doctype html><html lang="en"><head><title>Campus Books checkout</title></head><body>
<h1>Student discount</h1><div id="box"></div>
<script src="${app.url}/js/vouch.js"></script>
<script>
  window.events = [];
  window.everywhere = [];
  const form = vouch.loadInlineIframe(document.getElementById('box'), ${JSON.stringify(form)}, {
    trackingId: 'order-7', metadata: { campaign: 'winter' }, prefill: { email: 'ada@example.edu' },
  });
  for (const type of ['ready', 'stepChange', 'success', 'error']) form.on(type, (m) => window.events.push(m));
  vouch.on('success', (m) => window.everywhere.push(m));
</script></body></html>`);
  });
  await new Promise<void>((resolve) => shop.listen(0, '127.0.0.1', resolve));
  shopUrl = `http://${SHOP}:${(shop.address() as AddressInfo).port}/`;
  browser = await launchChromium([SHOP, OTHER_SITE]);
});
afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => shop?.close(resolve));
  await app?.close();
});

/** A page in a new context; `problems` collects script errors and CSP refusals, which must stay empty. */
async function open(options: BrowserContextOptions = {}): Promise<{ page: Page; problems: string[] }> {
  const context = await browser.newContext({ viewport: PHONE, locale: 'en-US', ...options });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || /Content Security Policy|Refused to/i.test(m.text()))
      problems.push(`${m.text()} (${m.location().url}:${m.location().lineNumber})`);
  });
  page.on('pageerror', (e) => problems.push(e.message));
  return { page, problems };
}

/** Types a school's name and picks it from the list with the keyboard. */
async function pickOrganization(target: Page | Frame, name: string) {
  const box = target.getByRole('combobox', { name: /Organization|Organisation|Organización/ });
  await box.fill(name.slice(0, 5));
  await target.getByRole('option', { name }).waitFor();
  await box.press('ArrowDown');
  await box.press('Enter');
  expect(await box.inputValue()).toBe(name);
}

async function fillStudent(target: Page | Frame, firstName: string) {
  await target.getByLabel('First name').fill(firstName);
  await target.getByLabel('Last name').fill('Lovelace');
  await target.getByLabel('Email address').fill('ada@example.edu');
  await target.getByLabel('Date of birth').fill('2004-12-10');
  await pickOrganization(target, 'Stanford University');
}

/** Presses Tab until the element with `id` has the focus (a few presses at most), as a keyboard user would. */
async function tabTo(page: Page, id: string) {
  for (let i = 0; i < 4; i++) {
    await page.keyboard.press('Tab');
    if ((await page.evaluate(() => document.activeElement?.id)) === id) return;
  }
  throw new Error(`Tab never reached #${id}`);
}

const formUrl = (query = '') => `${app.url}/form/${programId}${query}`;

describe('the hosted form', () => {
  it('embedded in a shop’s page by vouch.js: completed in the frame, the page gets the success event with the reward code', async () => {
    const { page, problems } = await open({ viewport: DESKTOP });
    await page.goto(shopUrl);
    const frame = page.frameLocator('iframe');
    await frame.getByLabel('First name').waitFor();
    const inner = page.frames().find((f) => f.url().startsWith(formUrl()))!;
    // The embedder's prefill is in the field; its tracking id and metadata go with the new verification.
    expect(await inner.getByLabel('Email address').inputValue()).toBe('ada@example.edu');
    await fillStudent(inner, 'Ada');
    await inner.getByRole('button', { name: 'Verify my eligibility' }).click();
    await inner.getByRole('heading', { name: 'You are verified' }).waitFor();
    expect(await inner.locator('#vf-code').textContent()).toBe('FORM-OK-2026');
    await page.waitForFunction(() => (window as any).events.some((e: any) => e.type === 'success'));
    const events = await page.evaluate(() => (window as any).events);
    const success = events.find((e: any) => e.type === 'success');
    expect(success).toMatchObject({ source: 'vouch-form', step: 'success', rewardCode: 'FORM-OK-2026' });
    expect(events.map((e: any) => e.type)).toEqual(expect.arrayContaining(['ready', 'stepChange', 'success']));
    expect(await page.evaluate(() => (window as any).everywhere.length)).toBe(1);
    // The frame follows the form's height.
    expect((await page.locator('iframe').boundingBox())!.height).toBeGreaterThan(300);
    const details = await api(`${app.url}/rest/v2/verification/${success.verificationId}/details`, { token });
    expect(details.json).toMatchObject({ trackingId: 'order-7', personInfo: { metadata: { campaign: 'winter' } } });
    // A message that does not come from the form's frame is not taken for one.
    await page.evaluate(() => window.postMessage({ source: 'vouch-form', type: 'success', rewardCode: 'FAKE' }, '*'));
    await page.waitForTimeout(100);
    expect(await page.evaluate(() => (window as any).events.filter((e: any) => e.type === 'success').length)).toBe(1);
    expect(problems).toEqual([]);
  });

  it('refuses to be framed by a site the program does not allow', async () => {
    const r = await fetch(formUrl());
    expect(r.headers.get('content-security-policy')).toMatch(/frame-ancestors 'self' shop\.example\.test:\* \*\.shop\.example\.test:\*/);
    // The shop's own page, served from another site: vouch.js adds the frame, the browser refuses to fill it.
    const { page } = await open();
    const blocked = page.waitForEvent('console', (m) => /frame-ancestors/.test(m.text()));
    await page.goto(shopUrl.replace(SHOP, OTHER_SITE));
    await blocked;
    expect(await page.locator('iframe').count()).toBe(1);
    const framed = page.frames().find((f) => f.url().startsWith(formUrl()));
    expect(framed ? await framed.locator('h1').count() : 0).toBe(0);
  });

  it('goes from a rejected person to documents, waits for the review, and shows the success without a reload', async () => {
    const { page, problems } = await open();
    await page.goto(formUrl());
    await fillStudent(page, 'REJECTED');
    await page.getByRole('button', { name: 'Verify my eligibility' }).click();
    await page.getByRole('heading', { name: 'We need a document from you' }).waitFor();
    expect(await axeFindings(page, problems)).toEqual([]);
    await screenshots(page, SHOTS, '2-docupload');
    await page.evaluate(() => {
      (window as any).sameDocument = true;
    });
    // Checked before anything is sent: a file of another type is refused with its name.
    await page
      .getByLabel('Choose files or take a photo')
      .setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('hi') });
    await expect
      .poll(() => page.locator('#vf-files-problems').textContent())
      .toContain('notes.txt is not a JPG, PNG, PDF, GIF or BMP file.');
    await page
      .getByLabel('Choose files or take a photo')
      .setInputFiles({ name: 'student-card.png', mimeType: 'image/png', buffer: makePng(640, 400) });
    await page.locator('#vf-file-list img').waitFor();
    expect(await page.locator('#vf-file-list').textContent()).toContain('student-card.png');
    await page.getByRole('button', { name: 'Send for review' }).click();
    await page.getByRole('heading', { name: 'Your documents are being reviewed' }).waitFor();
    expect(await axeFindings(page, problems)).toEqual([]);
    await screenshots(page, SHOTS, '3-pending');
    const id = new URL(page.url()).searchParams.get('verificationId')!;
    const decided = await api(`${app.url}/rest/v2/review/${id}/decision`, { token, body: { decision: 'APPROVE' } });
    expect(decided.json.currentStep).toBe('success');
    await page.getByRole('heading', { name: 'You are verified' }).waitFor({ timeout: 15_000 });
    expect(await page.evaluate(() => (window as any).sameDocument)).toBe(true);
    expect(await page.locator('#vf-code').textContent()).toBe('FORM-OK-2026');
    await page.getByRole('button', { name: 'Copy code' }).waitFor();
    expect(await axeFindings(page, problems)).toEqual([]);
    await screenshots(page, SHOTS, '4-success');
    expect(problems).toEqual([]);
  });

  it('shows field errors in French with the theme’s messages, next to the fields and in a summary', async () => {
    const { page, problems } = await open({ locale: 'fr-CA' });
    await page.goto(formUrl('?locale=fr-CA'));
    expect(await page.locator('html').getAttribute('lang')).toBe('fr-CA');
    await page.getByLabel('Prénom').fill('Ada');
    await page.getByLabel('Nom de famille').fill('Lovelace');
    await page.getByLabel('Adresse courriel').fill('pas-un-courriel');
    await page.getByLabel('Date de naissance').fill('2099-01-01');
    await pickOrganization(page, 'Stanford University');
    await page.getByRole('button', { name: /Confirmer mon admissibilité|Vérifier/ }).click();
    const summary = page.getByRole('alert');
    await summary.waitFor();
    expect(await summary.textContent()).toContain(FR_EMAIL);
    const email = page.getByLabel('Adresse courriel');
    expect(await email.getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#vf-email-error').textContent()).toBe(FR_EMAIL);
    expect(await page.locator('#vf-birthDate-error').textContent()).toMatch(/naissance/i);
    // What was typed stays; the step is kept (nothing was stored).
    expect(await email.inputValue()).toBe('pas-un-courriel');
    expect(await axeFindings(page, problems)).toEqual([]);
    await screenshots(page, SHOTS, '1-errors-fr');
    expect(problems).toEqual([]);
  });

  it('is completed with the keyboard alone', async () => {
    const { page, problems } = await open({ viewport: DESKTOP });
    await page.goto(formUrl());
    expect(await axeFindings(page, problems)).toEqual([]);
    await screenshots(page, SHOTS, '1-collect');
    // The language links come first, then the fields in order.
    await page.getByLabel('First name').focus();
    await page.keyboard.type('Grace');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Hopper');
    await page.keyboard.press('Tab');
    await page.keyboard.type('grace@example.edu');
    await page.keyboard.press('Tab');
    await page.keyboard.type('12102004');
    // The date field's calendar button takes a Tab of its own.
    await tabTo(page, 'vf-organization');
    await page.keyboard.type('Stanf');
    await page.getByRole('option', { name: 'Stanford University' }).waitFor();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    expect(await page.getByRole('combobox').inputValue()).toBe('Stanford University');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Verify my eligibility');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'You are verified' }).waitFor();
    // The new step's heading has the focus, so a screen reader starts there.
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('vf-title');
    expect(problems).toEqual([]);
  });

  it('works without JavaScript: the collect step posts, errors come back with what was typed, and success shows', async () => {
    const { page } = await open({ javaScriptEnabled: false });
    await page.goto(formUrl('?locale=es-ES'));
    expect(await page.locator('h1').textContent()).toMatch(/estudiante/i);
    await page.goto(formUrl());
    await page.getByLabel('First name').fill('Katherine');
    await page.getByLabel('Last name').fill('Johnson');
    await page.getByLabel('Email address').fill('not an address');
    await page.getByLabel('Date of birth').fill('2004-08-26');
    await page.getByRole('combobox', { name: 'Organization' }).fill('Stanford University');
    await page.getByRole('button', { name: 'Verify my eligibility' }).click();
    await page.getByRole('alert').waitFor();
    expect(await page.locator('#vf-email-error').textContent()).toBe('Enter a valid email address.');
    expect(await page.getByLabel('First name').inputValue()).toBe('Katherine');
    await page.getByLabel('Email address').fill('katherine@example.edu');
    await page.getByRole('button', { name: 'Verify my eligibility' }).click();
    await page.getByRole('heading', { name: 'You are verified' }).waitFor();
    expect(await page.locator('#vf-code').textContent()).toBe('FORM-OK-2026');
    // The organization typed without the list was looked up as the script would.
    const id = new URL(page.url()).searchParams.get('verificationId')!;
    const details = await api(`${app.url}/rest/v2/verification/${id}/details`, { token });
    expect(details.json.personInfo.organization).toMatchObject({ name: 'Stanford University' });
    expect(details.json.personInfo.organization.id).toBeGreaterThan(0);
  });

  it('opens in a modal from vouch.js, which closes with Escape and gives the focus back', async () => {
    const { page, problems } = await open();
    await page.goto(`${shopUrl}modal`);
    await page.getByRole('button', { name: 'Get the student discount' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    await page.frameLocator('dialog iframe').getByRole('heading', { name: 'Unlock this student offer' }).waitFor();
    expect(await dialog.getByRole('button', { name: 'Close' }).count()).toBe(1);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('open');
    expect(problems).toEqual([]);
  });

  it('shows the email loop, single sign-on, the ID check and the military status step accessibly', async () => {
    const { page, problems } = await open();
    const start = async (program: string, firstName?: string, by = token) => {
      // Started with the integrator's token: the program takes verifications from its allowed site only.
      const v = await api(`${app.url}/rest/v2/verification`, { token: by, body: { programId: program } });
      if (!firstName) return v.json.verificationId as string;
      const r = await api(v.json.submissionUrl, { body: { ...VALID_BODIES.collectStudentPersonalInfo, firstName } });
      return r.json.verificationId as string;
    };
    const demo = await app.bootstrap();
    for (const [name, program, firstName, heading, by] of [
      ['6-email-loop', programId, 'EMAILLOOP', 'Check your inbox', token],
      ['7-id-check', programId, 'ID_CHECK_LOOP', 'Check your ID document', token],
      ['12-sso', programId, 'SSO', 'Sign in with your organization', token],
      ['8-military-status', demo.programs.military, undefined, 'Unlock this military offer', demo.token],
    ] as const) {
      await page.goto(`${app.url}/form/${program}?verificationId=${await start(program, firstName, by)}`);
      await page.getByRole('heading', { name: heading }).waitFor();
      expect(await axeFindings(page, problems), name).toEqual([]);
      await screenshots(page, SHOTS, name);
    }
    // The email loop: a wrong code is answered next to the field; documents instead leaves the loop.
    await page.goto(`${app.url}/form/${programId}?verificationId=${await start(programId, 'EMAILLOOP')}`);
    await page.getByLabel('Code').fill('000000');
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.locator('#vf-code-error').waitFor();
    await page.getByRole('button', { name: 'Upload a document instead' }).click();
    await page.getByRole('heading', { name: 'We need a document from you' }).waitFor();
    expect(problems).toEqual([]);
  });

  it('shows the SMS loop, the social security number and a consolation offer accessibly', async () => {
    const { page, problems } = await open();
    const create = async (body: Record<string, unknown>) =>
      (await api(`${app.url}/manage/v1/programs`, { token, body: { staticCode: 'OK-1', ...body } })).json.id as string;
    const begin = async (program: string) => (await api(`${app.url}/rest/v2/verification`, { token, body: { programId: program } })).json;

    const sms = await create({ name: 'Campus Books by text', segment: 'student', smsLoop: true });
    const a = await begin(sms);
    await api(a.submissionUrl, { body: { ...VALID_BODIES.collectStudentPersonalInfo, phoneNumber: '+1 604 555 0100' } });

    const military = await create({ name: 'Veterans Outfitters', segment: 'military', collectSocialSecurityNumber: true });
    const b = await begin(military);
    const status = await api(b.submissionUrl, { body: { status: 'VETERAN' } });
    await api(status.json.submissionUrl, { body: { ...VALID_BODIES.collectInactiveMilitaryPersonalInfo, firstName: 'UPLOAD' } });

    const consoling = await create({ name: 'Campus Books Rewards', segment: 'student', consolationRewardCode: 'SORRY-10' });
    const c = await begin(consoling);
    await api(c.submissionUrl, { body: { ...VALID_BODIES.collectStudentPersonalInfo, firstName: 'UPLOAD' } });
    await api(`${app.url}/rest/v2/verification/${c.verificationId}/step/docUpload`, { method: 'DELETE' });

    for (const [name, program, id, heading] of [
      ['9-sms-loop', sms, a.verificationId, 'Enter the code we texted you'],
      ['10-ssn', military, b.verificationId, 'Your Social Security number'],
      ['11-consolation', consoling, c.verificationId, 'Sorry, you do not qualify for this offer'],
    ] as const) {
      await page.goto(`${app.url}/form/${program}?verificationId=${id}`);
      await page.getByRole('heading', { name: heading }).waitFor();
      expect(await axeFindings(page, problems), name).toEqual([]);
      await screenshots(page, SHOTS, name);
    }
    expect(await page.locator('#vf-code').textContent()).toBe('SORRY-10');
    expect(problems).toEqual([]);
  });

  it('ends on an error page for a verification that ended, and a program that does not exist', async () => {
    const { page, problems } = await open();
    await page.goto(formUrl());
    await fillStudent(page, '__ERROR__');
    await page.getByRole('button', { name: 'Verify my eligibility' }).click();
    await page.getByRole('heading', { name: 'Something went wrong' }).waitFor();
    expect(await page.locator('.vf-subtitle').textContent()).toBe('This is a simulated error for testing.');
    expect(await axeFindings(page, problems)).toEqual([]);
    await screenshots(page, SHOTS, '5-error');
    const missing = await page.goto(`${app.url}/form/${'0'.repeat(24)}`);
    expect(missing?.status()).toBe(404);
    expect(await page.locator('.vf-subtitle').textContent()).toBe('This offer could not be found.');
    const unknown = await page.goto(formUrl(`?verificationId=${'0'.repeat(24)}`));
    expect(unknown?.status()).toBe(404);
  });
});
