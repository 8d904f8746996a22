import { Command, Option } from 'commander';
import { envHelpText } from './config-docs.ts';
import { loadConfig, type Config } from './config.ts';
import type { Container } from './container.ts';
import { explainStoreFailure, failureLines } from './start-failures.ts';
import { VERSION } from './version.ts';

// Only what every command needs is imported above (commander and the configuration's declaration); each
// action imports what it uses, so `vouch --help` does not load the HTTP server, the store or the modules.

const print = (value: unknown, json: boolean, text: () => string) => console.log(json ? JSON.stringify(value) : text());

/** The entries of a comma-separated option, trimmed, empty ones dropped. */
const commaList = (text: string) =>
  text
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean);

/** Records in the account's audit log a change the operator made from the command line. */
async function auditCli(c: Container, accountId: string, action: string, subject: { type: string; id: string }, route: string) {
  const { recordEvent } = await import('../modules/audit/index.ts');
  await recordEvent(c.audit, {
    accountId,
    action,
    actor: { type: 'system', id: 'cli' },
    subject,
    outcome: 200,
    method: 'CLI',
    route,
    ip: null,
  });
}

/** Runs `fn` with a container on the configured store, closing it afterwards (the embedded store must be free). */
async function withContainer<T>(fn: (c: Container) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const { createContainer } = await import('./container.ts');
  const c = await createContainer(config).catch((e: unknown) => {
    throw explainStoreFailure(e, config);
  });
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
  .addHelpText('after', `\n${envHelpText()}`);

program
  .command('serve')
  .description('Start the HTTP server (migrations are applied on start)')
  .action(async () => {
    const config = loadConfig();
    // The port first: one in use is reported before the server's code loads and the store starts.
    const { holdPort } = await import('./port-hold.ts');
    const port = await holdPort(config.host, config.port);
    const { serve, stopOnSignals } = await import('./serve.ts');
    const running = await serve(config, { port });
    stopOnSignals(running);
    const { announceStart } = await import('./banner.ts');
    await announceStart(running);
  });

program
  .command('migrate')
  .description('Apply database migrations and exit')
  .action(async () => {
    const config: Config = loadConfig();
    const { migrate, openStore } = await import('../platform/db/index.ts');
    const store = await openStore({
      databaseUrl: config.databaseUrl,
      dataDir: config.dataDir,
      pgliteSharedBuffers: config.pgliteSharedBuffers,
      queryTimeoutMs: config.queryTimeoutMs,
      connectTimeoutMs: config.connectTimeoutMs,
      pgliteFsync: config.pgliteFsync,
    });
    try {
      const applied = await migrate(store).catch((e: unknown) => {
        throw explainStoreFailure(e, config);
      });
      console.log(applied.length ? `Applied ${applied.join(', ')}` : 'Database is up to date');
    } finally {
      await store.close();
    }
  });

program
  .command('bootstrap')
  .description('Create (idempotently) a demo account, a user with every role, an API token and one test program per segment')
  .option('--json', 'print one JSON object')
  .action(async (opts: { json?: boolean }) => {
    const { bootstrap } = await import('./bootstrap.ts');
    const result = await withContainer(bootstrap);
    print(result, !!opts.json, () =>
      [
        `Account: ${result.accountId}`,
        `Token (shown once): ${result.token}`,
        `Console: ${result.console.url} as ${result.console.email}, password (shown once): ${result.console.password}`,
        ...Object.entries(result.programs).map(([segment, id]) => `Program ${segment}: ${id}`),
      ].join('\n'),
    );
  });

const account = program.command('account').description('Manage accounts');
account
  .command('create')
  .description('Create an account (idempotent by name)')
  .requiredOption('--name <name>', 'account name')
  .option('--json', 'print JSON')
  .action(async (opts: { name: string; json?: boolean }) => {
    const { accountName, ensureAccount } = await import('../modules/accounts/index.ts');
    accountName(opts.name); // a name that cannot be stored is refused before the store is opened
    const { account: a, created } = await withContainer((c) => ensureAccount(c.accounts, opts.name));
    print({ ...a, created }, !!opts.json, () => `${created ? 'Created' : 'Exists'}: ${a.id} (${a.name})`);
  });
for (const [name, status, verb] of [
  ['suspend', 'suspended', 'Refuse every API token of an account (unauthorizedAccountStatus) until it is activated'],
  ['activate', 'active', 'Honour the API tokens of a suspended account again'],
] as const) {
  account
    .command(name)
    .description(verb)
    .argument('<accountId>')
    .action(async (accountId: string) => {
      const { setAccountStatus } = await import('../modules/accounts/index.ts');
      const r = await withContainer(async (c) => {
        const r = await setAccountStatus(c.accounts, accountId, status);
        if (r.changed) await auditCli(c, accountId, `account.${name}`, { type: 'account', id: accountId }, `vouch account ${name}`);
        return r;
      });
      console.log(`${r.changed ? 'Now' : 'Already'} ${status}: ${accountId}`);
    });
}

const user = program.command('user').description("Manage an account's users");
user
  .command('create')
  .description('Invite a person to the console: a user with these roles, and a link to choose a password (mailed, and printed)')
  .requiredOption('--account <id>', 'account id')
  .requiredOption('--email <email>', "the person's email")
  .requiredOption('--role <roles>', 'a role, or comma-separated roles: ADMIN, VERIFIER, REVIEWER, BULK_VERIFIER, REPORTER, VIEWER')
  .option('--json', 'print JSON')
  .action(async (opts: { account: string; email: string; role: string; json?: boolean }) => {
    const { inviteUser } = await import('../modules/accounts/index.ts');
    const roles = opts.role.split(',').map((r) => r.trim().toUpperCase());
    const r = await withContainer((c) => inviteUser(c.accounts, { accountId: opts.account, email: opts.email, roles, invitedBy: 'cli' }));
    print(r, !!opts.json, () => `Invited: user ${r.userId}. Link to choose a password (single use, 7 days): ${r.link}`);
  });
for (const [name, disabled, verb] of [
  ['disable', true, 'Refuse the API tokens issued to a user (unauthorizedUser) until the user is enabled'],
  ['enable', false, 'Honour the API tokens of a disabled user again'],
] as const) {
  user
    .command(name)
    .description(verb)
    .requiredOption('--account <id>', 'account id')
    .requiredOption('--email <email>', "the user's email")
    .action(async (opts: { account: string; email: string }) => {
      const { setUserDisabled } = await import('../modules/accounts/index.ts');
      const r = await withContainer(async (c) => {
        const r = await setUserDisabled(c.accounts, { accountId: opts.account, email: opts.email, disabled });
        if (r.changed) await auditCli(c, opts.account, `user.${name}`, { type: 'user', id: r.userId }, `vouch user ${name}`);
        return r;
      });
      console.log(`${r.changed ? 'Now' : 'Already'} ${disabled ? 'disabled' : 'enabled'}: user ${r.userId}`);
    });
}

const rolesOption = new Option('--roles <roles>', 'comma-separated roles: ADMIN, VERIFIER, REVIEWER, BULK_VERIFIER, REPORTER').default(
  'ADMIN',
);
const token = program.command('token').description('Manage API tokens');
token
  .command('create')
  .description('Issue an API token (printed once)')
  .requiredOption('--account <id>', 'account id')
  .requiredOption('--name <name>', 'token name')
  .addOption(rolesOption)
  .option('--allowed-ips <list>', 'comma-separated IP addresses and CIDR ranges the token is honoured from (default: any)')
  .option('--user <email>', "issue the token to this user of the account (created with the token's roles if absent)")
  .option('--json', 'print JSON')
  .action(async (opts: { account: string; name: string; roles: string; allowedIps?: string; user?: string; json?: boolean }) => {
    const { issueApiToken, issueUserApiToken, parseAllowedAddresses, parseRoles, tokenName } = await import('../modules/accounts/index.ts');
    // What cannot be stored is refused before the store is opened.
    const roles = parseRoles(opts.roles.split(',').map((r) => r.trim().toUpperCase()));
    tokenName(opts.name);
    const allowedIpAddresses = opts.allowedIps === undefined ? null : parseAllowedAddresses(commaList(opts.allowedIps));
    if (opts.user !== undefined && !/^[^\s@]+@[^\s@]+$/.test(opts.user.trim())) throw new Error('--user must be an email address');
    const input = { accountId: opts.account, name: opts.name, roles, allowedIpAddresses };
    const t = await withContainer((c) =>
      opts.user === undefined ? issueApiToken(c.accounts, input) : issueUserApiToken(c.accounts, { ...input, email: opts.user }),
    );
    print(t, !!opts.json, () => `Token ${t.id} (${t.roles.join(',')}), shown once:\n${t.token}`);
  });
token
  .command('list')
  .description("List an account's API tokens")
  .requiredOption('--account <id>', 'account id')
  .option('--json', 'print JSON')
  .action(async (opts: { account: string; json?: boolean }) => {
    const { listApiTokens } = await import('../modules/accounts/index.ts');
    const list = await withContainer((c) => listApiTokens(c.accounts, opts.account));
    print(
      list,
      !!opts.json,
      () =>
        list
          .map(
            (t) =>
              `${t.id}  ${t.prefix}…  ${t.name}  ${(t.roles as string[]).join(',')}${t.allowedIpAddresses ? `  from ${t.allowedIpAddresses.join(',')}` : ''}${t.revoked ? '  revoked' : ''}`,
          )
          .join('\n') || 'No tokens',
    );
  });
token
  .command('revoke')
  .description('Revoke an API token')
  .requiredOption('--account <id>', 'account id')
  .argument('<tokenId>')
  .action(async (tokenId: string, opts: { account: string }) => {
    const { revokeApiToken } = await import('../modules/accounts/index.ts');
    await withContainer((c) => revokeApiToken(c.accounts, opts.account, tokenId));
    console.log(`Revoked ${tokenId}`);
  });

const programCmd = program.command('program').description('Manage programs');
programCmd
  .command('create')
  .description('Create a program from a JSON file (see docs/programs.md)')
  .requiredOption('--account <id>', 'account id')
  .requiredOption('--file <path>', 'program JSON file')
  .option('--json', 'print JSON')
  .action(async (opts: { account: string; file: string; json?: boolean }) => {
    const fs = await import('node:fs');
    let input: unknown;
    try {
      input = JSON.parse(fs.readFileSync(opts.file, 'utf8'));
    } catch (e) {
      throw new Error(`Cannot read ${opts.file}: ${(e as Error).message}`);
    }
    const { createProgram, presentProgram } = await import('../modules/programs/index.ts');
    const p = await withContainer(async (c) => {
      if (!(await c.accounts.repo.findAccount(opts.account))) throw new Error(`Account '${opts.account}' not found`);
      return createProgram(c.programs, opts.account, input);
    });
    print(presentProgram(p), !!opts.json, () => `Created program ${p.id} (${p.segment}, ${p.testMode ? 'test' : 'live'} mode)`);
  });

const ssoCmd = program.command('sso').description("Manage organizations' single sign-on (see docs/sso.md)");
ssoCmd
  .command('set')
  .description("Bind an organization to its OpenID Connect or SAML provider from a JSON file (replaces the organization's binding)")
  .requiredOption('--account <id>', 'account id')
  .requiredOption('--organization <id>', 'organization id')
  .requiredOption('--file <path>', 'binding JSON file')
  .option('--json', 'print JSON')
  .action(async (opts: { account: string; organization: string; file: string; json?: boolean }) => {
    if (!/^[1-9][0-9]{0,15}$/.test(opts.organization)) throw new Error('--organization must be a positive integer');
    const fs = await import('node:fs');
    let input: unknown;
    try {
      input = JSON.parse(fs.readFileSync(opts.file, 'utf8'));
    } catch (e) {
      throw new Error(`Cannot read ${opts.file}: ${(e as Error).message}`);
    }
    const r = await withContainer(async (c) => {
      if (!(await c.accounts.repo.findAccount(opts.account))) throw new Error(`Account '${opts.account}' not found`);
      return c.sso.bindings.set(opts.account, Number(opts.organization), input);
    });
    print(
      r.binding,
      !!opts.json,
      () => `${r.created ? 'Bound' : 'Replaced the binding of'} organization ${r.binding.organizationId} (${r.binding.protocol})`,
    );
  });
ssoCmd
  .command('list')
  .description("List an account's single sign-on bindings (never a client secret)")
  .requiredOption('--account <id>', 'account id')
  .option('--json', 'print JSON')
  .action(async (opts: { account: string; json?: boolean }) => {
    const list = await withContainer((c) => c.sso.bindings.list(opts.account));
    print(
      list,
      !!opts.json,
      () =>
        list
          .map(
            (b) =>
              `${b.organizationId}  ${b.organizationName ?? '?'}  ${b.protocol}  ${b.protocol === 'oidc' ? `${b.issuer} ${b.claim}` : `${b.idpEntityId} ${b.attribute}`} in ${b.values.join(',')}`,
          )
          .join('\n') || 'No bindings',
    );
  });

program
  .command('reverify')
  .description('Re-verify earlier verifications through the API (BULK_VERIFIER token), optionally wait and download the report')
  .option('--program <id>', 'program id (a new batch)')
  .option('--file <path>', 'CSV with one verification id per line (a new batch)')
  .option('--resume <batchId>', 'follow an existing batch instead of creating one')
  .option(
    '--idempotency-key <key>',
    'key of the creating request: repeating a run with its key (printed by it) and the same file never creates a second batch',
  )
  .option('--wait', 'follow the batch until it is complete (a progress bar on a terminal)')
  .option('--report <path>', 'when complete, download the report CSV to this file (implies --wait)')
  .option('--url <url>', 'Vouch base URL (default: VOUCH_URL, PUBLIC_URL or http://localhost:PORT)')
  .option('--token <token>', 'API token (default: VOUCH_TOKEN)')
  .addHelpText('after', '\nConnection failures, 5xx and 429 answers are retried with growing waits for up to 10 minutes per request.')
  .action(
    async (opts: {
      program?: string;
      file?: string;
      resume?: string;
      idempotencyKey?: string;
      wait?: boolean;
      report?: string;
      url?: string;
      token?: string;
    }) => {
      const token = opts.token ?? process.env.VOUCH_TOKEN;
      if (!token) throw new Error('An API token is required: --token or VOUCH_TOKEN');
      const url = opts.url ?? process.env.VOUCH_URL ?? loadConfig().publicUrl;
      const { runReverify } = await import('./reverify-command.ts');
      const result = await runReverify({ ...opts, token, url });
      console.log(JSON.stringify(result));
    },
  );

// Every failure is reported as `vouch: <what is wrong>`, one line each (a configuration error may name
// several variables), and exits 1.
program.parseAsync(process.argv).catch((e: unknown) => {
  for (const line of failureLines(e)) console.error(`vouch: ${line}`);
  process.exit(1);
});
