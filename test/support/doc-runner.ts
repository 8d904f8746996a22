import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { firstMissing, outputPattern, type DocBlock } from './doc-blocks.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const MARK = '\u001eBLOCK';

/**
 * A working directory in which a reader's commands work as in a checkout, without being the checkout:
 * `npm start` runs `vouch serve` and `npx vouch ...` finds the CLI locally (never in the registry), both
 * the checkout's own bin/vouch.js. Files the blocks create land here.
 */
export function makeWorkDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vouch-docs-'));
  fs.writeFileSync(
    path.join(dir, 'package.json'),
    JSON.stringify({ name: 'vouch-docs-walkthrough', private: true, scripts: { start: 'vouch serve' } }),
  );
  fs.mkdirSync(path.join(dir, 'node_modules/.bin'), { recursive: true });
  fs.symlinkSync(path.join(ROOT, 'bin/vouch.js'), path.join(dir, 'node_modules/.bin/vouch'));
  return dir;
}

/** The environment blocks run in: the caller's `env` over the test process's, without settings of a reader's own server. */
export function blockEnv(env: Record<string, string>): Record<string, string> {
  const base = Object.fromEntries(
    Object.entries(process.env).filter(
      ([k, v]) =>
        v !== undefined &&
        !/^(VOUCH_|PUBLIC_URL$|DATABASE_URL$|DATA_DIR$|PORT$|HOST$|SECRET_KEY$|SMTP_URL$|LOG_LEVEL$|RATE_LIMIT_|WEBHOOK_)/.test(k),
    ),
  ) as Record<string, string>;
  // npm and npx stay offline and quiet: a CLI that is not found locally fails instead of being fetched.
  return {
    ...base,
    npm_config_offline: 'true',
    npm_config_update_notifier: 'false',
    npm_config_fund: 'false',
    npm_config_audit: 'false',
    ...env,
  };
}

export interface BlockRun {
  block: DocBlock;
  output: string;
  ran: boolean;
}
export interface DocRun {
  exitCode: number | null;
  stderr: string;
  runs: BlockRun[];
  problems: string[];
}

/**
 * Runs `blocks` in order in one bash session in `cwd` (so variables carry from one block to the next, as
 * in a reader's terminal), with `set -euo pipefail` and curl failing on an HTTP error status, then checks
 * each block's expected outputs against what it printed. Processes the blocks leave running in the
 * background (a server, a receiver) are stopped at the end: the session is its own process group.
 */
export async function runDocBlocks(
  blocks: DocBlock[],
  o: { cwd: string; env: Record<string, string>; host: string; timeoutMs?: number },
): Promise<DocRun> {
  const scriptDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vouch-docs-script-'));
  const script = [
    'set -euo pipefail',
    'trap \'echo "command failed (exit $?): $BASH_COMMAND" >&2\' ERR',
    // A block's curl that gets an HTTP error fails the block; its body is still shown.
    'curl() { command curl --fail-with-body --show-error "$@"; }',
    ...blocks.flatMap((b, i) => [`printf '\\n${MARK} ${i}\\n'`, b.code, '']),
    `printf '\\n${MARK} end\\n'`,
  ].join('\n');
  fs.writeFileSync(path.join(scriptDir, 'run.sh'), script);
  const out = fs.openSync(path.join(scriptDir, 'out'), 'w');
  const err = fs.openSync(path.join(scriptDir, 'err'), 'w');
  const child = spawn('bash', [path.join(scriptDir, 'run.sh')], { cwd: o.cwd, env: o.env, stdio: ['ignore', out, err], detached: true });
  fs.closeSync(out);
  fs.closeSync(err);
  const group = child.pid!;
  let timedOut = false;
  const watchdog = setTimeout(() => {
    timedOut = true;
    signalGroup(group, 'SIGKILL');
  }, o.timeoutMs ?? 240_000);
  const exitCode = await new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  clearTimeout(watchdog);
  await stopGroup(group);
  const stdout = fs.readFileSync(path.join(scriptDir, 'out'), 'utf8');
  const stderr = fs.readFileSync(path.join(scriptDir, 'err'), 'utf8');
  fs.rmSync(scriptDir, { recursive: true, force: true });

  const sections = new Map<string, string>();
  const parts = stdout.split(`\n${MARK} `);
  for (const part of parts.slice(1)) {
    const nl = part.indexOf('\n');
    sections.set(part.slice(0, nl), part.slice(nl + 1));
  }
  const runs = blocks.map((block, i) => ({ block, output: sections.get(String(i)) ?? '', ran: sections.has(String(i)) }));
  const problems: string[] = [];
  if (timedOut) problems.push('the blocks did not finish in time');
  if (exitCode !== 0 || !sections.has('end')) {
    const last = runs.filter((r) => r.ran).at(-1);
    problems.push(
      `the block at line ${last?.block.line ?? '?'} failed (exit ${exitCode}):\n${tail(last?.output ?? '')}\nstderr:\n${tail(stderr)}`,
    );
  }
  for (const r of runs.filter((x) => x.ran)) {
    const patterns = r.block.outputs.map((e) => outputPattern(e, o));
    const missing = firstMissing(r.output, patterns);
    if (missing >= 0) {
      problems.push(
        `the block at line ${r.block.line} did not print what it shows:\n${r.block.outputs[missing]}\nit printed:\n${tail(r.output)}`,
      );
    }
  }
  return { exitCode, stderr, runs, problems };
}

const tail = (s: string, n = 3000) => (s.length > n ? `...${s.slice(-n)}` : s);

function signalGroup(group: number, signal: NodeJS.Signals): boolean {
  try {
    process.kill(-group, signal);
    return true;
  } catch {
    return false;
  }
}

/** Stops what the blocks left running (its process group): SIGTERM, as a reader's Ctrl-C would, then SIGKILL. */
async function stopGroup(group: number) {
  if (!signalGroup(group, 'SIGTERM')) return;
  for (let i = 0; i < 600; i++) {
    await new Promise((r) => setTimeout(r, 50));
    if (!signalGroup(group, 0 as unknown as NodeJS.Signals)) return;
    if (i === 400) signalGroup(group, 'SIGKILL');
  }
}
