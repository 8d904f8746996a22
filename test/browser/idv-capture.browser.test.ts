import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/shared/clock.ts';
import { api, startTestApp, type TestApp } from '../support/app.ts';
import { axeFindings, launchChromium, passportMrz, PHONE, photoJpeg } from '../support/browser.ts';
import { makePdf } from '../support/fixtures.ts';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.ts';

/** Screenshots of each step at a phone's size, for people to look at; never committed. */
const SHOTS = process.env.VOUCH_SCREENSHOTS ?? path.join(os.tmpdir(), 'vouch-capture-screens');
const clock = fixedClock(new Date('2026-03-24T12:00:00Z'));
let app: TestApp;
let sink: SmtpSink;
let browser: Browser;
let demo: Awaited<ReturnType<TestApp['bootstrap']>>;

beforeAll(async () => {
  fs.mkdirSync(SHOTS, { recursive: true });
  sink = await startSmtpSink();
  app = await startTestApp({ SMTP_URL: sink.url }, { clock });
  demo = await app.bootstrap();
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
  await sink?.close();
});

const post = (p: string, body: unknown) => api(`${app.url}${p}`, { token: demo.token, body });

/** Creates a request and answers the link as the client receives it: from the mail, over SMTP. */
async function linkByMail(client: Record<string, string>) {
  const r = await post('/api/client/create-verification-request', {
    requesterReferenceId: `BROWSER-${Date.now()}-${Math.random()}`,
    fileName: '12 Harbour Street purchase',
    clients: [client],
  });
  expect(r.status).toBe(200);
  const mail = await sink.waitForText(r.json.data.requests[0].links[0].link);
  expect(mail.to).toEqual([client.email]);
  const link = /(http:\/\/\S+\/verify\/\S+)/.exec(mail.text)?.[1];
  expect(link).toBeTruthy();
  return { link: link!, id: r.json.data.requests[0].clientRequestId as string, fileId: r.json.data.fileReferenceId as string };
}

async function phone(opts: { javaScriptEnabled?: boolean } = {}): Promise<{ page: Page; violations: string[] }> {
  const context = await browser.newContext({
    viewport: PHONE,
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: 'en-CA',
    // A client far from UTC: the link's end is shown in their own time.
    timezoneId: 'America/Vancouver',
    ...opts,
  });
  const page = await context.newPage();
  const violations: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy|Refused to/i.test(m.text())) violations.push(m.text());
  });
  page.on('pageerror', (e) => violations.push(e.message));
  if (process.env.DEBUG_CAPTURE) page.on('request', async (r) => console.log(r.method(), r.url(), JSON.stringify(await r.allHeaders())));
  if (process.env.DEBUG_CAPTURE) page.on('response', async (r) => console.log(r.status(), JSON.stringify(await r.allHeaders())));
  return { page, violations };
}
/** Waits for the page whose heading is exactly `text` (after a navigation the old page may still show). */
async function heading(page: Page, text: string) {
  await page
    .locator('h1', { hasText: text })
    .waitFor({ timeout: 10_000 })
    .catch(async (e) => {
      throw new Error(`expected the page '${text}', got ${page.url()}: ${(await page.locator('body').innerText()).slice(0, 600)}`, {
        cause: e,
      });
    });
  expect((await page.locator('h1').innerText()).trim()).toBe(text);
}
/** The lowest WCAG contrast ratio between the text and the background of the visible text elements (at least one). */
async function lowestContrast(page: Page) {
  const lowest = await page.evaluate(() => {
    const rgb = (c: string) => (c.match(/[\d.]+/g) ?? []).map(Number);
    const lum = ([r, g, b]: number[]) => {
      const f = (v: number) => {
        const x = v / 255;
        return x <= 0.03928 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4;
      };
      return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
    };
    const background = (el: Element | null): number[] => {
      for (let e = el; e; e = e.parentElement) {
        const c = rgb(getComputedStyle(e).backgroundColor);
        if (c.length === 3 || (c.length === 4 && c[3] > 0)) return c.slice(0, 3);
      }
      return [255, 255, 255];
    };
    let lowest = { ratio: 21, text: '', checked: 0 };
    for (const el of document.querySelectorAll(
      'h1, h2, p, label, legend, dt, dd, a, button:not([disabled]), .hint, .status span, .progress',
    )) {
      if (!(el as HTMLElement).offsetParent || !el.textContent?.trim()) continue;
      lowest.checked++;
      const [a, b] = [lum(rgb(getComputedStyle(el).color).slice(0, 3)), lum(background(el))];
      const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
      if (ratio < lowest.ratio) lowest = { ...lowest, ratio, text: el.textContent.trim().slice(0, 40) };
    }
    return lowest;
  });
  expect(lowest.checked).toBeGreaterThan(0);
  return lowest;
}

/** Presses Tab until the element with this id has the focus (a keyboard user's path). */
async function tabTo(page: Page, id: string) {
  for (let i = 0; i < 20; i++) {
    await page.keyboard.press('Tab');
    if ((await page.evaluate(() => document.activeElement?.id)) === id) return;
  }
  throw new Error(`#${id} cannot be reached with the keyboard`);
}
/** axe-core's findings of every impact: the capture page is held to no violation at all. */
const axe = (page: Page, problems: string[]) => axeFindings(page, problems, { everyImpact: true });
/**
 * axe on a page drawn without JavaScript, where axe itself cannot run: its HTML, scripts taken out, is
 * loaded into a page of a context that runs scripts, and checked there.
 */
async function axeWithoutScript(page: Page): Promise<string[]> {
  const html = (await page.content()).replace(/<script\b[^>]*>[\s\S]*?<\/script>/g, '');
  const { page: checker, violations } = await phone();
  await checker.setContent(html);
  const found = await axe(checker, violations);
  await checker.context().close();
  return found;
}
const shot = (page: Page, name: string) => page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });

describe('the capture page in Chromium on a phone-sized screen', () => {
  it('opens the mailed link, completes every step with generated photos, and the report endpoints return the report', async () => {
    const client = {
      firstName: 'Ada',
      lastName: 'Browser',
      email: `ada-${Date.now()}@example.com`,
      phoneNumber: '+1 604 555 0100',
      dateOfBirth: '1985-04-12',
    };
    const { link, id, fileId } = await linkByMail(client);
    const { page, violations } = await phone();

    const res = await page.goto(link);
    expect(res?.status()).toBe(200);
    await heading(page, 'Verify your identity');
    // The link's end in the client's time zone and words, on one line: not `2026-03-27 12:00:00 UTC`.
    const until = await page.locator('time[data-local]').textContent();
    expect(until).toMatch(/^[A-Z][a-z]+ \d{1,2}, \d{4}.* (PDT|PST)$/);
    expect(await page.locator('time[data-local]').evaluate((el) => getComputedStyle(el).whiteSpace)).toBe('nowrap');
    // The file's own name, and the tick box and Continue on the phone's first screen (the full notice on request).
    expect(await page.locator('header').innerText()).toContain('12 Harbour Street purchase');
    const fold = page.viewportSize()!.height;
    for (const el of [page.locator('#accept'), page.getByRole('button', { name: 'Continue' })]) {
      const box = (await el.boundingBox())!;
      expect(box.y + box.height).toBeLessThanOrEqual(fold);
    }
    await shot(page, '1-privacy');
    expect(await axe(page, violations)).toEqual([]);
    expect((await lowestContrast(page)).ratio).toBeGreaterThanOrEqual(4.5);
    await page.getByRole('button', { name: 'Continue' }).click();
    // The browser's own validation: the box is required, the form is not sent.
    expect(await page.locator('#accept').evaluate((el) => (el as HTMLInputElement).validity.valueMissing)).toBe(true);
    expect(page.url()).toBe(link);
    // Keyboard only: Tab to the box, Space to tick it, Tab to Continue, Enter.
    await tabTo(page, 'accept');
    await page.keyboard.press('Space');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Continue');
    await page.keyboard.press('Enter');

    await heading(page, 'Confirm your name and date of birth');
    expect(await page.getByLabel('First name').inputValue()).toBe('Ada');
    expect(await page.getByLabel('Date of birth').inputValue()).toBe('1985-04-12');
    await shot(page, '2-identity');
    expect(await axe(page, violations)).toEqual([]);
    await page.getByRole('link', { name: 'Français' }).click();
    await heading(page, 'Confirmez votre nom et votre date de naissance');
    await shot(page, '2-identity-fr');
    await page.getByRole('link', { name: 'English' }).click();
    // The server's own refusal (as a browser without form validation would get it): summary, marked field, kept values.
    await page.evaluate(() => {
      for (const f of document.forms) f.noValidate = true;
    });
    await page.getByLabel('Last name').fill('');
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.locator('[role=alert]').waitFor();
    expect(await page.locator('[role=alert]').innerText()).toContain('Last name: This field is required.');
    expect(await page.getByLabel('Last name').getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByLabel('First name').inputValue()).toBe('Ada');
    await shot(page, '2-identity-errors');
    expect(await axe(page, violations)).toEqual([]);
    expect((await lowestContrast(page)).ratio).toBeGreaterThanOrEqual(4.5);
    await page.getByLabel('Last name').fill('Browser');
    await page.getByRole('button', { name: 'Continue' }).click();

    await heading(page, 'Your photo ID');
    await page.getByLabel('Passport').check();
    await page.getByLabel('Document number').fill('AB123456');
    await page.getByLabel('Issuing country or province').fill('Canada');
    await page.getByLabel('Expiry date').fill('2031-01-31');
    await page
      .getByLabel('Machine-readable zone (optional)')
      .fill(passportMrz({ lastName: 'Browser', firstName: 'Ada', number: 'AB123456', birth: '1985-04-12', expiry: '2031-01-31' }));
    await shot(page, '3-document');
    expect(await axe(page, violations)).toEqual([]);
    // Form text is at least 16px, so that iPhones do not zoom into a field.
    for (const sel of ['#number', '#mrz', '#expiryDate'])
      expect(await page.locator(sel).evaluate((el) => Number.parseFloat(getComputedStyle(el).fontSize))).toBeGreaterThanOrEqual(16);
    await page.getByRole('button', { name: 'Continue' }).click();

    await heading(page, 'Photos');
    expect(await page.locator('#front-file').getAttribute('capture')).toBe('environment');
    expect(await page.locator('#selfie-file').getAttribute('accept')).toBe('image/*');
    await shot(page, '4-photos-empty');
    expect(await axe(page, violations)).toEqual([]);
    // One action per photo: the label is the button; the file input and the no-script button are out of sight.
    expect(await page.locator('label.pick[for=front-file]').isVisible()).toBe(true);
    expect(await page.locator('form[data-kind=front] button').isVisible()).toBe(false);
    expect(await page.locator('#front-file').evaluate((el) => getComputedStyle(el).opacity)).toBe('0');
    expect(await page.getByRole('link', { name: 'Continue' }).isVisible()).toBe(false);
    // The hidden input is still reached with the keyboard, and its label shows the focus.
    await tabTo(page, 'front-file');
    expect(await page.locator('label[for=front-file]').evaluate((el) => getComputedStyle(el).outlineStyle)).toBe('solid');
    // A file that is not a photo is refused with a message the client can act on; nothing is kept.
    await page.locator('#front-file').setInputFiles({ name: 'scan.pdf', mimeType: 'application/pdf', buffer: makePdf() });
    await page.locator('#front-status', { hasText: 'not a JPEG or PNG photo' }).waitFor();
    expect(await page.locator('form[data-kind=front] img.preview').count()).toBe(0);
    await shot(page, '4-photos-refused');
    expect(await axe(page, violations)).toEqual([]);
    // Choosing the photo is all it takes: no button is pressed, the page is not reloaded.
    const url = page.url();
    for (const [kind, bytes] of [
      ['front', photoJpeg(1280, 800)],
      ['front', photoJpeg(1280, 800)],
      ['selfie', photoJpeg(720, 960)],
    ] as const) {
      const sent = page.waitForResponse((r) => r.request().method() === 'PUT' && r.url().endsWith(`/image/${kind}`));
      await page.locator(`#${kind}-file`).setInputFiles({ name: `${kind}.jpg`, mimeType: 'image/jpeg', buffer: bytes });
      expect((await sent).status()).toBe(200);
      await page.locator(`#${kind}-status`, { hasText: 'Received' }).waitFor();
      // One thumbnail per photo received, drawn from the photo itself.
      const thumbs = page.locator(`form[data-kind=${kind}] img.preview`);
      expect(await thumbs.count()).toBe(1);
      expect(await thumbs.isVisible()).toBe(true);
      expect(await thumbs.evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBe(kind === 'front' ? 1280 : 720);
    }
    expect(page.url()).toBe(url);
    expect(await page.locator('main').innerText()).not.toMatch(/\d+\s*\u00d7\s*\d+/);
    expect(await page.locator('label[for=front-file]').innerText()).toContain('Take or choose another photo');
    expect(await page.getByRole('link', { name: 'Continue' }).isVisible()).toBe(true);
    await shot(page, '4-photos-done');
    expect(await axe(page, violations)).toEqual([]);
    expect((await lowestContrast(page)).ratio).toBeGreaterThanOrEqual(4.5);
    await page.getByRole('link', { name: 'Continue' }).click();

    await heading(page, 'Your current address');
    await page.getByLabel('Street address').fill('100 Main Street');
    await page.getByLabel('City').fill('Ottawa');
    await page.getByLabel('Province or state').fill('ON');
    await page.getByLabel('Postal code').fill('K1A 0B1');
    await page.getByLabel('Country', { exact: true }).selectOption('CA');
    await shot(page, '5-address');
    expect(await axe(page, violations)).toEqual([]);
    await page.getByRole('button', { name: 'Continue' }).click();

    await heading(page, 'Review and submit');
    expect(await page.locator('dl').innerText()).toContain('Ada Browser');
    await shot(page, '6-review');
    expect(await axe(page, violations)).toEqual([]);
    expect(await page.locator('dl > div > dt').count()).toBe(5);
    expect((await lowestContrast(page)).ratio).toBeGreaterThanOrEqual(4.5);
    // Nothing has consumed the link: it opens again where the client is.
    const again = await phone();
    await again.page.goto(link);
    await heading(again.page, 'Review and submit');
    await again.page.context().close();
    await page.getByRole('button', { name: 'Submit my verification' }).click();
    await heading(page, 'Thank you');
    await shot(page, '7-done');
    expect(await axe(page, violations)).toEqual([]);
    expect(violations).toEqual([]);
    await page.context().close();

    const report = await post('/api/client/verification-report', { clientRequestId: id });
    expect(report.status).toBe(200);
    expect(Buffer.from(report.json.data.report, 'base64').subarray(0, 5).toString()).toBe('%PDF-');
    expect(report.json.data).toMatchObject({
      identityAnalysisResult: 'Pass',
      fraudAnalysisResult: 'Pass',
      reviewStatusDate: '2026-03-24T12:00:00',
    });
    const info = await post('/api/client/report-info', { clientRequestId: id });
    expect(info.json.data.clientInformation).toMatchObject({
      firstName: 'ADA',
      lastName: 'BROWSER',
      dateOfBirth: '1985-04-12',
      currentAddress: { city: 'Ottawa' },
    });
    expect((await post('/api/casefile/details', { fileReferenceId: fileId })).json.data.fileStatus).toBe('Action Required');
  }, 120_000);

  it("takes the photos without JavaScript: each card's form posts its photo and the step comes back with it received", async () => {
    const client = { firstName: 'Nora', lastName: 'Plain', email: `nora-${Date.now()}@example.com`, phoneNumber: '+1 604 555 0100' };
    const { link } = await linkByMail(client);
    const { page, violations } = await phone({ javaScriptEnabled: false });
    await page.goto(link);
    await page.getByLabel('I have read the privacy notice and I agree').check();
    await page.getByRole('button', { name: 'Continue' }).click();
    await heading(page, 'Confirm your name and date of birth');
    await page.getByLabel('Date of birth').fill('1990-02-03');
    await page.getByRole('button', { name: 'Continue' }).click();
    await heading(page, 'Your photo ID');
    await page.getByLabel('Passport').check();
    await page.getByLabel('Document number').fill('ZX998877');
    await page.getByLabel('Issuing country or province').fill('Canada');
    await page.getByLabel('Expiry date').fill('2031-01-31');
    await page.getByRole('button', { name: 'Continue' }).click();

    await heading(page, 'Photos');
    const upload = (kind: string) => page.locator(`form[data-kind=${kind}] button`);
    expect(await upload('front').isVisible()).toBe(true);
    expect(await page.locator('main').innerText()).toContain('Choose each photo, then press \u201cUpload photo\u201d below it.');
    // A refusal comes back as the step, in its words, the photo's field marked.
    await page.locator('#front-file').setInputFiles({ name: 'scan.pdf', mimeType: 'application/pdf', buffer: makePdf() });
    await upload('front').click();
    await page.locator('[role=alert]').waitFor();
    await heading(page, 'Photos');
    expect(await page.locator('[role=alert]').innerText()).toContain('Front of your ID: This file is not a JPEG or PNG photo.');
    expect(await page.locator('#front-file').getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('body').innerText()).not.toContain(link.split('/verify/')[1]);
    expect(await axeWithoutScript(page)).toEqual([]);
    await shot(page, '4-photos-nojs-refused');
    await page.locator('#front-file').setInputFiles({ name: 'front.jpg', mimeType: 'image/jpeg', buffer: photoJpeg(1280, 800) });
    await upload('front').click();
    await page.locator('#front-status', { hasText: 'Received' }).waitFor();
    await heading(page, 'Photos');
    expect(new URL(page.url()).search).toBe('?step=photos');
    expect(await page.locator('[role=alert]').count()).toBe(0);
    expect(await page.locator('#selfie-status').innerText()).toBe('Not received yet');
    expect(await page.getByRole('link', { name: 'Continue' }).isVisible()).toBe(false);
    await page.locator('#selfie-file').setInputFiles({ name: 'selfie.jpg', mimeType: 'image/jpeg', buffer: photoJpeg(720, 960) });
    await upload('selfie').click();
    await page.locator('#selfie-status', { hasText: 'Received' }).waitFor();
    expect(await page.getByRole('link', { name: 'Continue' }).isVisible()).toBe(true);
    expect(await axeWithoutScript(page)).toEqual([]);
    await shot(page, '4-photos-nojs-done');
    await page.getByRole('link', { name: 'Continue' }).click();
    await heading(page, 'Your current address');
    expect(violations).toEqual([]);
    await page.context().close();
  }, 60_000);

  it('shows the expired-link page once the link has passed its end', async () => {
    const client = { firstName: 'Eve', lastName: 'Late', email: `eve-${Date.now()}@example.com`, phoneNumber: '+1 604 555 0100' };
    const { link } = await linkByMail(client);
    const start = clock.now();
    clock.set(new Date(start.getTime() + 73 * 3_600_000));
    try {
      const { page, violations } = await phone();
      const res = await page.goto(link);
      expect(res?.status()).toBe(410);
      await heading(page, 'This link can no longer be used');
      expect(await page.locator('main').innerText()).toContain('This link has expired.');
      expect(await page.locator('main').innerText()).toContain('send you a new link');
      await shot(page, '8-expired');
      expect(await axe(page, violations)).toEqual([]);
      expect(violations).toEqual([]);
      await page.context().close();
    } finally {
      clock.set(start);
    }
  });
});
