import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, startTestApp, type TestApp } from '../support/app.ts';
import { until } from '../support/wait.ts';
import { TEST_STORE } from '../support/stores.ts';
import { startReceiver, type Receiver } from '../support/webhook-receiver.ts';

// The guard as shipped: WEBHOOK_ALLOW_PRIVATE_TARGETS is not set.
let app: TestApp;
let sink: Receiver;
beforeAll(async () => {
  app = await startTestApp();
  sink = await startReceiver();
});
afterAll(async () => {
  await sink?.close();
  await app?.close();
});
const HOOKS = () => `${app.url}/manage/v1/webhooks`;

describe(`webhook SSRF guard (${TEST_STORE})`, () => {
  it('refuses loopback, private, link-local and reserved targets at registration, in IPv4 and IPv6 forms', async () => {
    const { token } = await app.bootstrap();
    for (const host of [
      '127.0.0.1',
      '127.1.2.3',
      'localhost',
      '10.0.0.8',
      '172.16.5.4',
      '192.168.1.1',
      '169.254.169.254',
      '100.64.0.1',
      '0.0.0.0',
      '[::1]',
      '[::]',
      '[fe80::1]',
      '[fd12:3456::1]',
      '[::ffff:127.0.0.1]',
      '[::ffff:a9fe:a9fe]',
      '[64:ff9b::a00:1]',
      '[2002:c0a8:101::1]',
      '224.0.0.1',
      '[ff02::1]',
      '2130706433',
      '0x7f.1',
      // IPv4-translated (RFC 2765), judged by the embedded address; local-use NAT64 (RFC 8215), refused whole.
      '[::ffff:0:127.0.0.1]',
      '[::ffff:0:a00:5]',
      '[::ffff:0:169.254.169.254]',
      '[64:ff9b:1::a00:5]',
      '[64:ff9b:1:a00:0:500::]',
      '[64:ff9b:1::808:808]',
    ]) {
      const r = await api(HOOKS(), { token, body: { url: `http://${host}:8080/hook`, eventTypes: ['*'] } });
      expect(r.status, host).toBe(400);
      expect(r.json.title, host).toBe('webhookTargetNotAllowed');
      expect(r.headers.get('content-type')).toContain('application/problem+json');
      // The reason only: not what a name (localhost) resolved to.
      expect(r.json.detail, host).toBe('Refused: the target is not a public address');
    }
    expect((await api(HOOKS(), { token })).json).toEqual([]);
    // Public addresses are accepted (registration does not call them).
    for (const host of ['93.184.215.14', '[2606:4700:4700::1111]', '[::ffff:8.8.8.8]', '[::ffff:0:8.8.8.8]', '[64:ff9b::808:808]']) {
      const r = await api(HOOKS(), { token, body: { url: `https://${host}/hook`, eventTypes: ['*'] } });
      expect(r.status, host).toBe(201);
    }
  });

  it('applies the guard again at delivery: a target that turned private gets nothing, and the attempt says why', async () => {
    const port = new URL(sink.url).port;
    // An IP literal is judged before connecting; a name, by the socket's own lookup of the address it connects to.
    for (const target of [`${sink.url}/hook`, `http://localhost:${port}/hook`]) {
      const { token, programs } = await app.bootstrap();
      const ep = await api(HOOKS(), { token, body: { url: 'http://93.184.215.14/hook', eventTypes: ['verification.created'] } });
      expect(ep.status).toBe(201);
      // As if its name now resolved to a loopback address: point the stored endpoint at the local receiver.
      await app.running.container.store.db.updateTable('webhook_endpoints').set({ url: target }).where('id', '=', ep.json.id).execute();
      await api(`${app.url}/rest/v2/verification`, { body: { programId: programs.student } });
      const attempts: any[] = await until(
        async () => {
          const [event] = (await api(`${HOOKS()}/events`, { token })).json;
          const deliveryId = event?.deliveries[0]?.id;
          return deliveryId ? (await api(`${HOOKS()}/deliveries/${deliveryId}/attempts`, { token })).json : [];
        },
        (a) => a.length > 0,
      );
      // The reason, and not what the name resolved to.
      expect(attempts[0]).toMatchObject({ attempt: 1, statusCode: null, error: 'Refused: the target is not a public address' });
      expect(sink.received).toHaveLength(0);
    }
  });
});
