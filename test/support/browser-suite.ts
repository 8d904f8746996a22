import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { startTestApp, type TestApp } from './app.ts';
import { launchChromium } from './browser.ts';

/** Where the console's browser tests write their screenshots (to be looked at). */
export const CONSOLE_SHOTS = process.env.VOUCH_SCREENSHOTS ?? path.join(os.tmpdir(), 'vouch-console-screens');

export interface BrowserSuite {
  app: TestApp;
  /** A bootstrapped account of its own (token, programs). */
  demo: Awaited<ReturnType<TestApp['bootstrap']>>;
  browser: Browser;
}

/**
 * A browser test file's server, account and Chromium: started before its tests (with `env`), closed after.
 * The fields are set once the file's `beforeAll` has run.
 */
export function browserSuite(env: Record<string, string> = {}): BrowserSuite {
  const suite = {} as BrowserSuite;
  beforeAll(async () => {
    suite.app = await startTestApp(env);
    suite.demo = await suite.app.bootstrap();
    suite.browser = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    await suite.browser?.close();
    await suite.app?.close();
  });
  return suite;
}
