import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.ts';
import { axeFindings, DESKTOP, launchChromium, screenshots, watchedPage } from '../support/browser.ts';
import { consolePerson, signInInBrowser } from '../support/console.ts';
import { startReceiver } from '../support/webhook-receiver.ts';

const SHOTS = process.env.VOUCH_SCREENSHOTS ?? path.join(os.tmpdir(), 'vouch-console-screens');

let app: TestApp;
let browser: Browser;
let demo: Awaited<ReturnType<TestApp['bootstrap']>>;
let receiver: Awaited<ReturnType<typeof startReceiver>>;

beforeAll(async () => {
  app = await startTestApp({ WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true' });
  demo = await app.bootstrap();
  receiver = await startReceiver();
  browser = await launchChromium();
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await receiver?.close();
  await app?.close();
});

const newPage = () => watchedPage(browser, { viewport: DESKTOP });

/** The page passes axe and has its pictures taken. */
async function check(page: Page, problems: string[], name: string) {
  expect(await axeFindings(page, problems)).toEqual([]);
  await screenshots(page, SHOTS, `integrations-${name}`);
}

describe('console integrations in a browser', () => {
  it('an admin adds an endpoint, pings it, sees the delivery and replays it; tokens and clients too; every page passes axe', async () => {
    const person = await consolePerson(app.running.container, { accountId: demo.accountId, roles: ['ADMIN'] });
    const { page, problems } = await newPage();
    await signInInBrowser(page, app.url, person, '/console/integrations');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Integrations');
    await check(page, problems, 'overview');

    // Webhooks: a bad URL first (the browser's own check is bypassed to see the server's answer).
    await page.getByRole('link', { name: 'Manage webhooks' }).click();
    await check(page, problems, 'webhooks-empty');
    await page.getByLabel('URL', { exact: true }).evaluate((el) => el.setAttribute('type', 'text'));
    await page.getByLabel('URL', { exact: true }).fill('nowhere');
    await page.getByLabel('verification.success').check();
    await page.getByRole('button', { name: 'Add endpoint' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('is not an absolute URL');
    expect(problems.splice(0).every((p) => p.includes('400'))).toBe(true);
    expect(await page.getByLabel('verification.success').isChecked()).toBe(true);
    await check(page, problems, 'webhooks-refused');

    await page.getByLabel('URL', { exact: true }).fill(`${receiver.url}/browser-hook`);
    await page.getByLabel('Description (optional)').fill('Orders team');
    await page.getByRole('button', { name: 'Add endpoint' }).click();
    await page.getByRole('heading', { name: 'Endpoint added' }).waitFor();
    expect(await page.locator('#secret').textContent()).toMatch(/^whsec_/);
    await check(page, problems, 'webhook-secret');

    await page.getByRole('link', { name: "Open the endpoint's page" }).click();
    await page.getByRole('heading', { name: 'Webhook endpoint' }).waitFor();
    await check(page, problems, 'endpoint-new');

    await page.getByRole('button', { name: 'Send a test event' }).click();
    await page.getByRole('status').filter({ hasText: 'Test event queued' }).waitFor();
    await receiver.until(() => receiver.received.some((r) => r.path === '/browser-hook'));
    await expect
      .poll(async () => {
        await page.reload();
        return page.getByRole('cell', { name: '204', exact: true }).count();
      })
      .toBe(1);
    await page.getByText('Body sent').click();
    expect(await page.locator('pre').first().textContent()).toContain('"type": "webhook.test"');
    await check(page, problems, 'endpoint-delivered');

    await page.getByRole('button', { name: 'Replay' }).click();
    await page.getByRole('status').filter({ hasText: 'sent again' }).waitFor();
    await receiver.until(() => receiver.received.filter((r) => r.path === '/browser-hook').length >= 2);
    await expect
      .poll(async () => {
        await page.reload();
        return page.getByRole('cell', { name: '204', exact: true }).count();
      })
      .toBe(2);
    await check(page, problems, 'endpoint-replayed');

    await page.getByText('Rotate the signing secret…').click();
    await page.getByRole('button', { name: 'Rotate the secret now' }).click();
    await page.getByRole('heading', { name: 'New signing secret' }).waitFor();
    await check(page, problems, 'endpoint-rotated');

    await page.getByRole('navigation', { name: 'Integrations' }).getByRole('link', { name: 'Webhooks' }).click();
    expect(await page.getByRole('link', { name: `${receiver.url}/browser-hook` }).count()).toBe(1);
    await check(page, problems, 'webhooks');

    // API tokens: create (shown once), then revoke after confirming.
    await page.getByRole('navigation', { name: 'Integrations' }).getByRole('link', { name: 'API tokens' }).click();
    await page.getByLabel('Name', { exact: true }).fill('Checkout backend');
    await page.getByRole('button', { name: 'Create token' }).click();
    await page.getByRole('heading', { name: 'Token “Checkout backend” created' }).waitFor();
    expect(await page.locator('#secret').textContent()).toMatch(/\S{20,}/);
    await check(page, problems, 'token-secret');
    await page.getByRole('link', { name: 'Back to API tokens' }).click();
    await page.getByText('Revoke “Checkout backend”…').click();
    await check(page, problems, 'tokens');
    await page.getByRole('button', { name: 'Revoke “Checkout backend” now' }).click();
    await page.getByRole('status').filter({ hasText: 'Token revoked' }).waitFor();

    // OAuth clients.
    await page.getByRole('navigation', { name: 'Integrations' }).getByRole('link', { name: 'OAuth clients' }).click();
    await page.getByLabel('Name', { exact: true }).fill('Partner app');
    await page.getByRole('button', { name: 'Register client' }).click();
    await page.getByRole('heading', { name: 'Client “Partner app” registered' }).waitFor();
    await check(page, problems, 'client-secret');
    await page.getByRole('link', { name: 'Back to OAuth clients' }).click();
    await check(page, problems, 'clients');
    expect(problems).toEqual([]);
  });
});
