import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.ts';
import { launchChromium, PHONE } from '../support/browser.ts';

/** Screenshots for people to look at; never committed. */
const SHOTS = process.env.VOUCH_SCREENSHOTS ?? path.join(os.tmpdir(), 'vouch-docs-screens');
let app: TestApp;
let browser: Browser;
beforeAll(async () => {
  fs.mkdirSync(SHOTS, { recursive: true });
  app = await startTestApp();
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
});

describe('the API reference in Chromium', () => {
  it.each([
    ['phone', PHONE],
    ['desktop', { width: 1280, height: 800 }],
  ])('renders the operations at %s size, fetching only from this server', async (name, viewport) => {
    const context = await browser.newContext({ viewport });
    const page = await context.newPage();
    const problems: string[] = [];
    const elsewhere: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(m.text());
    });
    page.on('pageerror', (e) => problems.push(e.message));
    page.on('request', (r) => {
      if (!r.url().startsWith(`${app.url}/`) && !r.url().startsWith('data:')) elsewhere.push(r.url());
    });
    try {
      await page.goto(`${app.url}/docs`);
      const start = page.locator('.opblock-summary-path[data-path="/rest/v2/verification"]');
      await start.first().waitFor({ timeout: 20_000 });
      expect(await page.locator('.info .title').innerText()).toContain('Vouch');
      expect(await page.locator('.opblock-tag', { hasText: 'client requests' }).count()).toBe(1);
      await page.screenshot({ path: path.join(SHOTS, `docs-${name}.png`) });
      expect(problems).toEqual([]);
      expect(elsewhere).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
