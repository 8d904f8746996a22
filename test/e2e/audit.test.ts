import { createHash } from 'node:crypto';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { VALID_BODIES } from '../support/bodies.ts';
import { api, startTestApp, type TestApp } from '../support/app.ts';
import { TEST_STORE } from '../support/stores.ts';

let app: TestApp;
let A: Awaited<ReturnType<TestApp['bootstrap']>>;
let B: Awaited<ReturnType<TestApp['bootstrap']>>;
let aTokenId: string;
beforeAll(async () => {
  app = await startTestApp();
  A = await app.bootstrap();
  B = await app.bootstrap();
  const tokens = (await api(`${app.url}/manage/v1/tokens`, { token: A.token })).json;
  aTokenId = tokens.find((t: { name: string; revoked: unknown }) => t.name === 'bootstrap' && !t.revoked).id;
});
afterAll(async () => app?.close());

type Entry = {
  id: string;
  at: string;
  action: string;
  actor: { type: string; id: string | null };
  subject: { type: string; id: string } | null;
  outcome: number;
  ipHash: string | null;
  userAgent: string | null;
  route: string;
};
const audit = (token: string, query = '') => api(`${app.url}/manage/v1/audit${query}`, { token });
/** The entry matching `match` (written before its request was answered; polled all the same). */
async function entryFor(token: string, match: (e: Entry) => boolean, query = ''): Promise<Entry> {
  const end = Date.now() + 10_000;
  for (;;) {
    const page = await audit(token, query);
    expect(page.status).toBe(200);
    const found = (page.json.entries as Entry[]).find(match);
    if (found) return found;
    if (Date.now() > end) throw new Error(`no audit entry matched in ${JSON.stringify(page.json.entries.slice(0, 5))}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe(`audit log (${TEST_STORE})`, () => {
  it('records a management change with who, what, outcome and where from, without the raw IP', async () => {
    const created = await api(`${app.url}/manage/v1/programs`, {
      token: A.token,
      body: { name: 'Audited program', segment: 'student', testMode: true, offerType: 'staticCode', staticCode: 'AUDIT' },
      headers: { 'user-agent': 'audit-test/1.0' },
    });
    expect(created.status).toBe(201);
    const e = await entryFor(A.token, (x) => x.action === 'program.create' && x.subject?.id === created.json.id);
    expect(e).toMatchObject({
      actor: { type: 'token', id: aTokenId },
      subject: { type: 'program' },
      outcome: 201,
      userAgent: 'audit-test/1.0',
      route: '/manage/v1/programs',
    });
    expect(e.ipHash).toMatch(/^[0-9a-f]{32}$/);
    expect(JSON.stringify(e)).not.toContain('127.0.0.1');
  });

  it("records an end user's steps under the program's account, holding no PII", async () => {
    const started = await api(`${app.url}/rest/v2/verification`, { body: { programId: A.programs.student } });
    expect(started.status).toBe(200);
    const vid = started.json.verificationId;
    const body = {
      ...VALID_BODIES.collectStudentPersonalInfo,
      firstName: 'Zebulon',
      lastName: 'Quixotic',
      email: 'zebulon.quixotic@example.com',
    };
    const step = await api(`${app.url}/rest/v2/verification/${vid}/step/collectStudentPersonalInfo`, { body });
    expect(step.status).toBeLessThan(500);

    const startEntry = await entryFor(A.token, (x) => x.action === 'verification.start' && x.subject?.id === vid);
    expect(startEntry.actor).toEqual({ type: 'anonymous', id: null });
    await entryFor(A.token, (x) => x.action === 'verification.submit-step' && x.subject?.id === vid);

    const rows = await app.running.container.store.db.selectFrom('audit_log').selectAll().execute();
    const everything = JSON.stringify(rows);
    for (const pii of [
      'Zebulon',
      'Quixotic',
      'zebulon.quixotic@example.com',
      '127.0.0.1',
      String(VALID_BODIES.collectStudentPersonalInfo.birthDate),
    ])
      expect(everything).not.toContain(pii);
  });

  it('records reads of PII, but not status polling', async () => {
    const started = await api(`${app.url}/rest/v2/verification`, {
      token: A.token,
      body: { programId: A.programs.student, trackingId: 'audit-read' },
    });
    const vid = started.json.verificationId;
    expect((await api(`${app.url}/rest/v2/verification/${vid}`)).status).toBe(200);
    expect((await api(`${app.url}/rest/v2/verification/${vid}/details`, { token: A.token })).status).toBe(200);
    await entryFor(A.token, (x) => x.action === 'verification.read-details' && x.subject?.id === vid && x.outcome === 200);
    const forSubject = (await audit(A.token, `?subjectId=${vid}`)).json.entries as Entry[];
    expect(forSubject.map((x) => x.action).sort()).toEqual(['verification.read-details', 'verification.start']);
  });

  it('records client requests (Treefort dialect) and the opening of their links, attributed to the account', async () => {
    const created = await api(`${app.url}/api/client/create-verification-request`, {
      token: A.token,
      body: {
        requesterReferenceId: `AUDIT-${Date.now()}`,
        clients: [{ firstName: 'Ann', lastName: 'Lee', email: 'ann.lee@example.com', phoneNumber: '+1 604 555 0100' }],
      },
    });
    expect(created.status).toBe(200);
    const fileId = created.json.data.fileReferenceId;
    await entryFor(A.token, (x) => x.action === 'file.create' && x.subject?.id === fileId);
    const link = created.json.data.requests[0].links[0].link as string;
    expect((await fetch(link)).status).toBe(200);
    const opened = await entryFor(A.token, (x) => x.action === 'link.open');
    expect(opened.actor.type).toBe('link');
    expect(link).not.toContain(opened.actor.id!); // a digest prefix, not the token
  });

  it("records a third party's read by transactionKey under the file's account, keeping only a digest of the key", async () => {
    const created = await api(`${app.url}/api/client/create-verification-request`, {
      token: A.token,
      body: {
        requesterReferenceId: `AUDIT-TK-${Date.now()}`,
        clients: [{ firstName: 'Tia', lastName: 'Kay', email: 'tia.kay@example.com', phoneNumber: '+1 604 555 0101' }],
      },
    });
    const fileId = created.json.data.fileReferenceId;
    const details = await api(`${app.url}/api/casefile/details`, { token: A.token, body: { fileReferenceId: fileId } });
    const key = details.json.data.transactionKey as string;
    expect(key).toBeTruthy();
    expect((await api(`${app.url}/api/casefile/transaction`, { body: { transactionKey: key } })).status).toBe(200);
    const read = await entryFor(A.token, (x) => x.action === 'file.read-by-transaction');
    expect(read.actor.type).toBe('transaction-key');
    expect(JSON.stringify(read)).not.toContain(key);
  });

  it('records credential exchanges against an existing client under its account, and no entry for made-up ids', async () => {
    const client = await api(`${app.url}/manage/v1/oauth-clients`, {
      token: A.token,
      body: { name: 'audited client', roles: ['VERIFIER'] },
    });
    expect(client.status).toBe(201);
    const form = (id: string, secret: string) =>
      api(`${app.url}/rest/v2/oauth/token`, {
        raw: `grant_type=client_credentials&client_id=${id}&client_secret=${secret}`,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
    expect((await form(client.json.clientId, 'wrong')).status).toBe(401);
    const e = await entryFor(A.token, (x) => x.action === 'oauth.issue-token' && x.outcome === 401);
    expect(e).toMatchObject({
      actor: { type: 'oauth-client', id: client.json.clientId },
      subject: { type: 'oauth-client', id: client.json.clientId },
    });

    const db = app.running.container.store.db;
    const before = Number(
      (
        await db
          .selectFrom('audit_log')
          .select((eb) => eb.fn.max('id').as('m'))
          .executeTakeFirst()
      )?.m ?? 0,
    );
    expect((await form('made-up-client', 'wrong')).status).toBe(401);
    expect(
      (await api(`${app.url}/rest/v2/verification/ffffffffffffffffffffffff/step/collectStudentPersonalInfo`, { body: {} })).status,
    ).toBe(404);
    // An anonymous request on a real subject, made after them, goes through the same lookup: once its entry
    // is there, the two above have had their turn.
    const later = await api(`${app.url}/rest/v2/verification`, { body: { programId: A.programs.student } });
    await entryFor(A.token, (x) => x.action === 'verification.start' && x.subject?.id === later.json.verificationId);
    const rows = await db.selectFrom('audit_log').selectAll().where('id', '>', before).execute();
    expect(rows.filter((r) => r.account_id === null)).toEqual([]);
    expect(rows.some((r) => r.subject_id === 'made-up-client' || r.subject_id === 'ffffffffffffffffffffffff')).toBe(false);
  });

  it('records an upload refused after its client hung up, with the refusal status', async () => {
    /** An upload URL of a verification of A's that has reached docUpload. */
    const uploadUrl = async (): Promise<string> => {
      const created = await api(`${app.url}/rest/v2/verification`, { body: { programId: A.programs.student } });
      const step = await api(created.json.submissionUrl, {
        body: { ...VALID_BODIES.collectStudentPersonalInfo, firstName: 'UPLOAD', organization: { id: 1, name: 'Any' } },
      });
      const declared = await api(step.json.submissionUrl, { body: [{ fileName: 'p.png', mimeType: 'image/png', fileSize: 1000 }] });
      return declared.json.documents[0].uploadUrl;
    };
    /** Sends the headers and part of the body over a raw socket, then destroys it without waiting for an answer. */
    const hangUp = (url: string, headers: string) =>
      new Promise<void>((resolve) => {
        const u = new URL(url);
        const socket = net.connect(Number(u.port), u.hostname, () => {
          socket.write(`PUT ${u.pathname} HTTP/1.1\r\nHost: ${u.host}\r\nUser-Agent: hang-up/1.0\r\n${headers}\r\n\x89PNG\r\n`, () => {
            socket.destroy();
            resolve();
          });
        });
        socket.on('error', () => resolve());
      });
    const actorOf = (url: string) => createHash('sha256').update(url.split('/').pop()!).digest('hex').slice(0, 16);

    // Refused by its headers (a type other than the one declared), and refused because the body stopped short.
    for (const headers of ['Content-Type: image/jpeg\r\nContent-Length: 1000\r\n', 'Content-Type: image/png\r\nContent-Length: 1000\r\n']) {
      const url = await uploadUrl();
      await hangUp(url, headers);
      const e = await entryFor(A.token, (x) => x.actor.id === actorOf(url), '?action=document.upload');
      expect(e, headers).toMatchObject({
        actor: { type: 'link' },
        outcome: 400,
        userAgent: 'hang-up/1.0',
        route: '/rest/v2/document/upload/:token',
      });
      expect(e.ipHash, headers).toMatch(/^[0-9a-f]{32}$/);
    }
  });

  it('records failed changes with their outcome', async () => {
    const bad = await api(`${app.url}/manage/v1/programs`, {
      token: A.token,
      body: { name: 'x', segment: 'no-such-segment', testMode: true },
    });
    expect(bad.status).toBe(400);
    await entryFor(A.token, (x) => x.action === 'program.create' && x.outcome === 400);
  });

  it('is tenant-isolated: another account sees none of it', async () => {
    const created = await api(`${app.url}/manage/v1/programs`, {
      token: A.token,
      body: { name: 'Only A', segment: 'student', testMode: true, offerType: 'staticCode', staticCode: 'AUDIT' },
    });
    expect(created.status).toBe(201);
    await entryFor(A.token, (x) => x.subject?.id === created.json.id);
    const fromB = await audit(B.token, `?subjectId=${created.json.id}`);
    expect(fromB.status).toBe(200);
    expect(fromB.json.entries).toEqual([]);
    const all = (await audit(B.token, '?limit=500')).json.entries as Entry[];
    expect(all.some((x) => x.actor.id === aTokenId)).toBe(false);
  });

  it('is for ADMIN tokens only', async () => {
    const verifier = await api(`${app.url}/manage/v1/tokens`, {
      token: A.token,
      body: { name: 'no-admin', roles: ['VERIFIER', 'REPORTER'] },
    });
    const r = await audit(verifier.json.token);
    expect(r.status).toBe(403);
    expect(r.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect((await api(`${app.url}/manage/v1/audit`)).status).toBe(401);
  });

  it('filters by action and time, and pages with a cursor through every entry once', async () => {
    for (let i = 0; i < 3; i++) {
      const made = await api(`${app.url}/manage/v1/programs`, {
        token: A.token,
        body: { name: `Paged ${i}`, segment: 'student', testMode: true, offerType: 'staticCode', staticCode: 'AUDIT' },
      });
      await entryFor(A.token, (x) => x.subject?.id === made.json.id, '?action=program.create&limit=500');
    }
    const wanted = (await audit(A.token, '?action=program.create&limit=500')).json.entries as Entry[];
    expect(wanted.length).toBeGreaterThanOrEqual(5);
    expect(wanted.every((x) => x.action === 'program.create')).toBe(true);

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { json: { entries: Entry[]; nextCursor: string | null } } = await audit(
        A.token,
        `?action=program.create&limit=2${cursor ? `&cursor=${cursor}` : ''}`,
      );
      expect(page.json.entries.length).toBeLessThanOrEqual(2);
      seen.push(...page.json.entries.map((x) => x.id));
      cursor = page.json.nextCursor;
    } while (cursor);
    expect(seen).toEqual(wanted.map((x) => x.id));

    const future = new Date(Date.now() + 3600_000).toISOString();
    expect((await audit(A.token, `?from=${encodeURIComponent(future)}`)).json.entries).toEqual([]);
    expect(
      (await audit(A.token, `?to=${encodeURIComponent(wanted[wanted.length - 1].at)}&action=program.create`)).json.entries.every(
        (x: Entry) => x.at < wanted[wanted.length - 1].at,
      ),
    ).toBe(true);
  });

  it('refuses a bad query in problem+json', async () => {
    for (const q of ['?from=yesterday', '?cursor=abc', '?limit=0', '?unknown=1']) {
      const r = await audit(A.token, q);
      expect(r.status, q).toBe(400);
      expect(r.headers.get('content-type')).toMatch(/application\/problem\+json/);
    }
  });

  it('is append-only in the store itself', async () => {
    const db = app.running.container.store.db;
    await expect(sql`update audit_log set action = 'rewritten'`.execute(db)).rejects.toThrow(/append-only/);
    await expect(sql`delete from audit_log`.execute(db)).rejects.toThrow(/append-only/);
    await expect(sql`truncate audit_log`.execute(db)).rejects.toThrow(/append-only/);
    expect(Number((await sql<{ n: number }>`select count(*)::int as n from audit_log`.execute(db)).rows[0].n)).toBeGreaterThan(0);
  });

  it('writes the entry before the answer leaves: a read of PII the store refuses to record is not served', async () => {
    const started = await api(`${app.url}/rest/v2/verification`, { token: A.token, body: { programId: A.programs.student } });
    const vid = started.json.verificationId;
    await api(started.json.submissionUrl, { body: { ...VALID_BODIES.collectStudentPersonalInfo, firstName: 'Unrecorded' } });
    const details = (userAgent: string) =>
      api(`${app.url}/rest/v2/verification/${vid}/details`, { token: A.token, headers: { 'user-agent': userAgent } });
    // The entry is in the store as soon as the answer arrives: no wait.
    const served = await details('audit-recorded/1.0');
    expect(served.status).toBe(200);
    expect(served.text).toContain('Unrecorded');
    const db = app.running.container.store.db;
    expect(
      await db
        .selectFrom('audit_log')
        .select('action')
        .where('subject_id', '=', vid)
        .where('user_agent', '=', 'audit-recorded/1.0')
        .execute(),
    ).toEqual([{ action: 'verification.read-details' }]);

    // The store refuses this client's entries (as a full disk or a lost connection would).
    await sql`create function audit_log_refuse_test() returns trigger language plpgsql as $$
      begin raise exception 'audit entry refused'; end $$`.execute(db);
    await sql`create trigger audit_log_refuse_test before insert on audit_log for each row
      when (new.user_agent = 'audit-refused/1.0') execute function audit_log_refuse_test()`.execute(db);
    try {
      const refused = await details('audit-refused/1.0');
      expect(refused.status).toBeGreaterThanOrEqual(500);
      expect(refused.text).not.toContain('Unrecorded');
    } finally {
      await sql`drop trigger audit_log_refuse_test on audit_log`.execute(db);
      await sql`drop function audit_log_refuse_test()`.execute(db);
    }
  });
});
