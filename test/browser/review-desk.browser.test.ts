import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, startTestApp, type TestApp } from '../support/app.ts';
import { UNLIMITED } from '../support/abuse.ts';
import { axeFindings, DESKTOP, launchChromium, PHONE, photoJpeg, screenshots } from '../support/browser.ts';
import { documentsInReview } from '../support/review.ts';
import { consoleSession, type ConsoleSession, signInInBrowser } from '../support/console.ts';
import { makePdf, makePng } from '../support/fixtures.ts';
import { completeCapture, goodCapture } from '../e2e/idv-capture-client.ts';

/**
 * The review desk in headless Chromium, as reviewers use it: the queue, an item with its documents (zoomed
 * and turned), a rejection with two reasons that the public API then shows, a second reviewer kept off a
 * claimed item, a client ID report approved, and a review done with the keyboard alone. axe-core checks
 * every page; screenshots at a phone's and a desktop's size are left for people to look at.
 */

const SHOTS = process.env.VOUCH_SCREENSHOTS ?? path.join(os.tmpdir(), 'vouch-review-desk-screens');

let app: TestApp;
let browser: Browser;
let demo: Awaited<ReturnType<TestApp['bootstrap']>>;
let program: string;
let alice: ConsoleSession;
let bob: ConsoleSession;

beforeAll(async () => {
  fs.mkdirSync(SHOTS, { recursive: true });
  app = await startTestApp();
  demo = await app.bootstrap();
  const p = await api(`${app.url}/manage/v1/programs`, {
    token: demo.token,
    body: {
      name: 'Campus Books',
      segment: 'student',
      testMode: false,
      staticCode: 'OK',
      maxDocUploadAttempts: 3,
      openOrgSearchEnabled: true,
      abuse: UNLIMITED,
    },
  });
  expect(p.status, p.text).toBe(201);
  program = p.json.id;
  alice = await consoleSession(app.url, app.running.container, { accountId: demo.accountId, roles: ['REVIEWER'] });
  bob = await consoleSession(app.url, app.running.container, { accountId: demo.accountId, roles: ['REVIEWER'] });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
});

/** A verification whose photo of a card, PDF and screenshot wait for review. */
async function pending(firstName: string) {
  const files = [
    { fileName: 'student-card.jpg', bytes: photoJpeg(640, 400), mimeType: 'image/jpeg' },
    { fileName: 'enrollment.pdf', bytes: makePdf('Enrolled for 2026'), mimeType: 'application/pdf' },
    { fileName: 'schedule.png', bytes: makePng(320, 200), mimeType: 'image/png' },
  ];
  return (await documentsInReview(app.url, program, firstName, files)).id;
}

/** A page of a signed-in reviewer, with the page's own errors collected (never any expected). */
async function reviewerPage(who: ConsoleSession, next = '/console/review') {
  const context = await browser.newContext({ viewport: DESKTOP, locale: 'en-US' });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(e.message));
  await signInInBrowser(page, app.url, who, next);
  return { page, problems };
}

/** axe on the page at both sizes (a layout may break only on a phone), with screenshots. */
async function check(page: Page, problems: string[], name: string) {
  await page.setViewportSize(PHONE);
  expect(await axeFindings(page, problems), `${name} on a phone`).toEqual([]);
  await page.setViewportSize(DESKTOP);
  expect(await axeFindings(page, problems), `${name} on a desktop`).toEqual([]);
  await screenshots(page, SHOTS, name);
  await page.setViewportSize(DESKTOP);
}

const status = async (id: string) => (await api(`${app.url}/rest/v2/verification/${id}`)).json;

describe('the review desk in Chromium', () => {
  it('opens an item from the queue, zooms and turns a document, rejects with two reasons the public API then shows', async () => {
    const id = await pending('Grace');
    const { page, problems } = await reviewerPage(alice);
    await expect.poll(() => page.title()).toContain('Review');
    await check(page, problems, 'queue');

    await Promise.all([
      page.waitForURL(`**/console/review/document/${id}`),
      page.locator(`a[href="/console/review/document/${id}"]`).click(),
    ]);
    await expect.poll(() => page.getByRole('heading', { name: 'Document review' }).isVisible()).toBe(true);
    await expect
      .poll(() =>
        page
          .locator('img')
          .first()
          .evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth),
      )
      .toBe(640);
    await check(page, problems, 'item');

    const image = page.getByRole('img', { name: /Document 1 of 3: student-card\.jpg/ });
    const width = () => image.evaluate((img: HTMLElement) => img.getBoundingClientRect().width);
    const before = await width();
    await page.getByRole('button', { name: 'Zoom in' }).first().click();
    await page.getByRole('button', { name: 'Zoom in' }).first().click();
    expect(await width()).toBeGreaterThan(before * 1.5);
    await page.getByRole('button', { name: 'Rotate right' }).first().click();
    expect(await image.evaluate((img: HTMLElement) => img.style.transform)).toBe('rotate(90deg) translateY(-100%)');
    await expect.poll(() => page.getByRole('status').first().textContent()).toBe('Zoom 156%, turned 90°');
    await screenshots(page, SHOTS, 'item-zoomed');
    await page.setViewportSize(DESKTOP);

    await page.getByLabel('Document expired').check();
    await page.getByLabel('Mismatch person last name').check();
    await page.getByLabel(/Note for the record/).fill('The card expired in 2019');
    await Promise.all([
      page.waitForURL('**/console/review'),
      page.getByRole('button', { name: 'Reject with the reasons checked' }).click(),
    ]);
    const after = await status(id);
    expect(after.currentStep).toBe('docUpload');
    expect(after.rejectionReasons).toEqual(['DOCUMENT_EXPIRED', 'MISMATCH_PERSON_LAST_NAME']);
    expect(problems).toEqual([]);

    // The explorer tells the same story.
    await page.goto(`${app.url}/console/verifications/${id}`);
    await expect.poll(() => page.getByText('Document expired; Mismatch person last name').first().isVisible()).toBe(true);
    await check(page, problems, 'explorer-detail');
    await page.goto(`${app.url}/console/verifications`);
    await check(page, problems, 'explorer-list');
    await page.context().close();
  });

  it('keeps a second reviewer off an item another holds', async () => {
    const id = await pending('Ada');
    const first = await reviewerPage(alice, `/console/review/document/${id}`);
    await expect.poll(() => first.page.getByRole('button', { name: 'Approve' }).isVisible()).toBe(true);
    const second = await reviewerPage(bob, '/console/review');
    const answer = await second.page.goto(`${app.url}/console/review/document/${id}`);
    expect(answer?.status()).toBe(409);
    await expect.poll(() => second.page.getByRole('heading', { name: 'Someone is reviewing this' }).isVisible()).toBe(true);
    expect(await second.page.content()).toContain(alice.email);
    expect(await second.page.getByRole('button', { name: 'Approve' }).count()).toBe(0);
    expect(await second.page.getByText('Ada').count()).toBe(0);
    second.problems.length = 0; // the 409 answer is logged by the browser as a failed load
    await check(second.page, second.problems, 'held');
    await first.page.context().close();
    await second.page.context().close();
  });

  it('approves a client ID report, which the client-request API then shows approved', async () => {
    const client = {
      firstName: 'Mary',
      lastName: 'Jackson',
      email: `mary-${Date.now()}@example.com`,
      phoneNumber: '+1 604 555 0100',
      dateOfBirth: '1921-04-09',
    };
    const file = await api(`${app.url}/api/client/create-verification-request`, {
      token: demo.token,
      body: { requesterReferenceId: `DESK-${Date.now()}`, clients: [client], sendLink: false },
    });
    expect(file.status, file.text).toBe(200);
    const request = file.json.data.requests[0];
    await completeCapture(request.links[0].link, goodCapture(client));
    const id = request.clientRequestId as string;

    const { page, problems } = await reviewerPage(alice, `/console/review?kind=id-report`);
    await Promise.all([
      page.waitForURL(`**/console/review/id-report/${id}?kind=id-report`),
      page.locator(`a[href^="/console/review/id-report/${id}"]`).click(),
    ]);
    await expect.poll(() => page.getByRole('heading', { name: 'Client ID report' }).isVisible()).toBe(true);
    await expect
      .poll(() =>
        page
          .locator('img')
          .first()
          .evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0),
      )
      .toBe(true);
    await check(page, problems, 'report');
    await Promise.all([page.waitForURL('**/console/review?kind=id-report'), page.getByRole('button', { name: 'Approve' }).click()]);
    const details = await api(`${app.url}/api/client/verification-details`, { token: demo.token, body: { clientRequestId: id } });
    expect(details.json.data.requestStatus).toBe('Approved');
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('reviews with the keyboard alone: open, zoom, turn, reject with two reasons, then approve the next', async () => {
    // A reviewer of an account of its own, so the queue holds exactly these two.
    const other = await app.bootstrap();
    const p = await api(`${app.url}/manage/v1/programs`, {
      token: other.token,
      body: {
        name: 'Keyboard program',
        segment: 'student',
        testMode: false,
        staticCode: 'OK',
        openOrgSearchEnabled: true,
        abuse: UNLIMITED,
      },
    });
    const saved = program;
    program = p.json.id;
    const first = await pending('Katherine');
    const second = await pending('Dorothy');
    program = saved;
    const carol = await consoleSession(app.url, app.running.container, { accountId: other.accountId, roles: ['REVIEWER'] });
    const { page, problems } = await reviewerPage(carol);

    // Tab to the first item's link, and open it.
    for (let i = 0; i < 40; i++) {
      await page.keyboard.press('Tab');
      if (
        (await page.evaluate(() => (document.activeElement as HTMLAnchorElement | null)?.getAttribute('href'))) ===
        `/console/review/document/${first}`
      )
        break;
    }
    await Promise.all([page.waitForURL(`**/console/review/document/${first}`), page.keyboard.press('Enter')]);
    await expect.poll(() => page.getByRole('heading', { name: 'Document review' }).isVisible()).toBe(true);
    const image = page.getByRole('img', { name: /Document 1 of 3/ });
    await page.keyboard.press('+');
    await page.keyboard.press(']');
    expect(await image.evaluate((img: HTMLElement) => [img.style.width, img.style.transform])).toEqual([
      '125%',
      'rotate(90deg) translateY(-100%)',
    ]);
    // n moves to the next document; its view changes alone.
    await page.keyboard.press('n');
    await page.keyboard.press('n');
    await page.keyboard.press('-');
    expect(await page.getByRole('img', { name: /Document 3 of 3/ }).evaluate((img: HTMLElement) => img.style.width)).toBe('80%');
    expect(await image.evaluate((img: HTMLElement) => img.style.width)).toBe('125%');

    await page.keyboard.press('r');
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement).name)).toBe('reason.CUSTOM_VALUE_OTHER');
    await page.keyboard.press('Tab'); // DOCUMENT_DATE_OTHER
    await page.keyboard.press('Tab'); // DOCUMENT_EXPIRED
    await page.keyboard.press('Space');
    await page.keyboard.press('Tab'); // DOCUMENT_LIKELY_FRAUD
    await page.keyboard.press('Space');
    await Promise.all([page.waitForURL(`**/console/review/document/${second}`), page.keyboard.press('Enter')]);
    expect((await status(first)).rejectionReasons).toEqual(['DOCUMENT_EXPIRED', 'DOCUMENT_LIKELY_FRAUD']);

    // The next item opened by itself: a approves it.
    await expect.poll(() => page.getByRole('heading', { name: 'Document review' }).isVisible()).toBe(true);
    await Promise.all([page.waitForURL('**/console/review'), page.keyboard.press('a')]);
    expect((await status(second)).currentStep).toBe('success');
    await expect.poll(() => page.getByText('Nothing waits for review here').isVisible()).toBe(true);
    await check(page, problems, 'queue-empty');
    expect(problems).toEqual([]);
    await page.context().close();
  });
});
