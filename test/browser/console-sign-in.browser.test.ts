import { describe, expect, it } from 'vitest';
import { browserSuite, CONSOLE_SHOTS } from '../support/browser-suite.ts';
import { axeFindings, PHONE, screenshots, watchedPage } from '../support/browser.ts';
import { consolePerson, signInInBrowser, totpCode } from '../support/console.ts';

// WebAuthn takes a host name, not an IP address, as the relying party: the console is reached at localhost.
const suite = browserSuite({ PUBLIC_URL: 'http://localhost:{port}' });

const newPage = () => watchedPage(suite.browser, { viewport: PHONE });

describe('console sign-in in a browser', () => {
  it('signs in by password, sets up an authenticator app, then signs in with password and code; every page passes axe', async () => {
    const person = await consolePerson(suite.app.running.container, { accountId: suite.demo.accountId, roles: ['ADMIN'] });
    const { page, problems } = await newPage();

    await page.goto(`${suite.app.url}/console/users`);
    expect(new URL(page.url()).pathname).toBe('/console/sign-in');
    expect(await axeFindings(page, problems)).toEqual([]);
    await screenshots(page, CONSOLE_SHOTS, 'sign-in');

    // A wrong password: the form says so, next to the fields, and keeps the email.
    await page.getByLabel('Email').fill(person.email);
    await page.getByLabel('Password').fill('not the password at all');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect.poll(() => page.getByRole('alert').first().textContent()).toMatch(/\S/);
    expect(await page.getByLabel('Email').inputValue()).toBe(person.email);
    // The refused sign-in is answered 401, which the browser logs as a failed load: expected here.
    expect(problems.splice(0)).toEqual([expect.stringContaining('401')]);
    expect(await axeFindings(page, problems)).toEqual([]);

    await signInInBrowser(page, suite.app.url, person, '/console/users');
    expect(new URL(page.url()).pathname).toBe('/console/users');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('People');
    expect(await axeFindings(page, problems)).toEqual([]);
    await screenshots(page, CONSOLE_SHOTS, 'people');

    await page.getByRole('link', { name: 'Overview' }).click();
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Overview');
    expect(await axeFindings(page, problems)).toEqual([]);
    await screenshots(page, CONSOLE_SHOTS, 'overview');

    // Authenticator app, with the keyboard only.
    await page.goto(`${suite.app.url}/console/security`);
    expect(await axeFindings(page, problems)).toEqual([]);
    await page.getByRole('button', { name: 'Set up an authenticator app' }).focus();
    await page.keyboard.press('Enter');
    await page.waitForSelector('#totp-secret');
    const secret = (await page.locator('#totp-secret').textContent())!.trim();
    expect(await axeFindings(page, problems)).toEqual([]);
    await screenshots(page, CONSOLE_SHOTS, 'security-totp');
    await page.getByLabel('Code from the app').focus();
    await page.keyboard.type(totpCode(secret));
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('status').first().textContent()).toContain('asks for a code');

    // Signed out, then in again: password, then the code.
    await page.getByRole('button', { name: 'Sign out', exact: true }).click();
    await page.waitForURL((u) => u.pathname === '/console/sign-in');
    await page.getByLabel('Email').fill(person.email);
    await page.getByLabel('Password').fill(person.password);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByLabel('Code').waitFor();
    expect(await axeFindings(page, problems)).toEqual([]);
    await screenshots(page, CONSOLE_SHOTS, 'sign-in-code');
    await page.getByLabel('Code').fill(totpCode(secret, Date.now() + 30_000));
    await Promise.all([page.waitForURL((u) => u.pathname === '/console'), page.getByRole('button', { name: 'Continue' }).click()]);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Overview');
    expect(problems).toEqual([]);
  }, 120_000);

  it('adds a passkey from the security page, then signs in with it alone', async () => {
    const person = await consolePerson(suite.app.running.container, { accountId: suite.demo.accountId, roles: ['VIEWER'] });
    const { page, problems } = await newPage();
    // A platform authenticator that keeps discoverable credentials and verifies the user (Chromium's virtual one).
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('WebAuthn.enable');
    await cdp.send('WebAuthn.addVirtualAuthenticator', {
      options: { protocol: 'ctap2', transport: 'internal', hasResidentKey: true, hasUserVerification: true, isUserVerified: true },
    });
    await signInInBrowser(page, suite.app.url, person, '/console/security');
    await page.getByRole('button', { name: 'Add a passkey' }).click();
    await expect.poll(() => page.locator('#passkey-heading + p').textContent(), { timeout: 10_000 }).toContain('1 passkey saved');

    await page.getByRole('button', { name: 'Sign out', exact: true }).click();
    await page.waitForURL((u) => u.pathname === '/console/sign-in');
    await Promise.all([
      page.waitForURL((u) => u.pathname === '/console', { timeout: 10_000 }),
      page.getByRole('button', { name: 'Sign in with a passkey' }).click(),
    ]);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Overview');
    expect(await page.content()).toContain(person.email);
    expect(problems).toEqual([]);
  }, 60_000);
});
