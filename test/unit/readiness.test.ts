import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { createMetrics } from '../../src/platform/http/metrics.ts';
import { registerOperationsRoutes } from '../../src/platform/http/operations.ts';

describe('/ready', () => {
  it('runs one round of checks for any number of probes arriving together, and names the check that fails', async () => {
    const app = Fastify({ logger: false });
    let rounds = 0;
    let release!: () => void;
    const gate = new Promise<void>((r) => {
      release = r;
    });
    registerOperationsRoutes(app, {
      readiness: {
        store: async () => {
          rounds++;
          await gate;
        },
        blobs: async () => {
          await gate;
          throw new Error('EROFS: read-only file system');
        },
      },
      metrics: createMetrics(),
      metricsToken: undefined,
    });
    const answers = Array.from({ length: 50 }, () => app.inject({ method: 'GET', url: '/ready' }));
    // Every probe has been received before the first round can end.
    await new Promise((r) => setImmediate(r));
    release();
    for (const a of await Promise.all(answers)) {
      expect(a.statusCode).toBe(503);
      expect(a.json()).toEqual({ status: 'unavailable', checks: { store: 'ok', blobs: 'unavailable' } });
    }
    expect(rounds).toBe(1);
    await app.close();
  });
});
