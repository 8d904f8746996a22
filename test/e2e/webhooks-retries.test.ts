import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RETRY_SCHEDULE_SECONDS } from '../../src/modules/webhooks/index.ts';
import { fixedClock } from '../../src/shared/clock.ts';
import { api, startTestApp, type TestApp } from '../support/app.ts';
import { until } from '../support/wait.ts';
import { freePort } from '../support/net.ts';
import { TEST_STORE } from '../support/stores.ts';
import { startReceiver, type Answer, type Receiver } from '../support/webhook-receiver.ts';

// Time is the app's clock, moved by the test: three days of retries take a moment.
// The delivery timeout is short, for the hanging endpoint's sake, but not so short that a receiver that answers
// at once misses it when the machine is busy (a 500 would be recorded as a timeout).
const TIMEOUT_MS = 3000;
const clock = fixedClock(new Date('2026-03-02T09:00:00Z'));
let app: TestApp;
const receivers: Receiver[] = [];
beforeAll(async () => {
  app = await startTestApp({ WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true', WEBHOOK_TIMEOUT_MS: String(TIMEOUT_MS) }, { clock });
});
afterAll(async () => {
  for (const r of receivers) await r.close();
  await app?.close();
});

const HOOKS = () => `${app.url}/manage/v1/webhooks`;
const wake = () => app.running.container.webhooks.dispatcher.wake();

/** An account with one endpoint at `url`, and one event for it; returns what reading its delivery needs. */
async function oneEvent(url: string) {
  const { token, programs } = await app.bootstrap();
  const ep = await api(HOOKS(), { token, body: { url, eventTypes: ['verification.created'] } });
  expect(ep.status).toBe(201);
  await api(`${app.url}/rest/v2/verification`, { body: { programId: programs.student } });
  const [event] = (await api(`${HOOKS()}/events`, { token })).json;
  const deliveryId: string = event.deliveries[0].id;
  return {
    token,
    delivery: async () => (await api(`${HOOKS()}/events/${event.id}`, { token })).json.deliveries[0],
    attempts: async () => (await api(`${HOOKS()}/deliveries/${deliveryId}/attempts`, { token })).json as any[],
  };
}
async function receiver(answer: (n: number) => Answer) {
  const r = await startReceiver((_req, n) => answer(n));
  receivers.push(r);
  return r;
}
/** Waits (waking the dispatcher) until the delivery has `n` attempts recorded, and returns its state and attempts. */
function afterAttempt(e: Awaited<ReturnType<typeof oneEvent>>, n: number) {
  return until(
    async () => {
      wake();
      return { attempts: await e.attempts(), delivery: await e.delivery() };
    },
    (x) => x.attempts.length >= n && x.delivery.attempts >= n,
  );
}
/** Moves the clock to when the delivery is due again, and lets the dispatcher look. */
function moveTo(at: number) {
  clock.set(new Date(at));
  wake();
}

describe(`webhook retries (${TEST_STORE})`, () => {
  it('retries a failing endpoint on the documented schedule for about three days, then marks the delivery dead', async () => {
    const sink = await receiver(() => ({ status: 500 }));
    const e = await oneEvent(sink.url);
    let total = 0;
    for (let n = 1; n <= RETRY_SCHEDULE_SECONDS.length; n++) {
      const { attempts, delivery } = await afterAttempt(e, n);
      expect(delivery).toMatchObject({ status: 'pending', attempts: n, lastStatusCode: 500 });
      const last = attempts.at(-1);
      expect(last).toMatchObject({ attempt: n, statusCode: 500, error: null });
      expect(delivery.nextAttemptAt - last.attemptedAt).toBe(RETRY_SCHEDULE_SECONDS[n - 1] * 1000);
      // Not a moment early: just before it is due, nothing is sent.
      moveTo(delivery.nextAttemptAt - 1000);
      await new Promise((r) => setTimeout(r, 100));
      expect(sink.received).toHaveLength(n);
      total += delivery.nextAttemptAt - last.attemptedAt;
      moveTo(delivery.nextAttemptAt);
    }
    const { attempts, delivery } = await afterAttempt(e, RETRY_SCHEDULE_SECONDS.length + 1);
    expect(delivery).toMatchObject({
      status: 'dead',
      attempts: 13,
      lastStatusCode: 500,
      nextAttemptAt: null,
      completed: attempts.at(-1).attemptedAt,
    });
    expect(total / 86_400_000).toBeGreaterThan(2.9);
    expect(total / 86_400_000).toBeLessThan(3.5);
    // Dead is final: later time brings no more attempts.
    moveTo(clock.now().getTime() + 7 * 86_400_000);
    await new Promise((r) => setTimeout(r, 200));
    expect(sink.received).toHaveLength(13);
    // Every attempt carried the same webhook-id.
    expect(new Set(sink.received.map((r) => r.headers['webhook-id'])).size).toBe(1);
  });

  it('honours Retry-After on 429 (seconds or a date), and falls back to the schedule without it', async () => {
    const answers: Answer[] = [
      { status: 429, headers: { 'retry-after': '120' } },
      { status: 429, headers: { 'retry-after': new Date(clock.now().getTime() + 120_000 + 600_000).toUTCString() } },
      { status: 429 },
      { status: 503, headers: { 'retry-after': '45' } },
      { status: 429, headers: { 'retry-after': String(10 * 86_400) } },
      { status: 200 },
    ];
    const sink = await receiver((n) => answers[n - 1]);
    const e = await oneEvent(sink.url);
    const expected = [120, 600, RETRY_SCHEDULE_SECONDS[2], 45, 86_400];
    for (let n = 1; n <= expected.length; n++) {
      const { attempts, delivery } = await afterAttempt(e, n);
      expect(delivery.status).toBe('pending');
      expect(delivery.nextAttemptAt - attempts.at(-1).attemptedAt, `after attempt ${n}`).toBe(expected[n - 1] * 1000);
      moveTo(delivery.nextAttemptAt);
    }
    const { delivery, attempts } = await afterAttempt(e, 6);
    expect(delivery).toMatchObject({ status: 'delivered', lastStatusCode: 200 });
    expect(attempts.map((a) => a.statusCode)).toEqual([429, 429, 429, 503, 429, 200]);
  });

  it('logs a timeout and a refused connection as failed attempts without a status, and retries them', async () => {
    const hanging = await receiver(() => 'hang');
    const slow = await oneEvent(hanging.url);
    const { attempts, delivery } = await afterAttempt(slow, 1);
    expect(attempts[0]).toMatchObject({ attempt: 1, statusCode: null, error: `No answer within ${TIMEOUT_MS} ms` });
    expect(attempts[0].latencyMs).toBeGreaterThanOrEqual(TIMEOUT_MS);
    expect(delivery).toMatchObject({ status: 'pending', lastStatusCode: null, lastError: `No answer within ${TIMEOUT_MS} ms` });
    expect(delivery.nextAttemptAt - attempts[0].attemptedAt).toBe(5000);

    const closed = await oneEvent(`http://127.0.0.1:${await freePort()}/nobody-home`);
    const refused = await afterAttempt(closed, 1);
    expect(refused.attempts[0]).toMatchObject({ statusCode: null, error: expect.stringMatching(/ECONNREFUSED/) });
    expect(refused.delivery.status).toBe('pending');
  });
});
