import type { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/main/config.ts';
import { createContainer } from '../../src/main/container.ts';
import { VALID_BODIES } from '../support/bodies.ts';
import { prepareServerProcess, type ServerProcessSetup } from '../support/server-process.ts';
import { TEST_STORE } from '../support/stores.ts';
import { until } from '../support/wait.ts';

let setup: ServerProcessSetup | undefined;
afterAll(async () => setup?.cleanup());

const WORKERS = 16;
const ANSWERED_BEFORE_KILL = 80;
const MAX_ROUNDS = 5;

/** One idempotent request as the client saw it: its answer only if the whole body arrived before the kill. */
interface Sent {
  kind: 'start' | 'step';
  url: string;
  key: string;
  body: unknown;
  token?: string;
  verificationId?: string;
  answer?: { status: number; text: string };
}

async function send(s: Sent): Promise<{ status: number; text: string; replayed: boolean }> {
  const headers: Record<string, string> = { 'content-type': 'application/json', 'idempotency-key': s.key };
  if (s.token) headers.authorization = `Bearer ${s.token}`;
  const res = await fetch(s.url, { method: 'POST', headers, body: JSON.stringify(s.body) });
  return { status: res.status, text: await res.text(), replayed: res.headers.get('idempotent-replayed') === 'true' };
}

/** Runs clients against the server until enough answers arrived, then kills it with SIGKILL mid-flight. */
async function killDuringRequests(server: ChildProcess, url: string, demo: ServerProcessSetup['demo'], sent: Sent[]): Promise<void> {
  const answeredBefore = sent.filter((s) => s.answer).length;
  let killed = false;
  const client = async () => {
    while (!killed) {
      const key = randomUUID();
      const start: Sent = {
        kind: 'start',
        url: `${url}/rest/v2/verification`,
        key,
        token: demo.token,
        body: { programId: demo.programs.student, trackingId: key },
      };
      sent.push(start);
      const started = await send(start).catch(() => undefined);
      if (!started || killed) return;
      start.answer = started;
      const { verificationId, submissionUrl } = JSON.parse(started.text);
      start.verificationId = verificationId;
      // Anonymous, as an end user submits it: the key is scoped by the verification in the path.
      const step: Sent = {
        kind: 'step',
        url: submissionUrl,
        key: randomUUID(),
        body: VALID_BODIES.collectStudentPersonalInfo,
        verificationId,
      };
      sent.push(step);
      const submitted = await send(step).catch(() => undefined);
      if (!submitted || killed) return;
      step.answer = submitted;
    }
  };
  const clients = Array.from({ length: WORKERS }, client);
  await until(
    async () => sent.filter((s) => s.answer).length,
    (n) => n >= answeredBefore + ANSWERED_BEFORE_KILL,
    120_000,
    10,
  );
  const exited = new Promise((r) => server.once('exit', r));
  server.kill('SIGKILL');
  killed = true;
  await exited;
  await Promise.all(clients);
}

describe(`idempotent requests survive SIGKILL (${TEST_STORE})`, () => {
  it('every key is resolvable once its lease ends, and every answered request has its audit entry', async () => {
    setup = await prepareServerProcess();
    const { url, env, demo } = setup;

    // Many clients start verifications and submit their first step, each request with its own key,
    // until the server is killed in the middle of them. Whether the kill lands while a request holds
    // its key is up to the scheduler, so the round repeats (on the same store) until one does: a
    // round whose kill caught none would prove nothing about such keys.
    const sent: Sent[] = [];
    let running = 0;
    for (let round = 1; running === 0; round++) {
      if (round > MAX_ROUNDS) throw new Error(`no SIGKILL in ${MAX_ROUNDS} rounds caught a request holding its key`);
      await killDuringRequests(await setup.start(), url, demo, sent);
      const answered = sent.filter((s) => s.answer);
      expect(answered.every((s) => s.answer!.status === 200)).toBe(true);

      const check = await createContainer(loadConfig(env));
      try {
        const keys = await check.store.db.selectFrom('idempotency_keys').select('key').where('state', '=', 'running').execute();
        running = keys.length;
        // Every answer the clients read was preceded by its audit entry.
        const entries = await check.store.db
          .selectFrom('audit_log')
          .select(['action', 'subject_id'])
          .where('account_id', '=', demo.accountId)
          .execute();
        const has = new Set(entries.map((e) => `${e.action} ${e.subject_id}`));
        const missing = answered.filter(
          (s) => !has.has(`${s.kind === 'start' ? 'verification.start' : 'verification.submit-step'} ${s.verificationId}`),
        );
        expect(missing.map((s) => `${s.kind} ${s.verificationId}`)).toEqual([]);
      } finally {
        await check.close();
      }
    }

    // Restarted with a short lease: every key resolves once the lease of a dead request has ended.
    const server = await setup.start({ IDEMPOTENCY_KEY_LEASE_SECONDS: '2' });
    for (const s of sent) {
      const retry = await until(
        () => send(s),
        (r) => r.status !== 409,
        60_000,
        250,
      );
      if (s.answer) {
        // Answered before the kill: the same answer again, byte for byte.
        expect(retry).toEqual({ ...s.answer, replayed: true });
      } else if (s.kind === 'start') {
        expect(retry.status).toBe(200);
        expect(JSON.parse(retry.text).verificationId).toMatch(/^[0-9a-f]{24}$/);
      } else {
        // Re-run: the step again, or, where the dead request had committed it, the refusal of a step
        // the verification has already left (its state is then in the answer).
        expect([200, 400]).toContain(retry.status);
        if (retry.status === 400) expect(JSON.parse(retry.text).errorIds).toEqual(['invalidStep']);
      }
      // From now on the key answers the same, replayed.
      const again = await send(s);
      expect(again).toEqual({ ...retry, replayed: true });
    }
    const exited = new Promise((r) => server.once('exit', r));
    server.kill('SIGTERM');
    await exited;
  }, 300_000);
});
