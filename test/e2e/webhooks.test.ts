import { createHmac } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, startTestApp, type TestApp } from '../support/app.ts';
import { VALID_BODIES } from '../support/bodies.ts';
import { GIF_1x1, put } from '../support/fixtures.ts';
import { TEST_STORE } from '../support/stores.ts';
import { startReceiver, type Receiver } from '../support/webhook-receiver.ts';
import { until } from '../support/wait.ts';

let app: TestApp;
let demo: Awaited<ReturnType<TestApp['bootstrap']>>;
const receivers: Receiver[] = [];
beforeAll(async () => {
  app = await startTestApp({ WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true', WEBHOOK_TIMEOUT_MS: '20000', WEBHOOK_ENDPOINT_CONCURRENCY: '4' });
  demo = await app.bootstrap();
});
afterAll(async () => {
  for (const r of receivers) await r.close();
  await app?.close();
});

const HOOKS = () => `${app.url}/manage/v1/webhooks`;
async function receiver(answer?: Parameters<typeof startReceiver>[0]) {
  const r = await startReceiver(answer);
  receivers.push(r);
  return r;
}
async function register(token: string, url: string, eventTypes: string[]) {
  const r = await api(HOOKS(), { token, body: { url, eventTypes } });
  expect(r.status).toBe(201);
  return r.json as { id: string; secret: string; url: string; eventTypes: string[]; enabled: boolean };
}
/** An eligibility flow that ends in success: two events (created, success). */
async function succeed(programId = demo.programs.student) {
  const created = await api(`${app.url}/rest/v2/verification`, { body: { programId } });
  const done = await api(created.json.submissionUrl, { body: VALID_BODIES.collectStudentPersonalInfo });
  expect(done.json.currentStep).toBe('success');
  return created.json.verificationId as string;
}
const eventsOf = (token: string, query = '') => api(`${HOOKS()}/events${query}`, { token });
const deliveryOf = async (token: string, eventId: string, endpointId: string) =>
  (await api(`${HOOKS()}/events/${eventId}`, { token })).json.deliveries.find((d: { endpointId: string }) => d.endpointId === endpointId);

describe(`webhooks (${TEST_STORE})`, () => {
  it('registers an endpoint whose secret is shown once, and refuses bad registrations in problem+json, changing nothing', async () => {
    const { token } = await app.bootstrap();
    const sink = await receiver();
    const made = await register(token, `${sink.url}/hooks`, ['verification.*', 'report.complete']);
    expect(made).toMatchObject({
      id: expect.stringMatching(/^whe_[0-9a-f]{24}$/),
      url: `${sink.url}/hooks`,
      eventTypes: ['verification.*', 'report.complete'],
      enabled: true,
      disabledReason: null,
    });
    expect(made.secret).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/);
    const listed = await api(HOOKS(), { token });
    expect(listed.json).toEqual([{ ...made, secret: undefined }].map(({ secret: _, ...rest }) => rest));
    const one = await api(`${HOOKS()}/${made.id}`, { token });
    expect(one.json.secret).toBeUndefined();
    expect(one.text).not.toContain(made.secret.slice(6));

    for (const [body, detail] of [
      [{ url: 'not a url', eventTypes: ['*'] }, /absolute URL/],
      [{ url: 'ftp://example.com/x', eventTypes: ['*'] }, /https/],
      [{ url: 'http://user:pw@example.com/x', eventTypes: ['*'] }, /credentials/],
      [{ url: sink.url, eventTypes: ['verification.nope'] }, /Unknown event type.*verification\.nope/],
      [{ url: sink.url, eventTypes: ['nothing.*'] }, /Unknown event type/],
      [{ url: sink.url, eventTypes: [] }, /eventTypes/],
      [{ url: sink.url }, /eventTypes/],
      [{ url: sink.url, eventTypes: ['*'], secret: 'mine' }, /secret|Unrecognized|unrecognized/],
    ] as const) {
      const r = await api(HOOKS(), { token, body });
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(r.headers.get('content-type')).toContain('application/problem+json');
      expect(r.json.detail).toMatch(detail);
    }
    expect((await api(HOOKS(), { token, raw: '{"url":', headers: { 'content-type': 'application/json' } })).status).toBe(400);
    expect((await api(HOOKS(), { token })).json).toHaveLength(1);

    expect((await api(HOOKS(), { body: { url: sink.url, eventTypes: ['*'] } })).status).toBe(401);
    const verifier = (await api(`${app.url}/manage/v1/tokens`, { token, body: { name: 'verifier', roles: ['VERIFIER'] } })).json.token;
    const forbidden = await api(HOOKS(), { token: verifier, body: { url: sink.url, eventTypes: ['*'] } });
    expect(forbidden.status).toBe(403);
    expect((await api(HOOKS(), { token: verifier })).status).toBe(403);
    expect((await api(HOOKS(), { token })).json).toHaveLength(1);

    // Another account sees none of it.
    const other = await app.bootstrap();
    expect((await api(HOOKS(), { token: other.token })).json).toEqual([]);
    expect((await api(`${HOOKS()}/${made.id}`, { token: other.token })).status).toBe(404);
    expect((await api(`${HOOKS()}/${made.id}`, { token: other.token, method: 'DELETE' })).status).toBe(404);
    expect((await api(`${HOOKS()}/${made.id}`, { token })).status).toBe(200);
  });

  it('describes its routes in the OpenAPI document', async () => {
    const doc = await api(`${app.url}/openapi.json`);
    expect(
      Object.keys(doc.json.paths)
        .filter((p) => p.startsWith('/manage/v1/webhooks'))
        .sort(),
    ).toEqual([
      '/manage/v1/webhooks',
      '/manage/v1/webhooks/deliveries/{deliveryId}/attempts',
      '/manage/v1/webhooks/events',
      '/manage/v1/webhooks/events/{eventId}',
      '/manage/v1/webhooks/events/{eventId}/replay',
      '/manage/v1/webhooks/{endpointId}',
      '/manage/v1/webhooks/{endpointId}/deliveries',
    ]);
  });

  it('delivers each event signed the Standard Webhooks way, in order per subject, with its attempts readable', async () => {
    const { token, programs } = await app.bootstrap();
    const sink = await receiver();
    const ep = await register(token, `${sink.url}/all`, ['verification.*']);
    const onlySuccess = await receiver();
    const ep2 = await register(token, `${onlySuccess.url}/success`, ['verification.success']);

    const id = await succeed(programs.student);
    await sink.until(() => sink.received.length >= 2);
    await onlySuccess.until(() => onlySuccess.received.length >= 1);

    const wh = new Webhook(ep.secret);
    const bodies = sink.received.map((r) => wh.verify(r.body, r.headers) as Record<string, unknown>);
    const byType = Object.fromEntries(bodies.map((b) => [b.type, b]));
    expect(byType['verification.created']).toMatchObject({
      verificationId: id,
      currentStep: 'collectStudentPersonalInfo',
      subjectId: id,
      sequence: 1,
      segment: 'student',
    });
    expect(byType['verification.success']).toMatchObject({
      verificationId: id,
      notifierEventType: 'SUCCESS',
      currentStep: 'success',
      errorIds: [],
      subjectId: id,
      sequence: 2,
      programId: programs.student,
    });
    for (const r of sink.received) {
      expect(r.headers['content-type']).toBe('application/json');
      expect(r.headers['webhook-id']).toMatch(/^evt_[0-9a-f]{24}$/);
      // No PII in any payload: the person's data stays behind the API.
      expect(r.body).not.toMatch(/Randy|Random|randy@example\.com|2001-02-03/);
    }
    // The signature covers the exact bytes: one changed byte, another secret or an old timestamp fail.
    const first = sink.received[0];
    expect(() => wh.verify(first.body.replace('"sequence":', '"sequence": '), first.headers)).toThrow();
    expect(() => new Webhook(ep2.secret).verify(first.body, first.headers)).toThrow();
    expect(() =>
      wh.verify(first.body, { ...first.headers, 'webhook-timestamp': String(Number(first.headers['webhook-timestamp']) - 3600) }),
    ).toThrow();

    expect(onlySuccess.received).toHaveLength(1);
    expect(new Webhook(ep2.secret).verify(onlySuccess.received[0].body, onlySuccess.received[0].headers)).toMatchObject({
      type: 'verification.success',
      verificationId: id,
    });

    const events = await until(
      () => eventsOf(token, `?subjectId=${id}`),
      (r) => r.json.every((e: any) => e.deliveries.every((d: any) => d.status === 'delivered')),
    );
    expect(events.status).toBe(200);
    expect(events.json.map((e: any) => [e.type, e.sequence])).toEqual([
      ['verification.success', 2],
      ['verification.created', 1],
    ]);
    const success = events.json[0];
    expect(success.payload).toEqual(JSON.parse(onlySuccess.received[0].body));
    expect(success.deliveries.map((d: any) => d.endpointId).sort()).toEqual([ep.id, ep2.id].sort());
    const d = success.deliveries.find((x: any) => x.endpointId === ep.id);
    expect(d).toMatchObject({ status: 'delivered', attempts: 1, lastStatusCode: 204, lastError: null, nextAttemptAt: null });
    const attempts = await api(`${HOOKS()}/deliveries/${d.id}/attempts`, { token });
    expect(attempts.json).toEqual([
      { attempt: 1, statusCode: 204, latencyMs: expect.any(Number), error: null, attemptedAt: expect.any(Number) },
    ]);
    const sent = sink.received.find((r) => r.json.type === 'verification.success')!;
    expect(sent.headers['webhook-id']).toBe(success.id);

    // Outcomes are counted for Prometheus.
    const metrics = await fetch(`${app.url}/metrics`).then((r) => r.text());
    expect(metrics).toMatch(/^vouch_webhook_deliveries_total\{outcome="delivered"\} [1-9]\d*$/m);

    // The endpoint's deliveries, filtered, and paging back through events.
    const delivered = await api(`${HOOKS()}/${ep.id}/deliveries?status=delivered`, { token });
    expect(delivered.json).toHaveLength(2);
    const older = await eventsOf(token, `?limit=1&before=${success.id}`);
    expect(older.json.map((e: any) => e.id)).toEqual([events.json[1].id]);
    expect((await eventsOf(token, '?limit=0')).status).toBe(400);
    expect((await eventsOf(token, '?limit=abc')).status).toBe(400);
    expect((await eventsOf(token, '?colour=red')).status).toBe(400);
    expect((await eventsOf(token, `?before=evt_${'0'.repeat(24)}`)).status).toBe(404);

    // Attempts and events of another account are not found.
    const other = await app.bootstrap();
    expect((await api(`${HOOKS()}/deliveries/${d.id}/attempts`, { token: other.token })).status).toBe(404);
    expect((await api(`${HOOKS()}/events/${success.id}`, { token: other.token })).status).toBe(404);
    expect((await eventsOf(other.token)).json).toEqual([]);
  });

  it('tells each step of a document review: docUpload, pending, a rejection back to docUpload, and the final error', async () => {
    const { token } = await app.bootstrap();
    const sink = await receiver();
    const ep = await register(token, sink.url, ['verification.*']);
    const program = await api(`${app.url}/manage/v1/programs`, {
      token,
      body: {
        name: 'Live docs',
        segment: 'student',
        testMode: false,
        staticCode: 'OK',
        maxDocUploadAttempts: 2,
        openOrgSearchEnabled: true,
      },
    });
    const created = await api(`${app.url}/rest/v2/verification`, { body: { programId: program.json.id } });
    const id = created.json.verificationId;
    // An organization typed by the person (id 0) that no data source can confirm: documents are needed.
    let v = (
      await api(created.json.submissionUrl, {
        body: { ...VALID_BODIES.collectStudentPersonalInfo, organization: { id: 0, name: 'Night School' } },
      })
    ).json;
    expect(v.currentStep).toBe('docUpload');
    for (let attempt = 1; attempt <= 2; attempt++) {
      const declared = (await api(v.submissionUrl, { body: [{ fileName: 'id.gif', mimeType: 'image/gif', fileSize: GIF_1x1.length }] }))
        .json;
      expect(
        (await put(declared.documents[0].uploadUrl, GIF_1x1, { 'content-type': 'image/gif', 'content-length': String(GIF_1x1.length) }))
          .status,
      ).toBe(200);
      expect((await api(declared.submissionUrl, { method: 'POST' })).json.currentStep).toBe('pending');
      v = (
        await api(`${app.url}/rest/v2/review/${id}/decision`, {
          token,
          body: { decision: 'REJECT', rejectionReasons: ['DOCUMENT_EXPIRED'] },
        })
      ).json;
    }
    expect(v.currentStep).toBe('error');
    await sink.until(() => sink.received.length >= 6);
    const wh = new Webhook(ep.secret);
    const told = sink.received.map((r) => wh.verify(r.body, r.headers) as any).sort((a, b) => a.sequence - b.sequence);
    expect(told.map((b) => [b.sequence, b.type, b.notifierEventType])).toEqual([
      [1, 'verification.created', undefined],
      [2, 'verification.docUpload', undefined],
      [3, 'verification.pending', undefined],
      [4, 'verification.docUpload', 'DOCUMENT_REJECTED'],
      [5, 'verification.pending', undefined],
      [6, 'verification.error', 'ERROR'],
    ]);
    expect(told.every((b) => b.verificationId === id && b.subjectId === id)).toBe(true);
    expect(told[5].errorIds).toEqual(['docReviewLimitExceeded']);
  });

  it('records nothing for an account without endpoints, and stops sending to a deleted endpoint', async () => {
    const { token, programs } = await app.bootstrap();
    await succeed(programs.student);
    expect((await eventsOf(token)).json).toEqual([]);

    const sink = await receiver();
    const ep = await register(token, sink.url, ['verification.created']);
    expect((await api(`${HOOKS()}/${ep.id}`, { token, method: 'DELETE' })).status).toBe(204);
    expect((await api(`${HOOKS()}/${ep.id}`, { token, method: 'DELETE' })).status).toBe(404);
    expect((await api(`${HOOKS()}/${ep.id}`, { token })).status).toBe(404);
    expect((await api(HOOKS(), { token })).json).toEqual([]);
    await succeed(programs.student);
    expect((await eventsOf(token)).json).toEqual([]);
    expect(sink.received).toHaveLength(0);
  });

  it('retries a failing endpoint after the first backoff step, logging each attempt', async () => {
    const { token, programs } = await app.bootstrap();
    const sink = await receiver((_r, n) => ({ status: n === 1 ? 500 : 200 }));
    const ep = await register(token, sink.url, ['verification.created']);
    const created = await api(`${app.url}/rest/v2/verification`, { body: { programId: programs.student } });
    await sink.until(() => sink.received.length >= 1);
    const [event] = (
      await until(
        () => eventsOf(token),
        (r) => r.json[0]?.deliveries[0]?.attempts === 1,
      )
    ).json;
    expect(event.payload.verificationId).toBe(created.json.verificationId);
    const pending = event.deliveries[0];
    expect(pending).toMatchObject({ endpointId: ep.id, status: 'pending', attempts: 1, lastStatusCode: 500 });
    const [first] = (await api(`${HOOKS()}/deliveries/${pending.id}/attempts`, { token })).json;
    expect(first).toMatchObject({ attempt: 1, statusCode: 500 });
    // The first retry comes 5 seconds after the failed attempt.
    expect(pending.nextAttemptAt - first.attemptedAt).toBe(5000);

    await sink.until(() => sink.received.length >= 2, 30_000);
    const done = await until(
      () => deliveryOf(token, event.id, ep.id),
      (d) => d.status === 'delivered',
    );
    expect(done).toMatchObject({ attempts: 2, lastStatusCode: 200 });
    const attempts = (await api(`${HOOKS()}/deliveries/${done.id}/attempts`, { token })).json;
    expect(attempts.map((a: any) => a.statusCode)).toEqual([500, 200]);
    expect(sink.received[0].headers['webhook-id']).toBe(sink.received[1].headers['webhook-id']);
  });

  it('never lets a hanging endpoint delay another one', async () => {
    const { token, programs } = await app.bootstrap();
    const slow = await receiver(() => 'hang');
    const fast = await receiver();
    await register(token, slow.url, ['verification.*']);
    await register(token, fast.url, ['verification.*']);
    // Ten flows: twenty events each, more than the slow endpoint's four slots can hold.
    for (let i = 0; i < 10; i++) await succeed(programs.student);
    await fast.until(() => fast.received.length >= 20);
    // Every event reached the fast endpoint while the slow one still held its requests unanswered.
    expect(slow.hanging).toBeGreaterThan(0);
    expect(slow.hanging).toBeLessThanOrEqual(4);
    expect(new Set(fast.received.map((r) => r.headers['webhook-id'])).size).toBe(20);

    slow.answerWith(() => ({ status: 204 }));
    slow.release(204);
    await slow.until(() => new Set(slow.received.map((r) => r.headers['webhook-id'])).size >= 20, 30_000);
  });

  it('disables an endpoint that answers 410 and marks the delivery dead; it can be enabled again', async () => {
    const { token, programs } = await app.bootstrap();
    const sink = await receiver(() => ({ status: 410 }));
    const ep = await register(token, sink.url, ['verification.created']);
    await api(`${app.url}/rest/v2/verification`, { body: { programId: programs.student } });
    const disabled = await until(
      () => api(`${HOOKS()}/${ep.id}`, { token }),
      (r) => r.json.enabled === false,
    );
    expect(disabled.json).toMatchObject({ enabled: false, disabledReason: 'gone' });
    const [event] = (await eventsOf(token)).json;
    const dead = await until(
      () => deliveryOf(token, event.id, ep.id),
      (d) => d.status === 'dead',
    );
    expect(dead).toMatchObject({ attempts: 1, lastStatusCode: 410, nextAttemptAt: null });
    expect((await api(`${HOOKS()}/deliveries/${dead.id}/attempts`, { token })).json[0]).toMatchObject({
      statusCode: 410,
      error: expect.stringMatching(/410/),
    });

    // While disabled, new events are not even recorded for it.
    await api(`${app.url}/rest/v2/verification`, { body: { programId: programs.student } });
    expect((await eventsOf(token)).json).toHaveLength(1);
    expect(sink.received).toHaveLength(1);

    sink.answerWith(() => ({ status: 204 }));
    const enabled = await api(`${HOOKS()}/${ep.id}`, { token, method: 'PATCH', body: { enabled: true } });
    expect(enabled.json).toMatchObject({ enabled: true, disabledReason: null });
    expect((await api(`${HOOKS()}/${ep.id}`, { token, method: 'PATCH', body: { enabled: 'yes' } })).status).toBe(400);
    expect((await api(`${HOOKS()}/${ep.id}`, { token, method: 'PATCH', body: { eventTypes: ['bogus'] } })).status).toBe(400);
    await api(`${app.url}/rest/v2/verification`, { body: { programId: programs.student } });
    await sink.until(() => sink.received.length >= 2);
    expect(sink.received[1].json.type).toBe('verification.created');
  });

  it('replays any event with its original id and body, as a new delivery', async () => {
    const { token, programs } = await app.bootstrap();
    const sink = await receiver();
    const ep = await register(token, sink.url, ['verification.success']);
    await succeed(programs.student);
    await sink.until(() => sink.received.length >= 1);
    const [event] = (await eventsOf(token)).json;

    const replay = await api(`${HOOKS()}/events/${event.id}/replay`, { token, method: 'POST' });
    expect(replay.status, replay.text).toBe(202);
    expect(replay.json.deliveries).toEqual([
      { id: expect.stringMatching(/^[0-9a-f]{24}$/), eventId: event.id, endpointId: ep.id, status: 'pending' },
    ]);
    await sink.until(() => sink.received.length >= 2);
    expect(sink.received[1].body).toBe(sink.received[0].body);
    expect(sink.received[1].headers['webhook-id']).toBe(event.id);
    new Webhook(ep.secret).verify(sink.received[1].body, sink.received[1].headers);
    const after = await until(
      () => api(`${HOOKS()}/events/${event.id}`, { token }),
      (r) => r.json.deliveries.every((d: any) => d.status === 'delivered'),
    );
    expect(after.json.deliveries).toHaveLength(2);

    // Replay to one named endpoint, and the errors.
    const toOne = await api(`${HOOKS()}/events/${event.id}/replay`, { token, body: { endpointId: ep.id } });
    expect(toOne.status).toBe(202);
    expect((await api(`${HOOKS()}/events/evt_${'0'.repeat(24)}/replay`, { token, method: 'POST' })).status).toBe(404);
    expect((await api(`${HOOKS()}/events/${event.id}/replay`, { token, body: { endpointId: 'whe_nope' } })).status).toBe(404);
    expect((await api(`${HOOKS()}/events/${event.id}/replay`, { token, body: { endpoint: ep.id } })).status).toBe(400);
    const other = await app.bootstrap();
    expect((await api(`${HOOKS()}/events/${event.id}/replay`, { token: other.token, method: 'POST' })).status).toBe(404);
    await api(`${HOOKS()}/${ep.id}`, { token, method: 'PATCH', body: { enabled: false } });
    const none = await api(`${HOOKS()}/events/${event.id}/replay`, { token, method: 'POST' });
    expect(none.status).toBe(409);
    expect(none.headers.get('content-type')).toContain('application/problem+json');
  });

  it('tells re-verification, batch completion and report completion', async () => {
    const { token, programs } = await app.bootstrap();
    const sink = await receiver();
    const ep = await register(token, sink.url, [
      'verification.reverified',
      'reverification.complete',
      'report.complete',
      'verification.success',
    ]);
    const ids = [await succeed(programs.student), await succeed(programs.student)];
    const batch = await api(`${app.url}/rest/v2/verification/reverify`, {
      token,
      body: { programId: programs.student, verificationIds: ids },
    });
    expect(batch.status).toBe(200);
    const count = (type: string) => sink.received.filter((r) => r.json.type === type).length;
    await sink.until(
      () => count('verification.success') === 2 && count('verification.reverified') === 2 && count('reverification.complete') === 1,
    );
    const report = await api(`${app.url}/rest/v2/report/reverify/${batch.json.batchId}`, { token, method: 'POST' });
    await sink.until(() => sink.received.some((r) => r.json.type === 'report.complete'));

    const wh = new Webhook(ep.secret);
    const got = sink.received.map((r) => wh.verify(r.body, r.headers) as any);
    const reverified = got.filter((b) => b.type === 'verification.reverified');
    expect(reverified.map((b) => b.reverifyOf).sort()).toEqual([...ids].sort());
    for (const b of reverified) {
      expect(b).toMatchObject({
        batchId: batch.json.batchId,
        subjectId: b.reverifyOf,
        outcome: expect.any(String),
        programId: programs.student,
      });
      // It follows the original's success in that subject's sequence.
      const success = got.find((x) => x.type === 'verification.success' && x.verificationId === b.reverifyOf);
      expect(b.sequence).toBeGreaterThan(success.sequence);
      expect(b.verificationId).not.toBe(b.reverifyOf);
    }
    expect(got.find((b) => b.type === 'reverification.complete')).toMatchObject({
      batchId: batch.json.batchId,
      programId: programs.student,
      status: 'COMPLETE',
      totalRecords: 2,
      subjectId: batch.json.batchId,
      sequence: 1,
      statusUrl: batch.json.statusUrl,
    });
    expect(got.find((b) => b.type === 'report.complete')).toMatchObject({
      reportId: report.json.id,
      kind: 'reverify',
      batchId: batch.json.batchId,
      status: 'COMPLETE',
      statusUrl: report.json.statusUrl,
      sequence: 1,
    });
  });

  it("tells client-request file and client events in Treefort's payload shape", async () => {
    const { token } = await app.bootstrap();
    const sink = await receiver();
    const ep = await register(token, sink.url, ['file.event', 'client.event']);
    const ref = `MATTER-${Date.now()}`;
    const created = await api(`${app.url}/api/client/create-verification-request`, {
      token,
      body: {
        requesterReferenceId: ref,
        sendLink: false,
        clients: [
          {
            firstName: 'Ann',
            lastName: 'Doe',
            email: 'ann@example.com',
            phoneNumber: '+1 604 555 0100',
            requesterClientRequestId: 'mine-1',
          },
        ],
      },
    });
    expect(created.status).toBe(200);
    const file = created.json.data;
    const request = file.requests[0];
    const cancelled = await api(`${app.url}/api/client/cancel-verification`, { token, body: { clientRequestId: request.clientRequestId } });
    expect(cancelled.status).toBe(200);
    // Deliveries run in parallel, so they may arrive in any order.
    await sink.until(() => [101, 201, 205, 202].every((id) => sink.received.some((r) => r.json.eventId === id)));

    const wh = new Webhook(ep.secret);
    const got = sink.received.map((r) => wh.verify(r.body, r.headers) as any);
    expect(got.find((b) => b.eventId === 101)).toMatchObject({
      type: 'file.event',
      fileReferenceId: file.fileReferenceId,
      clientRequestId: null,
      requesterReferenceId: ref,
      event: 'Case File has been created',
      subjectId: file.fileReferenceId,
      sequence: 1,
    });
    const clientEvents = got.filter((b) => b.type === 'client.event').sort((a, b) => a.sequence - b.sequence);
    // Without mail, the link is issued (205) as the request is sent (201); the cancellation (202) comes last.
    expect(clientEvents.map((b) => b.eventId).sort()).toEqual([201, 202, 205]);
    for (const b of clientEvents) {
      expect(b).toMatchObject({
        fileReferenceId: null,
        clientRequestId: request.clientRequestId,
        requesterReferenceId: ref,
        requesterClientRequestId: 'mine-1',
        subjectId: request.clientRequestId,
      });
      expect(Object.keys(b).slice(0, 6)).toEqual([
        'fileReferenceId',
        'clientRequestId',
        'requesterReferenceId',
        'requesterClientRequestId',
        'eventId',
        'event',
      ]);
    }
    expect(clientEvents.at(-1)).toMatchObject({ eventId: 202 });
    expect(clientEvents.map((b) => b.sequence)).toEqual(clientEvents.map((_, i) => i + 1));
  });
});

describe(`SheerID's program webhook, POST and DELETE /rest/v2/program/{programId}/webhook (${TEST_STORE})`, () => {
  const webhookOf = (programId: string) => `${app.url}/rest/v2/program/${programId}/webhook`;
  const hmacHex = (secret: string, body: string) => createHmac('sha256', secret).update(body).digest('hex');

  it('tells the callback of each success of its program with {"verificationId"}, signed X-Sheerid-Signature over the raw body', async () => {
    const { token, programs } = await app.bootstrap();
    const sink = await receiver();
    const all = await receiver();
    const account = await register(token, `${all.url}/all`, ['*']);

    const made = await api(webhookOf(programs.student), { token, body: { callbackUri: `${sink.url}/sheerid` } });
    expect(made.status).toBe(200);
    expect(made.json).toEqual({ signingSecret: expect.stringMatching(/^[0-9a-f]{64}$/) });
    const secret = made.json.signingSecret as string;

    // A step that is not a success is not told; a success of another program is not told either.
    const upload = await api(`${app.url}/rest/v2/verification`, { body: { programId: programs.student } });
    const docUpload = await api(upload.json.submissionUrl, { body: { ...VALID_BODIES.collectStudentPersonalInfo, firstName: 'UPLOAD' } });
    expect(docUpload.json.currentStep).toBe('docUpload');
    const teacher = await api(`${app.url}/rest/v2/verification`, { body: { programId: programs.teacher } });
    expect((await api(teacher.json.submissionUrl, { body: VALID_BODIES.collectTeacherPersonalInfo })).json.currentStep).toBe('success');
    const id = await succeed(programs.student);

    await sink.until(() => sink.received.length >= 1);
    const got = sink.received[0];
    expect(got.path).toBe('/sheerid');
    expect(got.body).toBe(`{"verificationId":"${id}"}`);
    expect(got.headers['content-type']).toBe('application/json');
    expect(got.headers['x-sheerid-signature']).toBe(hmacHex(secret, got.body));
    expect(got.headers['x-sheerid-signature']).not.toBe(hmacHex(secret, `${got.body} `));
    expect(got.headers['webhook-id']).toMatch(/^evt_[0-9a-f]{24}$/);
    expect(got.headers['webhook-signature']).toBeUndefined();

    // With the id, the integrator reads the rest with its token.
    const details = await api(`${app.url}/rest/v2/verification/${got.json.verificationId}/details`, { token });
    expect(details.status).toBe(200);
    expect(details.json).toMatchObject({ programId: programs.student, lastResponse: { verificationId: id, currentStep: 'success' } });

    // The account's own endpoint still gets its events, and never the program webhook's.
    await all.until(() => all.received.some((r) => r.json.type === 'verification.success' && r.json.verificationId === id));
    expect(all.received.map((r) => r.json.type)).not.toContain('program.webhook');
    expect(new Webhook(account.secret).verify(all.received.at(-1)!.body, all.received.at(-1)!.headers)).toHaveProperty('type');
    await new Promise((r) => setTimeout(r, 300));
    expect(sink.received).toHaveLength(1);

    // The delivery log shows it like any endpoint's, with the program it is bound to.
    const listed = (await api(HOOKS(), { token })).json as { id: string; programId?: string; eventTypes: string[] }[];
    const hook = listed.find((e) => e.programId === programs.student)!;
    expect(hook).toMatchObject({ url: `${sink.url}/sheerid`, eventTypes: [], enabled: true, id: expect.stringMatching(/^whp_/) });
    expect(listed.find((e) => e.id === account.id)?.programId).toBeUndefined();
    const delivered = await until(
      () => api(`${HOOKS()}/${hook.id}/deliveries`, { token }),
      (r) => r.json.length === 1 && r.json[0].status === 'delivered',
    );
    const event = (await api(`${HOOKS()}/events/${delivered.json[0].eventId}`, { token })).json;
    expect(event).toMatchObject({ type: 'program.webhook', subjectId: id, payload: { verificationId: id } });

    // A replay sends the same bytes, signed the same way; it goes to no other kind of endpoint.
    expect((await api(`${HOOKS()}/events/${event.id}/replay`, { token, body: { endpointId: account.id } })).status).toBe(400);
    expect((await api(`${HOOKS()}/events/${event.id}/replay`, { token, body: {} })).status).toBe(202);
    await sink.until(() => sink.received.length >= 2);
    expect(sink.received[1].body).toBe(got.body);
    expect(sink.received[1].headers['x-sheerid-signature']).toBe(got.headers['x-sheerid-signature']);
    // What it is told is not a subscription.
    const patched = await api(`${HOOKS()}/${hook.id}`, { token, method: 'PATCH', body: { eventTypes: ['*'] } });
    expect(patched.status).toBe(400);
    expect(patched.json.detail).toMatch(/program webhook/);
    expect((await api(`${HOOKS()}/${hook.id}`, { token })).json.eventTypes).toEqual([]);
  });

  it('keeps one webhook per program (409 while one exists), deletes it, and takes a secret the receiver already has', async () => {
    const { token, programs } = await app.bootstrap();
    const first = await receiver();
    const second = await receiver();
    expect((await api(webhookOf(programs.student), { token, body: { callbackUri: first.url } })).status).toBe(200);

    const again = await api(webhookOf(programs.student), { token, body: { callbackUri: second.url } });
    expect(again.status).toBe(409);
    expect(again.json).toMatchObject({
      currentStep: 'error',
      errorIds: ['conflict'],
      systemErrorMessage: expect.stringMatching(/already exists/),
    });

    // Deleted, it is told nothing more; SheerID's tutorial sends the callbackUri with the DELETE too.
    const deleted = await api(webhookOf(programs.student), { token, method: 'DELETE', body: { callbackUri: first.url } });
    expect(deleted.status).toBe(200);
    expect(deleted.json).toEqual({});
    expect((await api(webhookOf(programs.student), { token, method: 'DELETE' })).json).toEqual({});

    const mine = 'a-secret-handed-over-before!';
    const replaced = await api(webhookOf(programs.student), { token, body: { callbackUri: second.url, signingSecret: mine } });
    expect(replaced.status).toBe(200);
    expect(replaced.json).toEqual({ signingSecret: mine });
    const id = await succeed(programs.student);
    await second.until(() => second.received.length >= 1);
    expect(second.received[0].headers['x-sheerid-signature']).toBe(hmacHex(mine, `{"verificationId":"${id}"}`));
    await new Promise((r) => setTimeout(r, 300));
    expect(first.received).toHaveLength(0);
    const hooks = (await api(HOOKS(), { token })).json as { programId?: string; url: string }[];
    expect(hooks.filter((h) => h.programId === programs.student).map((h) => h.url)).toEqual([`${second.url}/`]);
  });

  it('refuses bad registrations in SheerID’s error shape, changing nothing, and answers another account’s program as unknown', async () => {
    const { token, programs } = await app.bootstrap();
    const sink = await receiver();
    const url = webhookOf(programs.student);
    for (const [body, message] of [
      [{}, /callbackUri/],
      [{ callbackUri: '' }, /callbackUri/],
      [{ callbackUri: 42 }, /callbackUri/],
      [{ callbackUri: `https://example.com/${'x'.repeat(2000)}` }, /callbackUri/],
      [{ callbackUri: 'not a url' }, /absolute URL/],
      [{ callbackUri: 'ftp://example.com/x' }, /https/],
      [{ callbackUri: 'http://user:pw@example.com/x' }, /credentials/],
      [{ callbackUri: sink.url, signingSecret: 'short' }, /signingSecret/],
      [{ callbackUri: sink.url, signingSecret: 'sixteen or more but with spaces' }, /signingSecret/],
      [{ callbackUri: sink.url, eventTypes: ['*'] }, /Unexpected property 'eventTypes', expected one of: callbackUri, signingSecret/],
      [[sink.url], /JSON object/],
    ] as const) {
      const r = await api(url, { token, body });
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(r.json, JSON.stringify(body)).toMatchObject({ currentStep: 'error', errorIds: [expect.any(String)] });
      expect(r.json.systemErrorMessage, JSON.stringify(body)).toMatch(message);
    }
    // The secret is answered once: a copy is never kept under an Idempotency-Key.
    const keyed = await api(url, { token, body: { callbackUri: sink.url }, headers: { 'idempotency-key': 'k-1' } });
    expect(keyed.status).toBe(400);

    for (const programId of ['nope', '0'.repeat(24)]) {
      for (const method of ['POST', 'DELETE']) {
        const r = await api(webhookOf(programId), { token, method, body: method === 'POST' ? { callbackUri: sink.url } : undefined });
        expect(r.status, `${method} ${programId}`).toBe(404);
        expect(r.json).toMatchObject({ errorIds: ['noProgram'], systemErrorMessage: `Program with ID '${programId}' not found` });
      }
    }
    expect((await api(url, { body: { callbackUri: sink.url } })).status).toBe(401);
    const verifier = (await api(`${app.url}/manage/v1/tokens`, { token, body: { name: 'verifier', roles: ['VERIFIER'] } })).json.token;
    const forbidden = await api(url, { token: verifier, body: { callbackUri: sink.url } });
    expect(forbidden.status).toBe(403);
    expect(forbidden.json).toMatchObject({ currentStep: 'error', errorIds: ['unauthorizedRequest'] });
    expect((await api(url, { token: verifier, method: 'DELETE' })).status).toBe(403);
    expect((await api(HOOKS(), { token })).json).toEqual([]);

    // Another account: A's program is unknown to B, whose calls change nothing of A's.
    expect((await api(url, { token, body: { callbackUri: sink.url } })).status).toBe(200);
    const other = await app.bootstrap();
    for (const method of ['POST', 'DELETE']) {
      const r = await api(url, { token: other.token, method, body: method === 'POST' ? { callbackUri: sink.url } : undefined });
      expect(r.status, method).toBe(404);
      expect(r.json).toMatchObject({ errorIds: ['noProgram'] });
    }
    expect((await api(HOOKS(), { token: other.token })).json).toEqual([]);
    const id = await succeed(programs.student);
    await sink.until(() => sink.received.some((r) => r.json.verificationId === id));
  });
});
