import fs from 'node:fs';
import { Command, Option } from 'commander';
import { issueApiToken, listApiTokens, parseRoles, revokeApiToken, ensureAccount } from '../modules/accounts/index.ts';
import { createProgram, presentProgram } from '../modules/programs/index.ts';
import { migrate, openStore } from '../platform/db/index.ts';
import { isAppError } from '../shared/errors.ts';
import { bootstrap } from './bootstrap.ts';
import { loadConfig } from './config.ts';
import { createContainer, type Container } from './container.ts';
import { runReverify } from './reverify-command.ts';
import { serve, stopOnSignals } from './serve.ts';
import { VERSION } from './version.ts';

const print = (value: unknown, json: boolean, text: () => string) =>
  console.log(json ? JSON.stringify(value) : text());

/** Runs `fn` with a container on the configured store, closing it afterwards (the embedded store must be free). */
async function withContainer<T>(fn: (c: Container) => Promise<T>): Promise<T> {
  const c = await createContainer(loadConfig());
  try {
    return await fn(c);
  } finally {
    await c.close();
  }
}

const program = new Command('vouch')
  .description('Vouch: self-hostable verification platform (SheerID- and Treefort-compatible APIs)')
  .version(VERSION)
  .showHelpAfterError()
  .addHelpText('after', '\nEnvironment: PORT, HOST, PUBLIC_URL, DATA_DIR, DATABASE_URL, SECRET_KEY, LOG_LEVEL (see README).');

program.command('serve').description('Start the HTTP server (migrations are applied on start)').action(async () => {
  const running = await serve(loadConfig());
  stopOnSignals(running);
});

program.command('migrate').description('Apply database migrations and exit').action(async () => {
  const config = loadConfig();
  const store = await openStore({
    databaseUrl: config.databaseUrl, dataDir: config.dataDir, pgliteSharedBuffers: config.pgliteSharedBuffers, queryTimeoutMs: config.queryTimeoutMs, connectTimeoutMs: config.connectTimeoutMs,
    pgliteFsync: config.pgliteFsync,
  });
  try {
    const applied = await migrate(store);
    console.log(applied.length ? `Applied ${applied.join(', ')}` : 'Database is up to date');
  } finally {
    await store.close();
  }
});

program.command('bootstrap')
  .description('Create (idempotently) a demo account, a user with every role, an API token and one test program per segment')
  .option('--json', 'print one JSON object')
  .action(async (opts: { json?: boolean }) => {
    const result = await withContainer(bootstrap);
    print(result, !!opts.json, () => [
      `Account: ${result.accountId}`, `Token (shown once): ${result.token}`,
      ...Object.entries(result.programs).map(([segment, id]) => `Program ${segment}: ${id}`),
    ].join('\n'));
  });

const account = program.command('account').description('Manage accounts');
account.command('create').description('Create an account (idempotent by name)')
  .requiredOption('--name <name>', 'account name').option('--json', 'print JSON')
  .action(async (opts: { name: string; json?: boolean }) => {
    const { account: a, created } = await withContainer((c) => ensureAccount(c.accounts, opts.name));
    print({ ...a, created }, !!opts.json, () => `${created ? 'Created' : 'Exists'}: ${a.id} (${a.name})`);
  });

const rolesOption = new Option('--roles <roles>', 'comma-separated roles: ADMIN, VERIFIER, REVIEWER, BULK_VERIFIER, REPORTER').default('ADMIN');
const token = program.command('token').description('Manage API tokens');
token.command('create').description('Issue an API token (printed once)')
  .requiredOption('--account <id>', 'account id').requiredOption('--name <name>', 'token name').addOption(rolesOption)
  .option('--json', 'print JSON')
  .action(async (opts: { account: string; name: string; roles: string; json?: boolean }) => {
    const roles = parseRoles(opts.roles.split(',').map((r) => r.trim().toUpperCase()));
    const t = await withContainer((c) => issueApiToken(c.accounts, { accountId: opts.account, name: opts.name, roles }));
    print(t, !!opts.json, () => `Token ${t.id} (${t.roles.join(',')}), shown once:\n${t.token}`);
  });
token.command('list').description("List an account's API tokens").requiredOption('--account <id>', 'account id').option('--json', 'print JSON')
  .action(async (opts: { account: string; json?: boolean }) => {
    const list = await withContainer((c) => listApiTokens(c.accounts, opts.account));
    print(list, !!opts.json, () => list.map((t) => `${t.id}  ${t.prefix}…  ${t.name}  ${(t.roles as string[]).join(',')}${t.revoked ? '  revoked' : ''}`).join('\n') || 'No tokens');
  });
token.command('revoke').description('Revoke an API token').requiredOption('--account <id>', 'account id').argument('<tokenId>')
  .action(async (tokenId: string, opts: { account: string }) => {
    await withContainer((c) => revokeApiToken(c.accounts, opts.account, tokenId));
    console.log(`Revoked ${tokenId}`);
  });

const programCmd = program.command('program').description('Manage programs');
programCmd.command('create').description('Create a program from a JSON file (see docs/programs.md)')
  .requiredOption('--account <id>', 'account id').requiredOption('--file <path>', 'program JSON file').option('--json', 'print JSON')
  .action(async (opts: { account: string; file: string; json?: boolean }) => {
    let input: unknown;
    try {
      input = JSON.parse(fs.readFileSync(opts.file, 'utf8'));
    } catch (e) {
      throw new Error(`Cannot read ${opts.file}: ${(e as Error).message}`);
    }
    const p = await withContainer(async (c) => {
      if (!(await c.accounts.repo.findAccount(opts.account))) throw new Error(`Account '${opts.account}' not found`);
      return createProgram(c.programs, opts.account, input);
    });
    print(presentProgram(p), !!opts.json, () => `Created program ${p.id} (${p.segment}, ${p.testMode ? 'test' : 'live'} mode)`);
  });

program.command('reverify')
  .description('Re-verify earlier verifications through the API (BULK_VERIFIER token), optionally wait and download the report')
  .option('--program <id>', 'program id (a new batch)')
  .option('--file <path>', 'CSV with one verification id per line (a new batch)')
  .option('--resume <batchId>', 'follow an existing batch instead of creating one')
  .option('--idempotency-key <key>', 'key of the creating request: repeating a run with its key (printed by it) and the same file never creates a second batch')
  .option('--wait', 'follow the batch until it is complete (a progress bar on a terminal)')
  .option('--report <path>', 'when complete, download the report CSV to this file (implies --wait)')
  .option('--url <url>', 'Vouch base URL (default: VOUCH_URL, PUBLIC_URL or http://localhost:PORT)')
  .option('--token <token>', 'API token (default: VOUCH_TOKEN)')
  .addHelpText('after', '\nConnection failures, 5xx and 429 answers are retried with growing waits for up to 10 minutes per request.')
  .action(async (opts: { program?: string; file?: string; resume?: string; idempotencyKey?: string; wait?: boolean; report?: string; url?: string; token?: string }) => {
    const token = opts.token ?? process.env.VOUCH_TOKEN;
    if (!token) throw new Error('An API token is required: --token or VOUCH_TOKEN');
    const url = opts.url ?? process.env.VOUCH_URL ?? loadConfig().publicUrl;
    const result = await runReverify({ ...opts, token, url });
    console.log(JSON.stringify(result));
  });

program.parseAsync(process.argv).catch((e: unknown) => {
  console.error(`vouch: ${isAppError(e) || e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
