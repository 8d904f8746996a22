import { describe, expect, it } from 'vitest';
import { browserSuite, CONSOLE_SHOTS } from '../support/browser-suite.ts';
import { api } from '../support/app.ts';
import { axeFindings, DESKTOP, screenshots, watchedPage } from '../support/browser.ts';
import { consolePerson, signInInBrowser } from '../support/console.ts';

const suite = browserSuite();

const newPage = () => watchedPage(suite.browser, { viewport: DESKTOP });

describe('console account pages in a browser', () => {
  it('an administrator edits the settings (a bad value refused beside its field), then filters the audit log', async () => {
    const person = await consolePerson(suite.app.running.container, { accountId: suite.demo.accountId, roles: ['ADMIN'] });
    const { page, problems } = await newPage();
    await signInInBrowser(page, suite.app.url, person, '/console/account');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Account');
    expect(await axeFindings(page, problems)).toEqual([]);
    await screenshots(page, CONSOLE_SHOTS, 'account-settings');

    // A warning as long as the report's life: refused, said next to the form, nothing saved.
    await page.getByLabel(/Report lifetime/).fill('5');
    await page.getByLabel(/Expiry warning/).fill('5');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await expect
      .poll(() => page.getByRole('alert').first().textContent())
      .toContain('reportWarningDays must be less than reportLifetimeDays');
    expect(await page.getByLabel(/Expiry warning/).inputValue()).toBe('5');
    // The refusal is answered 400, which the browser logs as a failed load: expected here.
    expect(problems.splice(0)).toEqual([expect.stringContaining('400')]);
    expect(await axeFindings(page, problems)).toEqual([]);
    await screenshots(page, CONSOLE_SHOTS, 'account-settings-refused');
    expect((await api(`${suite.app.url}/manage/v1/settings`, { token: suite.demo.token })).json.reportLifetimeDays).not.toBe(5);

    // A letter where a number goes: the field says so, and is marked invalid.
    await page.getByLabel(/Link lifetime/).fill('two days');
    await page.getByLabel(/Expiry warning/).fill('2');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await expect.poll(() => page.locator('#s-linkLifetimeHours-error').textContent()).toContain('Enter a whole number');
    expect(await page.getByLabel(/Link lifetime/).getAttribute('aria-invalid')).toBe('true');
    problems.splice(0);

    await page.getByLabel(/Link lifetime/).fill('24');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await expect.poll(() => page.getByRole('status').first().textContent()).toContain('Settings saved.');
    const saved = (await api(`${suite.app.url}/manage/v1/settings`, { token: suite.demo.token })).json;
    expect(saved).toMatchObject({ linkLifetimeHours: 24, reportLifetimeDays: 5, reportWarningDays: 2 });

    // The audit log, filtered by action: the change, by this person's email.
    await page.getByRole('link', { name: 'Audit log' }).click();
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Audit log');
    await page.getByLabel('Action').fill('console.settings-changed');
    await page.getByRole('button', { name: 'Show' }).click();
    await page.waitForURL((u) => u.searchParams.get('action') === 'console.settings-changed');
    const rows = page.locator('tbody tr');
    expect(await rows.count()).toBe(3);
    for (const text of await rows.allTextContents()) {
      expect(text).toContain('console.settings-changed');
      expect(text).toContain(person.email);
    }
    const outcomes = await page.locator('tbody tr td:nth-child(5)').allTextContents();
    expect(outcomes.sort()).toEqual(['200', '400', '400']);
    expect(await page.getByRole('link', { name: 'Download these entries (CSV)' }).getAttribute('href')).toBe(
      '/console/account/audit/export.csv?action=console.settings-changed',
    );
    expect(await axeFindings(page, problems)).toEqual([]);
    await screenshots(page, CONSOLE_SHOTS, 'account-audit');
    expect(problems).toEqual([]);
  }, 120_000);
});
