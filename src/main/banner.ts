import path from 'node:path';
import { withoutPassword } from './config-vars.ts';
import type { Running } from './serve.ts';
import { VERSION } from './version.ts';

/** What a person starting Vouch wants to know first: where it answers, where data and mail go, what is in test mode. */
export interface StartFacts {
  version: string;
  /** PUBLIC_URL: the base of the URLs the API returns. */
  url: string;
  /** The address the server listens on. */
  listening: string;
  store: string;
  blobs: string;
  mail: string;
  key: string;
  programs: { total: number; testMode: number };
}

/**
 * The facts of a running server. Counting programs is a read the banner alone makes, across accounts; it
 * is done here, where the parts are wired, rather than as a use case no route needs.
 */
export async function startFacts(running: Running): Promise<StartFacts> {
  const { config, store } = running.container;
  const rows = await store.db
    .selectFrom('programs')
    .select(['test_mode'])
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .groupBy('test_mode')
    .execute();
  const count = (testMode: boolean) => rows.filter((r) => r.test_mode === testMode).reduce((sum, r) => sum + Number(r.n), 0);
  return {
    version: VERSION,
    url: config.publicUrl,
    listening: running.url,
    store: config.databaseUrl
      ? `PostgreSQL at ${withoutPassword(config.databaseUrl)}`
      : `embedded, at ${path.join(config.dataDir, 'pgdata')}`,
    blobs: running.container.documents.blobs.description,
    mail: config.smtpUrl
      ? `SMTP via ${withoutPassword(config.smtpUrl)}, from ${config.mailFrom}`
      : `written to ${path.join(config.dataDir, 'outbox')}/*.eml (set SMTP_URL to send it)`,
    key: config.secretKey ? 'SECRET_KEY' : `${path.join(config.dataDir, 'secret.key')} (back it up)`,
    programs: { total: count(true) + count(false), testMode: count(true) },
  };
}

/** The test-mode line: a count, or what to do when there is nothing yet. */
export function testModeText(programs: StartFacts['programs']): string {
  if (programs.total === 0) return 'none yet: run `npx vouch bootstrap` for a demo account with a test program per segment';
  if (programs.testMode === 0) return `none (all ${programs.total} programs are live)`;
  return `${programs.testMode} of ${programs.total} programs (their decisions are simulated)`;
}

/** The block printed on a terminal once the server is up. */
export function formatBanner(f: StartFacts): string {
  const rows: [string, string][] = [
    ['URL', f.url === f.listening ? f.url : `${f.url} (listening on ${f.listening})`],
    ['Store', f.store],
    ['Blobs', f.blobs],
    ['Mail', f.mail],
    ['Key', f.key],
    ['Test mode', testModeText(f.programs)],
  ];
  return [
    `Vouch ${f.version} is running`,
    ...rows.map(([label, value]) => `  ${`${label}:`.padEnd(11)}${value}`),
    '  Stop with Ctrl+C (SIGTERM elsewhere): requests in flight finish first.',
  ].join('\n');
}

/** On a terminal, the banner on standard output; otherwise one JSON log line with the same facts. */
export async function announceStart(running: Running, out: NodeJS.WriteStream = process.stdout) {
  const facts = await startFacts(running).catch((e: unknown) => {
    running.app.log.warn({ error: { message: (e as Error).message } }, 'the start-up summary could not be read');
  });
  if (!facts) return;
  if (out.isTTY) out.write(`\n${formatBanner(facts)}\n\n`);
  else running.app.log.info({ ...facts, testMode: testModeText(facts.programs) }, 'vouch started');
}
