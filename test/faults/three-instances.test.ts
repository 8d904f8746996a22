import type { ChildProcess } from 'node:child_process';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/main/config.ts';
import { createContainer } from '../../src/main/container.ts';
import { api } from '../support/app.ts';
import { UNLIMITED } from '../support/abuse.ts';
import { VALID_BODIES } from '../support/bodies.ts';
import { makePdf, makePng, put } from '../support/fixtures.ts';
import { freePort } from '../support/net.ts';
import { startS3Server, type S3TestServer } from '../support/s3-server.ts';
import { seedStudents } from '../support/seed.ts';
import { prepareServerProcess, startServerProcess, type ServerProcessSetup } from '../support/server-process.ts';
import { TEST_STORE } from '../support/stores.ts';
import { until } from '../support/wait.ts';
import { startReceiver } from '../support/webhook-receiver.ts';

// Three `vouch serve` processes on one PostgreSQL database and one S3 bucket, each with a data directory of
// its own, behind a client that sends each request to the next instance in turn. The embedded store is one
// process: none of this applies to it.
const BUCKET = 'vouch-three';
const RECORDS = 3000;
const CREATE_LIMIT = 12;

let setup: ServerProcessSetup | undefined;
let s3: S3TestServer | undefined;
let receiver: Awaited<ReturnType<typeof startReceiver>> | undefined;
let db: pg.Client | undefined;
const children: ChildProcess[] = [];
afterAll(async () => {
  for (const c of children) c.kill('SIGKILL');
  await db?.end();
  await setup?.cleanup();
  await receiver?.close();
  await s3?.close();
});

interface Instance {
  url: string;
  env: Record<string, string>;
  child?: ChildProcess;
}

async function startInstance(i: Instance) {
  i.child = await startServerProcess(i.env, i.url);
  children.push(i.child);
}

async function kill(i: Instance) {
  const child = i.child!;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGKILL');
  await exited;
}

describe.skipIf(TEST_STORE !== 'postgres')('three instances on one PostgreSQL and one S3 store', () => {
  it('share flows, uploads, reviews, a batch whose worker dies, webhooks once per event and rate limits', async () => {
    s3 = await startS3Server();
    await s3.createBucket(BUCKET);
    receiver = await startReceiver();
    setup = await prepareServerProcess({
      BLOB_URL: s3.blobUrl(BUCKET),
      WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true',
      RATE_LIMIT_CREATE: String(CREATE_LIMIT),
      RATE_LIMIT_WINDOW_SECONDS: '3600',
    });
    const seeding = await createContainer(loadConfig(setup.env));
    const seeded = await seedStudents(seeding, RECORDS);
    await seeding.close();
    db = new pg.Client({ connectionString: setup.env.DATABASE_URL });
    await db.connect();

    // Each instance: its own port, public URL and data directory; the same database, bucket and key.
    const instances: Instance[] = [];
    for (let n = 0; n < 3; n++) {
      const port = n === 0 ? setup.port : await freePort();
      const url = `http://127.0.0.1:${port}`;
      instances.push({ url, env: { ...setup.env, PORT: String(port), PUBLIC_URL: url, DATA_DIR: `${setup.dataDir}/instance-${n}` } });
    }
    const [a, b, c] = instances;
    let turn = 0;
    /** The same path on the next instance in turn (a URL an instance handed out is sent elsewhere). */
    const rr = (urlOrPath: string) => {
      const target = instances[turn++ % 3].url;
      return urlOrPath.startsWith('http') ? target + new URL(urlOrPath).pathname + new URL(urlOrPath).search : target + urlOrPath;
    };

    // A re-verification batch started on A alone; A is killed while its worker is half-way through.
    await startInstance(a);
    for (const token of [setup.demo.token, seeded.token]) {
      const hook = await api(`${a.url}/manage/v1/webhooks`, { token, body: { url: `${receiver.url}/hook`, eventTypes: ['*'] } });
      expect(hook.status, hook.text).toBe(201);
    }
    const batch = await api(`${a.url}/rest/v2/verification/reverify`, {
      token: seeded.token,
      body: { programId: seeded.programId, verificationIds: seeded.ids },
    });
    expect(batch.status, batch.text).toBe(200);
    const progress = async () =>
      (
        await db!.query<{ status: string; records_processed: number }>(
          'select status, records_processed from reverify_batches where id = $1',
          [batch.json.batchId],
        )
      ).rows[0];
    const halfway = await until(progress, (p) => p.records_processed > 0, 30_000, 10);
    await kill(a);
    const left = await progress();
    expect(halfway.status).toBe('RUNNING');
    expect(left.records_processed).toBeLessThan(RECORDS);

    // B and C take over (an instance that starts picks up the batches left unfinished) and finish it.
    await Promise.all([startInstance(b), startInstance(c)]);
    await until(progress, (p) => p.status === 'COMPLETE', 60_000, 100);
    await startInstance(a);
    const done = await db.query<{ processed: number; created: number; distinct_created: number }>(
      `select count(*) filter (where outcome is not null)::int as processed, count(new_verification_id)::int as created,
              count(distinct new_verification_id)::int as distinct_created from reverify_records where batch_id = $1`,
      [batch.json.batchId],
    );
    // Every record processed once: none skipped, none done twice.
    expect(done.rows[0].processed).toBe(RECORDS);
    expect(done.rows[0].created).toBe(done.rows[0].distinct_created);
    expect((await progress()).records_processed).toBe(RECORDS);
    const status = await api(rr(`/rest/v2/verification/reverify/${batch.json.batchId}`), { token: seeded.token });
    expect(status.json.status).toBe('COMPLETE');

    // Eligibility flows: each step on another instance. Instant decisions, and document uploads (to the
    // bucket) reviewed on yet another instance.
    const program = await api(rr('/manage/v1/programs'), {
      token: setup.demo.token,
      body: { name: 'Live', segment: 'student', testMode: false, staticCode: 'THREE', openOrgSearchEnabled: true, abuse: UNLIMITED },
    });
    expect(program.status, program.text).toBe(201);
    const instant: string[] = [];
    for (let n = 0; n < 3; n++) {
      const created = await api(rr('/rest/v2/verification'), { body: { programId: setup.demo.programs.student } });
      const submitted = await api(rr(created.json.submissionUrl), { body: VALID_BODIES.collectStudentPersonalInfo });
      expect(submitted.json.currentStep, submitted.text).toBe('success');
      instant.push(submitted.json.verificationId);
      expect((await api(rr(`/rest/v2/verification/${submitted.json.verificationId}`))).json.currentStep).toBe('success');
    }
    const reviewed: string[] = [];
    for (let n = 0; n < 3; n++) {
      const created = await api(rr('/rest/v2/verification'), { body: { programId: program.json.id } });
      const v = await api(rr(created.json.submissionUrl), {
        body: { ...VALID_BODIES.collectStudentPersonalInfo, firstName: `Three${n}`, organization: { id: 0, name: 'Night School' } },
      });
      expect(v.json.currentStep, v.text).toBe('docUpload');
      const png = makePng(64, 40);
      const pdf = makePdf(`Enrollment ${n}`);
      const declared = await api(rr(v.json.submissionUrl), {
        body: [
          { fileName: 'card.png', mimeType: 'image/png', fileSize: png.length },
          { fileName: 'enrollment.pdf', mimeType: 'application/pdf', fileSize: pdf.length },
        ],
      });
      for (const [i, bytes] of [png, pdf].entries()) {
        const type = i === 0 ? 'image/png' : 'application/pdf';
        const r = await put(rr(declared.json.documents[i].uploadUrl), bytes, {
          'content-type': type,
          'content-length': String(bytes.length),
        });
        expect(r.status).toBe(200);
      }
      const pending = await api(rr(declared.json.submissionUrl), {
        method: 'POST',
        raw: '',
        headers: { 'content-type': 'application/json' },
      });
      expect(pending.json.currentStep).toBe('pending');
      // The reviewer reads the PDF back through another instance than the one it was uploaded to.
      const doc = await fetch(rr(`/rest/v2/review/${v.json.verificationId}/document/${declared.json.documents[1].documentId}`), {
        headers: { authorization: `Bearer ${setup.demo.token}` },
      });
      expect(doc.status).toBe(200);
      expect(Buffer.from(await doc.arrayBuffer()).equals(pdf)).toBe(true);
      const decided = await api(rr(`/rest/v2/review/${v.json.verificationId}/decision`), {
        token: setup.demo.token,
        body: { decision: 'APPROVE' },
      });
      expect(decided.json).toMatchObject({ currentStep: 'success', rewardCode: 'THREE' });
      reviewed.push(v.json.verificationId);
    }
    // The decisions purged the documents from the bucket.
    expect(s3.objects(BUCKET)).toEqual([]);

    // Webhooks: every event delivered, each exactly once, whichever instance's dispatcher claimed it.
    const events = async () =>
      (
        await db!.query<{ id: string; pending: number }>(
          `select ev.id, count(*) filter (where d.status <> 'delivered')::int as pending
           from webhook_events ev join webhook_deliveries d on d.event_id = ev.id group by ev.id`,
        )
      ).rows;
    await until(events, (rows) => rows.length > 0 && rows.every((r) => r.pending === 0), 30_000, 200);
    // A moment for a second delivery of anything, were one to come.
    await new Promise((r) => setTimeout(r, 1500));
    const ids = receiver.received.map((r) => r.headers['webhook-id']);
    const expected = (await events()).map((r) => r.id).sort();
    expect(ids.slice().sort()).toEqual(expected);
    expect(new Set(ids).size).toBe(ids.length);
    const types = receiver.received.map((r) => r.json?.type ?? r.json?.eventType);
    expect(types.some((t) => /batch|reverif/i.test(String(t)))).toBe(true);
    for (const id of [...instant, ...reviewed]) expect(JSON.stringify(receiver.received.map((r) => r.json))).toContain(id);

    // Rate limits counted across instances: one token's creating requests, round robin. Its count already
    // holds its earlier creating requests (the webhook endpoint, the program): the remaining counts go down by
    // one per request whichever instance answers, and once they reach 0 every instance refuses.
    const answers: { status: number; remaining: number }[] = [];
    for (let n = 0; n < 3 * CREATE_LIMIT; n++) {
      const r = await api(rr('/rest/v2/verification'), { token: setup.demo.token, body: { programId: setup.demo.programs.student } });
      answers.push({ status: r.status, remaining: Number(r.headers.get('ratelimit-remaining')) });
    }
    const accepted = answers.filter((x) => x.status === 200);
    const refusedAt = answers.findIndex((x) => x.status === 429);
    expect(refusedAt).toBe(accepted.length);
    expect(answers.slice(refusedAt).every((x) => x.status === 429)).toBe(true);
    expect(accepted.map((x) => x.remaining)).toEqual(Array.from({ length: accepted.length }, (_, i) => accepted.length - 1 - i));
    expect(accepted.length).toBeLessThan(CREATE_LIMIT);
    expect(accepted.length).toBeGreaterThan(CREATE_LIMIT - 5);
  }, 120_000);
});
