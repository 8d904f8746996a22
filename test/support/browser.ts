import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import jpeg from 'jpeg-js';
import { chromium, type Browser, type BrowserContextOptions, type Frame, type Page } from 'playwright-core';
import { findChromium } from './chromium.ts';

/**
 * Launches headless Chromium (see chromium.ts for which one), or fails saying why: a browser test is never
 * skipped silently. `hosts` maps host names to 127.0.0.1 (a page "on another site" served by the test).
 */
export async function launchChromium(hosts: string[] = []): Promise<Browser> {
  const { executablePath, env } = await findChromium();
  const mapped = hosts.length ? [`--host-resolver-rules=${hosts.map((h) => `MAP ${h} 127.0.0.1`).join(', ')}`] : [];
  return chromium.launch({
    executablePath,
    env: { ...process.env, ...env },
    headless: true,
    args: ['--no-sandbox', '--disable-dev-shm-usage', ...mapped],
  });
}

/** A phone's viewport (iPhone 12-15 class). */
export const PHONE = { width: 390, height: 844 };

/**
 * A photo-like JPEG: a gradient with random noise, so no two calls give the same file (the "same file as
 * another client's" check must not fire across tests) and the size is that of a real photo.
 */
export function photoJpeg(width = 1280, height = 800, quality = 85): Buffer {
  const data = Buffer.alloc(width * height * 4);
  const noise = randomBytes(width * height);
  const tint = randomBytes(3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      const n = noise[y * width + x] % 48;
      data[i] = ((x * 255) / width + tint[0] + n) % 256;
      data[i + 1] = ((y * 255) / height + tint[1] + n) % 256;
      data[i + 2] = (((x + y) * 128) / (width + height) + tint[2] + n) % 256;
      data[i + 3] = 255;
    }
  }
  return Buffer.from(jpeg.encode({ data, width, height }, quality).data);
}

/** ICAO 9303 check digit (weights 7, 3, 1; `<` is 0, A is 10). */
export function checkDigit(s: string): string {
  const value = (c: string) => (c === '<' ? 0 : /\d/.test(c) ? Number(c) : c.charCodeAt(0) - 55);
  return String([...s].reduce((sum, c, i) => sum + value(c) * [7, 3, 1][i % 3], 0) % 10);
}

/** A passport's two-line machine-readable zone (TD3) with correct check digits. */
export function passportMrz(p: {
  lastName: string;
  firstName: string;
  number: string;
  nationality?: string;
  birth: string;
  expiry: string;
  sex?: 'M' | 'F';
}) {
  const nat = p.nationality ?? 'CAN';
  const yymmdd = (d: string) => d.slice(2, 4) + d.slice(5, 7) + d.slice(8, 10);
  const name = `${p.lastName.toUpperCase()}<<${p.firstName.toUpperCase().replace(/ /g, '<')}`;
  const line1 = `P<${nat}${name}`.padEnd(44, '<').slice(0, 44);
  const num = p.number.toUpperCase().padEnd(9, '<');
  const birth = yymmdd(p.birth);
  const exp = yymmdd(p.expiry);
  const personal = '<'.repeat(14);
  const body = `${num}${checkDigit(num)}${nat}${birth}${checkDigit(birth)}${p.sex ?? 'F'}${exp}${checkDigit(exp)}${personal}${checkDigit(personal)}`;
  const composite = checkDigit(
    `${num}${checkDigit(num)}${birth}${checkDigit(birth)}${exp}${checkDigit(exp)}${personal}${checkDigit(personal)}`,
  );
  return `${line1}\n${body}${composite}`;
}

const AXE_SOURCE = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/**
 * axe-core's serious and critical findings (or all, with `everyImpact`) on the page as it is now (WCAG 2.2 A and AA rules). axe runs in
 * the page's main world, whose policy refuses the inline styles it measures with: those refusals are its
 * own, and are dropped from `problems` (the page's console errors a test collects).
 */
export async function axeFindings(target: Page | Frame, problems: string[] = [], o: { everyImpact?: boolean } = {}): Promise<string[]> {
  const before = problems.length;
  await target.evaluate(AXE_SOURCE);
  const result = (await target.evaluate(() =>
    (window as any).axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } }),
  )) as { violations: { id: string; impact: string; nodes: { target: string[] }[] }[] };
  problems.splice(before);
  return result.violations
    .filter((v) => o.everyImpact || v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}${o.everyImpact ? ` (${v.impact})` : ''}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** A desktop's viewport. */
export const DESKTOP = { width: 1280, height: 800 };

/** Screenshots of the page at a phone's and a desktop's size, into `dir`, for people to look at. */
export async function screenshots(page: Page, dir: string, name: string) {
  fs.mkdirSync(dir, { recursive: true });
  const size = page.viewportSize();
  await page.setViewportSize(PHONE);
  await page.screenshot({ path: path.join(dir, `${name}-phone.png`), fullPage: true });
  await page.setViewportSize(DESKTOP);
  await page.screenshot({ path: path.join(dir, `${name}-desktop.png`), fullPage: true });
  if (size) await page.setViewportSize(size);
}

/** A page in a new context, with the page's own errors (console errors, uncaught exceptions) collected in `problems`. */
export async function watchedPage(browser: Browser, options: BrowserContextOptions = {}): Promise<{ page: Page; problems: string[] }> {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(e.message));
  return { page, problems };
}
