import { execFile } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

/** Debian's package, kept current by the machine's security updates: preferred where installed. */
const DEBIAN = '/usr/bin/chromium';
const NPM_PACKAGE = '@sparticuz/chromium';

export interface ChromiumBinary {
  executablePath: string;
  /** Variables the browser process needs on top of ours (the npm build brings its own libraries and fonts). */
  env: Record<string, string>;
  source: 'debian' | 'npm' | 'path';
}

/**
 * The Chromium the browser tests drive. `VOUCH_TEST_CHROMIUM` unset: Debian's where installed, else the one
 * the dev dependency `@sparticuz/chromium` ships inside its npm package (so `npm install` on a machine with
 * only Node and npm is enough). `npm` or `debian` forces one of them (`npm` checks the path a fresh machine
 * takes); any other value is the path of a Chromium binary. Nothing is downloaded.
 */
export async function findChromium(choice = process.env.VOUCH_TEST_CHROMIUM ?? ''): Promise<ChromiumBinary> {
  if (choice === 'npm') return npmChromium();
  if (choice === 'debian' || (choice === '' && fs.existsSync(DEBIAN))) {
    if (!fs.existsSync(DEBIAN))
      throw new Error(`VOUCH_TEST_CHROMIUM=debian but ${DEBIAN} is missing: apt-get install chromium, or unset it to use the npm one`);
    return { executablePath: DEBIAN, env: {}, source: 'debian' };
  }
  if (choice === '') return npmChromium();
  if (!fs.existsSync(choice))
    throw new Error(`VOUCH_TEST_CHROMIUM=${choice}: no such file (use 'npm', 'debian' or the path of a Chromium binary)`);
  return { executablePath: choice, env: {}, source: 'path' };
}

/**
 * The npm package holds a Brotli-compressed headless Chromium, unpacked once per version under the temporary
 * directory. It runs with the NSS and expat libraries and the font it ships, whatever the machine has, so it
 * behaves the same on a bare machine as here.
 */
async function npmChromium(): Promise<ChromiumBinary> {
  const require = createRequire(import.meta.url);
  const entry = require.resolve(NPM_PACKAGE);
  const pkgDir = path.dirname(path.dirname(path.dirname(entry))); // <pkg>/build/cjs/index.cjs
  const { version } = JSON.parse(fs.readFileSync(path.join(pkgDir, 'package.json'), 'utf8')) as { version: string };
  const dir = path.join(os.tmpdir(), `vouch-chromium-${version}`);
  if (!fs.existsSync(path.join(dir, 'chromium'))) await unpack(entry, dir);
  return {
    executablePath: path.join(dir, 'chromium'),
    env: { LD_LIBRARY_PATH: path.join(dir, 'al2023', 'lib'), FONTCONFIG_FILE: path.join(dir, 'fonts.conf') },
    source: 'npm',
  };
}

/**
 * Unpacks into a directory of our own, then renames it into place: test files unpacking at the same time never
 * see half a binary, and the loser of the race drops its copy. The package's own `executablePath()` unpacks
 * under `os.tmpdir()` and, where it believes it runs on AWS Lambda, also unpacks the libraries and changes
 * `process.env`; so it runs in a child process whose TMPDIR is the staging directory and which claims Lambda.
 */
async function unpack(entry: string, dir: string) {
  const staging = fs.mkdtempSync(`${dir}.part-`);
  try {
    const script = `require(${JSON.stringify(entry)}).executablePath().then((p) => process.stdout.write(p))`;
    const env = { ...process.env, TMPDIR: staging, AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs20.x' };
    const { stdout } = await promisify(execFile)(process.execPath, ['-e', script], { env, timeout: 120_000 });
    if (stdout !== path.join(staging, 'chromium')) throw new Error(`${NPM_PACKAGE} unpacked to ${stdout}, expected ${staging}`);
    // The package's fonts.conf names Lambda's paths; this one names where the font is here.
    fs.writeFileSync(
      path.join(staging, 'fonts.conf'),
      [
        '<?xml version="1.0"?>',
        '<!DOCTYPE fontconfig SYSTEM "fonts.dtd">',
        `<fontconfig><dir>${path.join(dir, 'fonts')}</dir><cachedir>${path.join(dir, 'fonts-cache')}</cachedir></fontconfig>`,
        '',
      ].join('\n'),
    );
    fs.renameSync(staging, dir);
  } catch (e) {
    fs.rmSync(staging, { recursive: true, force: true });
    // Another test file won the race: its copy is complete (a rename is atomic).
    if (fs.existsSync(path.join(dir, 'chromium'))) return;
    throw e;
  }
}
