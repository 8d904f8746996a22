import { describe, expect, it } from 'vitest';
import { api, useTestApp } from '../support/app.ts';
import { TEST_STORE } from '../support/stores.ts';

// The client-request bodies parsed at the route: refusals in the envelope with the dialect's sentences,
// nothing changed, and the schemas in the OpenAPI document.
const t = useTestApp();
const post = (path: string, body: unknown, raw?: string) =>
  api(`${t.app.url}${path}`, {
    token: t.demo.token,
    ...(raw === undefined ? { body } : { raw, headers: { 'content-type': 'application/json' } }),
  });

const refused = (errors: string[]) => ({ statusCode: 400, message: 'Bad Request', data: null, errors });

describe(`client-request bodies (${TEST_STORE})`, () => {
  it.each([
    ['/api/client/cancel-verification', 'clientRequestId'],
    ['/api/client/get-link-info', 'clientRequestId'],
    ['/api/client/verification-details', 'clientRequestId'],
    ['/api/client/verification-report', 'clientRequestId'],
    ['/api/client/report-info', 'clientRequestId'],
    ['/api/casefile/details', 'fileReferenceId'],
    ['/api/casefile/events', 'fileReferenceId'],
    ['/api/casefile/cancel', 'fileReferenceId'],
    ['/api/casefile/close', 'fileReferenceId'],
  ])('%s refuses a body without its %s in the envelope', async (path, key) => {
    const required = `${key} is required and must be a string`;
    expect((await post(path, {})).json).toEqual(refused([required]));
    expect((await post(path, { [key]: '   ' })).json).toEqual(refused([required]));
    expect((await post(path, { [key]: 7 })).json).toEqual(refused([required]));
    expect((await post(path, { [key]: 'x'.repeat(101) })).json).toEqual(refused([required]));
    expect((await post(path, [key])).json).toEqual(refused(['Request body must be a JSON object']));
    expect((await post(path, undefined, '')).json).toEqual(refused(['Request body must be a JSON object']));
    // The unknown properties first, each named with the ones expected, then the missing id.
    expect((await post(path, { color: 'red', size: 2 })).json).toEqual(
      refused([`Unexpected property 'color', expected one of: ${key}`, `Unexpected property 'size', expected one of: ${key}`, required]),
    );
  });

  it('re-initiate names a bankingLoginRequired that is not a boolean; the transaction view names its key', async () => {
    expect(
      (await post('/api/client/re-initiate-verification-request', { clientRequestId: 'x', bankingLoginRequired: 'yes' })).json,
    ).toEqual(refused(['bankingLoginRequired must be true or false']));
    const view = await api(`${t.app.url}/api/casefile/transaction`, { body: { transactionKey: 5 } });
    expect(view.json).toEqual(refused(['transactionKey is required and must be a string']));
  });

  it('takes a trimmed id and answers for it as before: an unknown one is 404 in the envelope', async () => {
    const r = await post('/api/client/verification-details', { clientRequestId: '  no-such-request  ' });
    expect(r.status).toBe(404);
    expect(r.json).toMatchObject({ statusCode: 404, data: null });
    expect(r.json.errors[0]).toContain('no-such-request');
  });

  it('documents the bodies in the OpenAPI document', async () => {
    const doc = (await api(`${t.app.url}/openapi.json`)).json;
    const body = (path: string) => doc.paths[path].post.requestBody.content['application/json'].schema;
    expect(body('/api/client/cancel-verification')).toMatchObject({
      type: 'object',
      required: ['clientRequestId'],
      additionalProperties: false,
    });
    expect(body('/api/casefile/details').properties).toHaveProperty('fileReferenceId');
    expect(body('/api/client/re-initiate-verification-request').properties.bankingLoginRequired).toEqual({ type: 'boolean' });
  });
});
