import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootstrapAccount } from '../../src/main/bootstrap.ts';
import { loadConfig } from '../../src/main/config.ts';
import { createContainer } from '../../src/main/container.ts';
import { ensureAccount } from '../../src/modules/accounts/index.ts';
import { api } from '../support/app.ts';
import { freePort } from '../support/net.ts';
import { startServerProcess } from '../support/server-process.ts';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.ts';
import { seedDataDir } from '../support/pglite-template.ts';
import { createPostgresDatabase, TEST_STORE } from '../support/stores.ts';
import { until } from '../support/wait.ts';
import { startReceiver, type Receiver } from '../support/webhook-receiver.ts';

/**
 * The mail server of a running Vouch goes down, first blackholed (it accepts TCP and never answers), then
 * refusing connections, for longer than a mail job's retries last; then a real SMTP server comes up on the
 * same port. Retries and timeouts are made small through the environment.
 */

/** A server that accepts connections and never says a word; counts those open now and the most at once. */
async function startBlackhole(port: number) {
  const sockets = new Set<net.Socket>();
  let peak = 0;
  const server = net.createServer((socket) => {
    sockets.add(socket);
    peak = Math.max(peak, sockets.size);
    socket.on('error', () => {});
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(port, '127.0.0.1', resolve));
  return {
    get open() {
      return sockets.size;
    },
    get peak() {
      return peak;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vouch-smtp-down-'));
let url: string;
let smtpPort: number;
let token: string;
let server: ChildProcess | undefined;
let blackhole: Awaited<ReturnType<typeof startBlackhole>> | undefined;
let sink: SmtpSink | undefined;
let receiver: Receiver;
let dropDb: (() => Promise<void>) | undefined;
let log = '';

beforeAll(async () => {
  const port = await freePort();
  smtpPort = await freePort();
  url = `http://127.0.0.1:${port}`;
  const env: Record<string, string> = {
    DATA_DIR: dataDir,
    PORT: String(port),
    HOST: '127.0.0.1',
    PUBLIC_URL: url,
    LOG_LEVEL: 'warn',
    SECRET_KEY: randomBytes(32).toString('hex'),
    SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
    // A send gives up on a silent server after 2 s; a job tries twice, and a mail that gave up is tried
    // again after 1 s, then 2 s at most, while its link is valid.
    SMTP_TIMEOUT_MS: '2000',
    JOB_RETRY_LIMIT: '1',
    JOB_RETRY_DELAY_SECONDS: '0',
    MAIL_RESEND_DELAY_SECONDS: '1',
    MAIL_RESEND_MAX_DELAY_SECONDS: '2',
    WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true',
    RATE_LIMIT_CREATE: '0',
    RATE_LIMIT_STEP: '0',
    RATE_LIMIT_LINK: '0',
    RATE_LIMIT_UPLOAD: '0',
    RATE_LIMIT_AUTH: '0',
  };
  if (TEST_STORE === 'postgres') {
    const db = await createPostgresDatabase();
    env.DATABASE_URL = db.url;
    dropDb = db.drop;
  } else {
    await seedDataDir(dataDir);
  }
  const seeding = await createContainer(loadConfig(env));
  try {
    const { account } = await ensureAccount(seeding.accounts, 'SMTP down');
    token = (await bootstrapAccount(seeding, account.id)).token;
  } finally {
    await seeding.close();
  }
  receiver = await startReceiver();
  blackhole = await startBlackhole(smtpPort);
  server = await startServerProcess(env, url, {
    output: (text) => {
      log += text;
    },
  });
  const hook = await api(`${url}/manage/v1/webhooks`, { token, body: { url: receiver.url, eventTypes: ['mail.failed', 'client.event'] } });
  expect(hook.status).toBe(201);
}, 120_000);

afterAll(async () => {
  server?.kill('SIGKILL');
  await blackhole?.close();
  await sink?.close();
  await receiver?.close();
  await dropDb?.();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const post = (p: string, body: unknown) => api(`${url}${p}`, { token, body });
const client = (name: string) => ({
  firstName: name,
  lastName: 'Faultline',
  email: `${name.toLowerCase()}.faultline@example.com`,
  phoneNumber: '+1 604 555 0100',
});
async function createFile(names: string[]) {
  const r = await post('/api/client/create-verification-request', {
    requesterReferenceId: `SMTP-${randomBytes(4).toString('hex')}`,
    clients: names.map(client),
  });
  expect(r.status).toBe(200);
  return r.json.data as { fileReferenceId: string; requests: { clientRequestId: string; links: { id: number; link: string }[] }[] };
}
const details = async (clientRequestId: string) => (await post('/api/client/verification-details', { clientRequestId })).json.data;
const mailStatus = async (clientRequestId: string) => (await details(clientRequestId)).links.at(-1).mailStatus as string | null;
const metric = async (name: string) => {
  const text = await (await fetch(`${url}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith(`${name} `) || l.startsWith(`${name}{`));
  return line ? Number(line.split(' ').at(-1)) : 0;
};

describe(`link mails survive an SMTP server that is down (${TEST_STORE})`, () => {
  it('sends several mails at once behind a blackholed server, not one at a time', async () => {
    await createFile(['Ann', 'Ben', 'Cat', 'Dan', 'Eve', 'Fay']);
    // Each send holds its connection until the SMTP timeout; one at a time, there would never be two open.
    await until(
      async () => blackhole!.peak,
      (n) => n >= 3,
      60_000,
    );
    expect(blackhole!.peak).toBeGreaterThanOrEqual(3);
  }, 90_000);

  it('a mail that cannot be sent is visible meanwhile (link state, event, webhook, metric, log) and arrives once the server is up', async () => {
    await blackhole!.close(); // now refusing: nothing listens on the port
    blackhole = undefined;
    const file = await createFile(['Mia']);
    const [request] = file.requests;
    const { link } = request.links[0];

    // The link's state shows the failure, and Vouch keeps trying meanwhile (the link stays valid).
    await until(
      () => mailStatus(request.clientRequestId),
      (s) => s === 'failed',
      60_000,
    );
    const events = (await post('/api/casefile/events', { fileReferenceId: file.fileReferenceId })).json.data as {
      eventId: number;
      message: string;
    }[];
    expect(events.find((e) => e.eventId === 207)?.message).toMatch(
      /^The verification link could not be emailed to the client: it kept failing until its retries were used up \(last error: ESOCKET\)$/,
    );
    await receiver.until(() =>
      receiver.received.some((r) => r.json?.type === 'mail.failed' && r.json.clientRequestId === request.clientRequestId),
    );
    const hook = receiver.received.find((r) => r.json?.type === 'mail.failed' && r.json.clientRequestId === request.clientRequestId)!;
    expect(hook.json).toMatchObject({
      fileReferenceId: file.fileReferenceId,
      clientRequestId: request.clientRequestId,
      linkId: request.links[0].id,
      reason: expect.stringMatching(/^it kept failing until its retries were used up/),
      subjectId: request.clientRequestId,
    });
    expect(
      receiver.received.some(
        (r) => r.json?.type === 'client.event' && r.json.eventId === 207 && r.json.clientRequestId === request.clientRequestId,
      ),
    ).toBe(true);
    expect(await metric('vouch_mail_failures_total')).toBeGreaterThan(0);
    // A warning in the log, naming the link and the reason, never the client.
    await until(
      async () => log,
      (l) => l.split('\n').some((line) => line.includes('"level":40') && line.includes('link mail')),
    );
    expect(log).not.toContain('faultline@example.com');
    expect(log).not.toContain('Mia');
    expect(hook.body).not.toContain('faultline@example.com');

    // The server comes back on the same port: the mail that failed arrives without anyone asking.
    sink = await startSmtpSink({ port: smtpPort });
    await until(
      async () => sink!.messages,
      (m) => m.some((x) => x.text.includes(link)),
      60_000,
    );
    expect(sink.messages.filter((m) => m.text.includes(link))).toHaveLength(1);
    await until(
      () => mailStatus(request.clientRequestId),
      (s) => s === 'sent',
    );
    const after = (await post('/api/casefile/events', { fileReferenceId: file.fileReferenceId })).json.data as { eventId: number }[];
    expect(after.map((e) => e.eventId)).toContain(208);
    // The mails of the first test, whose links are valid too, arrive as well.
    await until(
      async () => sink!.messages,
      (m) => ['ann', 'fay'].every((n) => m.some((x) => x.to.includes(`${n}.faultline@example.com`))),
      60_000,
    );

    // On demand: re-initiating sends a new link at once.
    const again = await post('/api/client/re-initiate-verification-request', { clientRequestId: request.clientRequestId });
    expect(again.status).toBe(200);
    const fresh = again.json.data.requests[0];
    await until(
      async () => sink!.messages,
      (m) => m.some((x) => x.text.includes(fresh.links[0].link)),
      60_000,
    );
    expect(await mailStatus(fresh.clientRequestId)).toBe('sent');
  }, 180_000);
});
