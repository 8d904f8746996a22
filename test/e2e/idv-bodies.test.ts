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
const client = (n: string, extra: Record<string, unknown> = {}) => ({
  firstName: `Client${n}`,
  lastName: 'Doe',
  email: `client${n}@example.com`,
  phoneNumber: '+1 604 555 0100',
  ...extra,
});
/** Rows of the demo account in each table a create, update, review or sample report writes to. */
const rows = async () => {
  const db = t.app.running.container.store.db;
  const count = async (table: 'case_files' | 'client_requests' | 'idv_clients' | 'idv_reports') =>
    Number(
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .where('account_id', '=', t.demo.accountId)
          .executeTakeFirstOrThrow()
      ).n,
    );
  return {
    files: await count('case_files'),
    requests: await count('client_requests'),
    clients: await count('idv_clients'),
    reports: await count('idv_reports'),
  };
};
const CLIENT_KEYS = 'firstName, middleName, lastName, email, phoneNumber, dateOfBirth, requesterClientRequestId, language';

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

  describe('create-verification-request', () => {
    const create = (body: unknown) => post('/api/client/create-verification-request', body);
    const FILE_KEYS = 'requesterReferenceId, fileName, fileNumber, clients, bankingLoginRequired, createNewClientRecord, sendLink';

    it('refuses a body of the wrong shape or types in the envelope, each finding in the order the dialect lists them, and opens nothing', async () => {
      const before = await rows();
      const cases: [unknown, string[]][] = [
        [[client('A')], ['Request body must be a JSON object']],
        [null, ['Request body must be a JSON object']],
        [{}, ['requesterReferenceId is required', 'clients must be a non-empty array']],
        // A null reference is no reference (it used to reach the store and answer 500).
        [{ requesterReferenceId: null, clients: [client('A')] }, ['requesterReferenceId is required']],
        [{ requesterReferenceId: 5, clients: [client('A')] }, ['requesterReferenceId must be 1 to 100 printable characters']],
        [
          { requesterReferenceId: 'R', fileName: 'a\u0007', sendLink: 'yes', clients: [client('A')] },
          ['fileName must be 1 to 200 printable characters', 'sendLink must be true or false'],
        ],
        [
          { requesterReferenceId: 'R', clients: [client('A')], color: 'red', size: 2 },
          [`Unexpected property 'color', expected one of: ${FILE_KEYS}`, `Unexpected property 'size', expected one of: ${FILE_KEYS}`],
        ],
        [{ requesterReferenceId: 'R', clients: [] }, ['clients must be a non-empty array']],
        [{ requesterReferenceId: 'R', clients: { 0: client('A') } }, ['clients must be a non-empty array']],
        // Too many clients: only their number is named, none of them is checked.
        [{ requesterReferenceId: 'R', clients: Array.from({ length: 21 }, () => 'x') }, ['At most 20 clients per request']],
        [{ requesterReferenceId: 'R', clients: [client('A'), 'x'] }, ['clients[1] must be an object']],
        [
          { requesterReferenceId: 'R', clients: [{ firstName: 'A' }] },
          ['clients[0].lastName is required', 'clients[0].email is required', 'clients[0].phoneNumber is required'],
        ],
        [
          {
            requesterReferenceId: 'R',
            clients: [client('A', { firstName: '', middleName: 7, email: 'ü@example.com', phoneNumber: 'abc', dateOfBirth: '2999-01-01' })],
          },
          [
            'clients[0].firstName is required',
            'clients[0].middleName must be a string',
            'clients[0].email cannot be delivered: the part before @ must be ASCII (letters a-z, digits, . _ + -); ask the client for another address',
            'clients[0].phoneNumber is not a valid phone number',
            'clients[0].dateOfBirth must not be in the future',
          ],
        ],
        // The body's unknown properties come first; a client's come where that client's findings are listed.
        [
          {
            zz: 1,
            requesterReferenceId: '',
            clients: [client('A', { lastName: 5 }), client('B', { nickname: 'Bo', dateOfBirth: '2001-02-30' })],
          },
          [
            `Unexpected property 'zz', expected one of: ${FILE_KEYS}`,
            'requesterReferenceId must be 1 to 100 printable characters',
            'clients[0].lastName must be a string',
            `Unexpected property 'clients[1].nickname', expected one of: ${CLIENT_KEYS}`,
            'clients[1].dateOfBirth must be a date as YYYY-MM-DD (null when unknown)',
          ],
        ],
      ];
      for (const [body, errors] of cases) {
        const r = await create(body);
        expect(r.status, JSON.stringify(body)).toBe(400);
        expect(r.json, JSON.stringify(body)).toEqual(refused(errors));
      }
      expect((await post('/api/client/create-verification-request', undefined, '')).json).toEqual(
        refused(['Request body must be a JSON object']),
      );
      expect(await rows()).toEqual(before);
    });

    it('takes the values trimmed, null as none and the flags defaulted', async () => {
      const r = await create({
        requesterReferenceId: '  BODIES-1  ',
        fileName: null,
        sendLink: null,
        clients: [client('T', { firstName: '  Ann ', middleName: '', dateOfBirth: null, requesterClientRequestId: ' mine ' })],
      });
      expect(r.status).toBe(200);
      expect(r.json.data).toMatchObject({ requesterReferenceId: 'BODIES-1', fileStatus: null });
      expect(r.json.data.fileName).toBe(`File ${r.json.data.fileNumber}`);
      expect(r.json.data.requests[0]).toMatchObject({ firstName: 'Ann', requesterClientRequestId: 'mine', requestStatus: 'pending' });
      const details = await post('/api/client/verification-details', { clientRequestId: r.json.data.requests[0].clientRequestId });
      expect(details.json.data.profile).toMatchObject({ firstName: 'Ann', middleName: null, dateOfBirth: null });
      expect(details.json.data.bankingLoginRequired).toBe(false);
    });
  });

  describe('update-verification-request', () => {
    const UPDATE_KEYS = 'fileReferenceId, clients, bankingLoginRequired, createNewClientRecord, sendLink';

    it('refuses a bad body in the envelope and changes nothing; a change names any fields, a new client all the required ones', async () => {
      const file = (await post('/api/client/create-verification-request', { requesterReferenceId: 'BODIES-2', clients: [client('U')] }))
        .json.data;
      const [request] = file.requests;
      const before = await rows();
      const cases: [unknown, string[]][] = [
        ['x', ['Request body must be a JSON object']],
        [{}, ['fileReferenceId is required and must be a string', 'clients must be a non-empty array']],
        [{ fileReferenceId: '', clients: [client('V')] }, ['fileReferenceId is required and must be a string']],
        // A flag of update is true, false or absent: null is refused (create takes it as the default).
        [{ fileReferenceId: file.fileReferenceId, sendLink: null, clients: [client('V')] }, ['sendLink must be true or false']],
        [
          { fileReferenceId: file.fileReferenceId, clients: [client('V')], zz: 1 },
          [`Unexpected property 'zz', expected one of: ${UPDATE_KEYS}`],
        ],
        [
          { fileReferenceId: file.fileReferenceId, clients: [{ email: 'nope' }] },
          [
            'clients[0].firstName is required',
            'clients[0].lastName is required',
            'clients[0].email is not a valid email address',
            'clients[0].phoneNumber is required',
          ],
        ],
        // A client's id that is not a string is named before the client's unknown properties; with an id, no field is required.
        [
          { fileReferenceId: file.fileReferenceId, clients: [{ zz: 1, lastName: 5, clientRequestId: 7 }] },
          [
            'clients[0].clientRequestId must be a string',
            `Unexpected property 'clients[0].zz', expected one of: ${CLIENT_KEYS}, clientRequestId`,
            'clients[0].lastName must be a string',
          ],
        ],
      ];
      for (const [body, errors] of cases) {
        const r = await post('/api/client/update-verification-request', body);
        expect(r.status, JSON.stringify(body)).toBe(400);
        expect(r.json, JSON.stringify(body)).toEqual(refused(errors));
      }
      expect(await rows()).toEqual(before);

      const changed = await post('/api/client/update-verification-request', {
        fileReferenceId: file.fileReferenceId,
        clients: [{ clientRequestId: request.clientRequestId, phoneNumber: ' +1 604 555 0199 ' }],
      });
      expect(changed.status).toBe(200);
      const details = await post('/api/client/verification-details', { clientRequestId: changed.json.data.requests[0].clientRequestId });
      expect(details.json.data.profile).toMatchObject({ firstName: 'ClientU', phoneNumber: '+1 604 555 0199' });
    });

    it("refuses a clientRequestId of '' as an id of no request, with or without a client's fields, and adds no client", async () => {
      const file = (await post('/api/client/create-verification-request', { requesterReferenceId: 'BODIES-4', clients: [client('E')] }))
        .json.data;
      const notOfFile = `clientRequestId '' is not a request of file '${file.fileReferenceId}'`;
      const before = await rows();
      for (const entry of [
        { clientRequestId: '' },
        { clientRequestId: '', email: 'nameless@example.com' },
        { ...client('F'), clientRequestId: '' },
      ]) {
        const r = await post('/api/client/update-verification-request', { fileReferenceId: file.fileReferenceId, clients: [entry] });
        expect(r.status, JSON.stringify(entry)).toBe(400);
        expect(r.json, JSON.stringify(entry)).toEqual(refused([notOfFile]));
        // After a new client in the same body: that one is not kept either.
        const second = await post('/api/client/update-verification-request', {
          fileReferenceId: file.fileReferenceId,
          clients: [client('G'), entry],
        });
        expect(second.json, JSON.stringify(entry)).toEqual(refused([notOfFile]));
      }
      expect(await rows()).toEqual(before);
      const details = await post('/api/casefile/details', { fileReferenceId: file.fileReferenceId });
      expect(details.json.data.requests.map((r: { email: string }) => r.email)).toEqual(['clientE@example.com']);
    });

    it("refuses a change that empties a required field (null or ''), names each, and keeps the client's data", async () => {
      const file = (await post('/api/client/create-verification-request', { requesterReferenceId: 'BODIES-5', clients: [client('C')] }))
        .json.data;
      const id = file.requests[0].clientRequestId;
      const stored = (await post('/api/client/verification-details', { clientRequestId: id })).json.data;
      const before = await rows();
      const emptied = (field: string) => `clients[0].${field} cannot be emptied; leave it out to keep the client's current value`;
      for (const field of ['firstName', 'lastName', 'email', 'phoneNumber']) {
        for (const value of [null, '']) {
          const r = await post('/api/client/update-verification-request', {
            fileReferenceId: file.fileReferenceId,
            clients: [{ clientRequestId: id, [field]: value }],
          });
          expect(r.status, `${field}: ${JSON.stringify(value)}`).toBe(400);
          expect(r.json, `${field}: ${JSON.stringify(value)}`).toEqual(refused([emptied(field)]));
        }
      }
      // Every field emptied is named, each where its field stands among the client's findings.
      const all = await post('/api/client/update-verification-request', {
        fileReferenceId: file.fileReferenceId,
        clients: [{ clientRequestId: id, phoneNumber: null, email: '', lastName: null, firstName: '', middleName: 'x'.repeat(101) }],
      });
      expect(all.json).toEqual(
        refused([
          emptied('firstName'),
          'clients[0].middleName must be 1 to 100 printable characters',
          emptied('lastName'),
          emptied('email'),
          emptied('phoneNumber'),
        ]),
      );
      expect(await rows()).toEqual(before);
      const after = (await post('/api/client/verification-details', { clientRequestId: id })).json.data;
      // The link mail may have gone out meanwhile: the request, its client and its links are the same.
      const unchanged = ({ links, ...rest }: { links: { id: number }[] }) => ({ ...rest, links: links.map((l) => l.id) });
      expect(unchanged(after)).toEqual(unchanged(stored));
      expect(after).toMatchObject({ requestStatus: 'pending', replacedBy: null, profile: { firstName: 'ClientC', lastName: 'Doe' } });

      // An optional field may still be cleared; the required ones left out keep their values.
      await post('/api/client/update-verification-request', {
        fileReferenceId: file.fileReferenceId,
        clients: [{ clientRequestId: id, middleName: 'Q' }],
      });
      const named = (await post('/api/casefile/details', { fileReferenceId: file.fileReferenceId })).json.data.requests.at(-1);
      const cleared = await post('/api/client/update-verification-request', {
        fileReferenceId: file.fileReferenceId,
        clients: [{ clientRequestId: named.clientRequestId, middleName: null }],
      });
      expect(cleared.status).toBe(200);
      const profile = (await post('/api/client/verification-details', { clientRequestId: cleared.json.data.requests[0].clientRequestId }))
        .json.data.profile;
      expect(profile).toMatchObject({ firstName: 'ClientC', middleName: null, lastName: 'Doe', email: 'clientC@example.com' });
    });
  });

  describe('review-report and generate-sample-report', () => {
    it('refuse a bad review or sample in the envelope and record nothing', async () => {
      const file = (await post('/api/client/create-verification-request', { requesterReferenceId: 'BODIES-3', clients: [client('R')] }))
        .json.data;
      const id = file.requests[0].clientRequestId;
      const before = await rows();
      const reviews: [unknown, string[]][] = [
        [5, ['Request body must be a JSON object']],
        [{}, ['clientRequestId is required and must be a string', "decision must be 'APPROVE' or 'REJECT'"]],
        [{ clientRequestId: id, decision: 'REJECT' }, ['reason is required to reject a report']],
        [{ clientRequestId: id, decision: 'REJECT', reason: '   ' }, ['reason is required to reject a report']],
        [{ clientRequestId: id, decision: 'REJECT', reason: 'x'.repeat(1001) }, ['reason must be a string of at most 1000 characters']],
        [
          { zz: 1, clientRequestId: '  ', decision: 'approve', reason: 5 },
          [
            "Unexpected property 'zz', expected one of: clientRequestId, decision, reason",
            'clientRequestId is required and must be a string',
            "decision must be 'APPROVE' or 'REJECT'",
            'reason must be a string of at most 1000 characters',
          ],
        ],
      ];
      for (const [body, errors] of reviews)
        expect((await post('/api/client/review-report', body)).json, JSON.stringify(body)).toEqual(refused(errors));

      const REASONS = 'DOCUMENT_EXPIRED, DOCUMENT_TAMPERED, DATA_MISMATCH, DUPLICATE_DOCUMENT, FACE_MISMATCH, ADDRESS_INCOMPLETE';
      const samples: [unknown, string[]][] = [
        [[], ['Request body must be a JSON object']],
        [{ clientRequestId: id }, ['criteria is required and must be an object']],
        [{ clientRequestId: id, criteria: [] }, ['criteria is required and must be an object']],
        [
          { clientRequestId: id, criteria: { recommendationValue: 'REJECT', recommendationReason: 'toString' } },
          [`criteria.recommendationReason must be one of: ${REASONS}`],
        ],
        [
          { clientRequestId: id, criteria: { recommendationValue: 'APPROVE', recommendationReason: 5 } },
          ['criteria.recommendationReason must be a string'],
        ],
        [{ clientRequestId: id, criteria: { id: null, recommendationValue: 'APPROVE' } }, ['criteria.id must be an object']],
        // Every entry of criteria.id is checked in the order sent, an unknown one too.
        [
          { clientRequestId: id, criteria: { id: { mediaId02: 5, extra: 7, sessionId: 'string' }, recommendationValue: 'APPROVE' } },
          [
            "Unexpected property 'criteria.id.extra', expected one of: sessionId, mediaId01, mediaId02",
            'criteria.id.mediaId02 must be a string',
            'criteria.id.extra must be a string',
          ],
        ],
        [
          { zz: 1, clientRequestId: 5, criteria: { yy: 1, recommendationValue: 'MAYBE' } },
          [
            "Unexpected property 'zz', expected one of: clientRequestId, criteria",
            'clientRequestId is required and must be a string',
            "Unexpected property 'criteria.yy', expected one of: id, recommendationValue, recommendationReason",
            "criteria.recommendationValue must be 'APPROVE' or 'REJECT'",
          ],
        ],
      ];
      for (const [body, errors] of samples)
        expect((await post('/api/client/generate-sample-report', body)).json, JSON.stringify(body)).toEqual(refused(errors));
      expect(await rows()).toEqual(before);
      const details = await post('/api/client/verification-details', { clientRequestId: id });
      expect(details.json.data.requestStatus).toBe('pending');
    });
  });

  it('the settings patch refuses a bad body in problem+json, listing each finding, and changes nothing', async () => {
    const settings = () => api(`${t.app.url}/manage/v1/settings`, { token: t.demo.token });
    const before = (await settings()).json;
    const r = await api(`${t.app.url}/manage/v1/settings`, {
      token: t.demo.token,
      method: 'PATCH',
      body: { linkLifetimeHours: 0, testMode: 'yes', color: 'red' },
    });
    expect(r.status).toBe(400);
    expect(r.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(r.json).toMatchObject({ title: 'invalidRequest', status: 400, instance: '/manage/v1/settings' });
    expect(r.json.issues.map((i: { path: string }) => i.path)).toEqual(['/linkLifetimeHours', '/testMode', '/']);
    expect(r.json.issues[2].message).toContain('color');
    expect((await settings()).json).toEqual(before);
  });

  it('the token exchange names only the first unknown property and takes any credential as a failed one', async () => {
    const token = (body: unknown) => api(`${t.app.url}/api/auth/token`, { body });
    const send = 'Send {"clientId": "...", "secret": "..."}';
    expect((await token(5)).json).toEqual(refused([send]));
    expect(
      (await api(`${t.app.url}/api/auth/token`, { raw: '', headers: { 'content-type': 'application/json' }, method: 'POST' })).json,
    ).toEqual(refused([send]));
    expect((await token({ clientId: 'x', yy: 1, zz: 2 })).json).toEqual(
      refused(["Unexpected property 'yy', expected one of: clientId, secret"]),
    );
    for (const body of [{}, { clientId: 5, secret: [] }, []]) {
      const r = await token(body);
      expect(r.status, JSON.stringify(body)).toBe(401);
      expect(r.json).toEqual({ statusCode: 401, message: 'Unauthorized', data: null, errors: ['Client authentication failed'] });
    }
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

    const create = body('/api/client/create-verification-request');
    expect(create).toMatchObject({
      type: 'object',
      required: expect.arrayContaining(['requesterReferenceId', 'clients']),
      additionalProperties: false,
    });
    expect(create.properties.clients).toMatchObject({ type: 'array', minItems: 1, maxItems: 20 });
    expect(create.properties.clients.items).toMatchObject({
      type: 'object',
      required: ['firstName', 'lastName', 'email', 'phoneNumber'],
      additionalProperties: false,
    });
    const update = body('/api/client/update-verification-request');
    expect(update.properties.clients.items.properties).toHaveProperty('clientRequestId');
    expect(update.properties.clients.items.required ?? []).toEqual([]);
    expect(body('/api/client/review-report').properties.decision).toMatchObject({ enum: ['APPROVE', 'REJECT'] });
    const criteria = body('/api/client/generate-sample-report').properties.criteria;
    expect(criteria.properties.id).toMatchObject({ type: 'object', additionalProperties: false });
    expect(Object.keys(criteria.properties.id.properties)).toEqual(['sessionId', 'mediaId01', 'mediaId02']);
    expect(Object.keys(body('/api/auth/token').properties)).toEqual(['clientId', 'secret']);
    expect(doc.paths['/manage/v1/settings'].patch.requestBody.content['application/json'].schema.additionalProperties).toBe(false);
  });
});
