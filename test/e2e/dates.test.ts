import { describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/shared/clock.ts';
import { api, useTestApp } from '../support/app.ts';
import { VALID_BODIES } from '../support/bodies.ts';
import { CaptureClient } from './idv-capture-client.ts';

// Every date the API takes is read one way: a calendar date that exists, and for a birth date, a day
// from 1900-01-01 up to today by the server's clock (pinned here, so "tomorrow" is a fixed day).
const clock = fixedClock(new Date('2026-03-24T12:00:00Z'));
const t = useTestApp({}, { clock });
const TOMORROW = '2026-03-25';

const post = (path: string, body: unknown) => api(`${t.app.url}${path}`, { token: t.demo.token, body });
const csv = (path: string, text: string) =>
  api(`${t.app.url}${path}`, { method: 'POST', raw: text, token: t.demo.token, headers: { 'content-type': 'text/csv' } });
let seq = 0;
const client = (extra: Record<string, unknown> = {}) => ({
  firstName: 'Dana',
  lastName: 'Date',
  email: `dates${++seq}@example.com`,
  phoneNumber: '+1 604 555 0100',
  ...extra,
});
const createFile = (clients: unknown[], sendLink = false) =>
  post('/api/client/create-verification-request', { requesterReferenceId: `DATES-${++seq}-${Date.now()}`, clients, sendLink });

describe('eligibility dates', () => {
  it('refuses a report range on a day that does not exist, in the eligibility error shape', async () => {
    for (const body of [
      { startDate: '2000-02-30' },
      { startDate: '2001-02-29' },
      { endDate: '2025-04-31' },
      { startDate: '2000-02-30T00:00:00Z' },
      { startDate: '2000-01-01T00:00:00' },
      { endDate: 20000101 },
    ]) {
      const r = await post('/rest/v2/report/verification', { format: 'CSV', ...body });
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(r.json).toMatchObject({ currentStep: 'error', errorIds: ['invalidRequest'] });
      expect(r.json.systemErrorMessage).toMatch(/^(startDate|endDate) must be a date \(YYYY-MM-DD\) or a date-time with a time zone/);
    }
  });

  it('takes a leap day, a date-time with a zone, and reads a plain end date to the end of that day', async () => {
    const r = await post('/rest/v2/report/verification', { format: 'CSV', startDate: '2000-02-29', endDate: '2024-02-29' });
    expect(r.status).toBe(200);
    expect(r.json.status).toBe('PENDING');
    const zoned = await post('/rest/v2/report/verification', {
      format: 'CSV',
      startDate: '2026-03-01T00:00:00+05:30',
      endDate: '2026-03-24T12:00:00Z',
    });
    expect(zoned.status).toBe(200);
    const lastHour = await post('/rest/v2/report/verification', {
      format: 'CSV',
      startDate: '2026-03-23T23:00:00Z',
      endDate: '2026-03-23',
    });
    expect(lastHour.status).toBe(200);
    const reversed = await post('/rest/v2/report/verification', {
      format: 'CSV',
      startDate: '2026-03-24T00:00:00Z',
      endDate: '2026-03-23',
    });
    expect(reversed.status).toBe(400);
    expect(reversed.json.systemErrorMessage).toBe('startDate must not be after endDate');
  });

  it('answers a birth date that does not exist, is before 1900 or after today with the documented errorIds', async () => {
    const step = 'collectStudentPersonalInfo';
    for (const [birthDate, errorId] of [
      ['2000-02-30', 'invalidBirthDate'],
      ['1899-12-31', 'invalidBirthDate'],
      [TOMORROW, 'futureBirthDate'],
      ['', 'invalidBirthDate'],
    ]) {
      const created = await api(`${t.app.url}/rest/v2/verification`, { body: { programId: t.demo.programs.student } });
      const r = await api(created.json.submissionUrl, { body: { ...VALID_BODIES[step], birthDate } });
      expect(r.status, birthDate).toBe(200);
      expect(r.json).toMatchObject({ currentStep: step, errorIds: [errorId] });
    }
  });
});

describe('client request dates of birth', () => {
  it('refuses a future, empty, impossible or too early dateOfBirth in the envelope, creating nothing', async () => {
    const cases: [unknown, string][] = [
      [TOMORROW, 'clients[0].dateOfBirth must not be in the future'],
      ['', 'clients[0].dateOfBirth must be a date as YYYY-MM-DD (null when unknown)'],
      ['2000-02-30', 'clients[0].dateOfBirth must be a date as YYYY-MM-DD (null when unknown)'],
      ['1899-12-31', 'clients[0].dateOfBirth must not be before 1900-01-01'],
      [19800506, 'clients[0].dateOfBirth must be a date as YYYY-MM-DD (null when unknown)'],
    ];
    for (const [dateOfBirth, message] of cases) {
      const r = await createFile([client({ dateOfBirth })]);
      expect(r.status, String(dateOfBirth)).toBe(400);
      expect(r.json).toEqual({ statusCode: 400, message: 'Bad Request', data: null, errors: [message] });
    }
  });

  it('takes today, a leap day and null (unknown), and refuses the same bad dates on update', async () => {
    const made = await createFile([
      client({ dateOfBirth: '2026-03-24' }),
      client({ dateOfBirth: '2000-02-29' }),
      client({ dateOfBirth: null }),
    ]);
    expect(made.status).toBe(200);
    const file = made.json.data;
    const update = (dateOfBirth: unknown) =>
      post('/api/client/update-verification-request', {
        fileReferenceId: file.fileReferenceId,
        clients: [{ clientRequestId: file.requests[0].clientRequestId, dateOfBirth }],
      });
    for (const bad of ['', TOMORROW, '2026-02-29']) {
      const r = await update(bad);
      expect(r.status, bad).toBe(400);
      expect(r.json.errors[0]).toMatch(/^clients\[0\]\.dateOfBirth must/);
    }
    const details = await post('/api/client/verification-details', { clientRequestId: file.requests[0].clientRequestId });
    expect(details.json.data.profile.dateOfBirth).toBe('2026-03-24');
  });
});

describe('capture page dates', () => {
  async function atIdentityStep() {
    const made = await createFile([client()]);
    expect(made.status).toBe(200);
    const c = new CaptureClient(made.json.data.requests[0].links[0].link);
    await c.open();
    await c.post('privacy', { accept: 'yes' });
    await c.open();
    return c;
  }

  it("shows the form's own message for a date of birth that does not exist or is in the future", async () => {
    const c = await atIdentityStep();
    for (const dateOfBirth of ['2000-13-01', '2000-02-30', TOMORROW, '1899-12-31']) {
      const r = await c.post('identity', { firstName: 'Dana', lastName: 'Date', dateOfBirth });
      expect(r.status, dateOfBirth).toBe(400);
      expect(r.html).toContain(dateOfBirth === TOMORROW ? 'Your date of birth must be in the past.' : 'Enter a valid date.');
      expect(r.html).toContain('aria-invalid="true"');
    }
    expect((await c.post('identity', { firstName: 'Dana', lastName: 'Date', dateOfBirth: '2000-02-29' })).status).toBe(303);
  });

  it("shows the form's own message for a document expiry date that does not exist", async () => {
    const c = await atIdentityStep();
    expect((await c.post('identity', { firstName: 'Dana', lastName: 'Date', dateOfBirth: '1985-04-12' })).status).toBe(303);
    await c.open();
    const r = await c.post('document', { type: 'passport', number: 'AB123456', issuingCountry: 'Canada', expiryDate: '2031-13-01' });
    expect(r.status).toBe(400);
    expect(r.html).toContain('Enter a valid date.');
  });
});

describe('roster dates (management API)', () => {
  const HEADER = 'organizationId,firstName,lastName,birthDate,email,affiliation,statusStartDate,statusEndDate';

  it('refuses a day that does not exist or a birth date after today, naming the line, in problem+json', async () => {
    const cases: [string, string][] = [
      ['1,Ann,Able,2000-02-30,,,,', 'Line 2: birthDate must be YYYY-MM-DD'],
      [`1,Ann,Able,${TOMORROW},,,,`, 'Line 2: birthDate must not be in the future'],
      ['1,Ann,Able,,ann@example.com,,2025-09-01,2026-02-29', 'Line 2: statusEndDate must be YYYY-MM-DD'],
    ];
    for (const [line, detail] of cases) {
      const r = await csv('/manage/v1/roster/import', `${HEADER}\n${line}\n`);
      expect(r.status, line).toBe(400);
      expect(r.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(r.json).toMatchObject({ status: 400, title: 'invalidRequest', detail });
    }
    const good = await csv('/manage/v1/roster/import', `${HEADER}\n1,Ann,Able,2000-02-29,,,2025-09-01,2028-02-29\n`);
    expect(good.status).toBe(200);
  });
});
