import { describe, expect, it } from 'vitest';
import { makeJpeg, makePdf, makePng, makePolyglotPng, put } from '../support/fixtures.ts';
import { expireDueReports } from '../../src/modules/id-reports/index.ts';
import { photoJpeg, passportMrz } from '../support/browser.ts';
import { api, useTestApp } from '../support/app.ts';
import { fixedClock } from '../../src/shared/clock.ts';
import { CaptureClient, completeCapture, goodCapture, type CaptureInput } from './idv-capture-client.ts';

const clock = fixedClock(new Date('2026-03-24T12:00:00Z'));
const t = useTestApp({}, { clock });

const post = (p: string, body: unknown, token: string | undefined = t.demo.token) => api(`${t.app.url}${p}`, { token, body });
let seq = 0;
const person = (extra: Record<string, unknown> = {}) => {
  const n = ++seq;
  return {
    firstName: 'Ada',
    lastName: `Lovelace${String.fromCharCode(65 + (n % 26))}`,
    email: `capture${n}-${Date.now()}@example.com`,
    phoneNumber: '+1 604 555 0100',
    dateOfBirth: '1985-04-12',
    ...extra,
  };
};
/** A file with one client; answers the client, its request id, its link and the file. */
async function newRequest(extra: Record<string, unknown> = {}) {
  const client = person(extra);
  const r = await post('/api/client/create-verification-request', {
    requesterReferenceId: `CAP-${++seq}-${Date.now()}`,
    clients: [client],
    sendLink: false,
  });
  expect(r.status).toBe(200);
  const req = r.json.data.requests[0];
  return { client, id: req.clientRequestId as string, link: req.links[0].link as string, file: r.json.data };
}
async function submitted(over: (p: { firstName: string; lastName: string; dateOfBirth: string }) => Partial<CaptureInput> = () => ({})) {
  const r = await newRequest();
  await completeCapture(r.link, goodCapture(r.client, over(r.client)));
  const info = await post('/api/client/report-info', { clientRequestId: r.id });
  expect(info.status).toBe(200);
  return { ...r, info: info.json.data };
}
const check = (info: any, name: string) => info.checks.find((c: any) => c.name === name);

describe('capture page over HTTP', () => {
  it('resumes where the client left off, consumes the link only on submit, then shows the finished page', async () => {
    const r = await newRequest();
    const c = new CaptureClient(r.link);
    let page = await c.open();
    expect(page.status).toBe(200);
    expect(page.html).toContain('Privacy notice');
    expect(page.headers.get('content-security-policy')).toMatch(/default-src 'none'; style-src 'nonce-[^']+'; script-src 'nonce-/);
    expect((await c.post('privacy', { accept: 'yes' })).status).toBe(303);
    // Another browser (no cookie) opening the same link resumes at the next step.
    page = await new CaptureClient(r.link).open();
    expect(page.html).toContain('Confirm your name and date of birth');
    expect(page.html).toContain('value="Ada"');
    const input = goodCapture(r.client);
    await c.open();
    expect((await c.post('identity', input.identity)).status).toBe(303);
    await c.open();
    expect((await c.post('document', input.document)).status).toBe(303);
    page = await c.open();
    expect(page.html).toContain('accept="image/*" capture="environment"');
    expect(page.html).toContain('capture="user"');
    expect(page.html).not.toContain('Back of your ID'); // a passport has no back
    // Going back to an earlier step is allowed, skipping ahead is not.
    expect((await c.open('?step=identity')).html).toContain('Confirm your name');
    expect((await c.open('?step=review')).html).toContain('<h1>Photos</h1>');
    await c.open();
    expect((await c.put('front', input.images.front!)).status).toBe(200);
    expect((await c.put('selfie', input.images.selfie!)).status).toBe(200);
    page = await c.open();
    expect(page.html).toContain('Your current address');
    await c.open();
    expect((await c.post('address', input.address)).status).toBe(303);
    page = await c.open();
    expect(page.html).toContain('Review and submit');
    // Nothing so far consumed the link or changed the request.
    expect((await post('/api/client/verification-details', { clientRequestId: r.id })).json.data.requestStatus).toBe('pending');
    const done = await c.post('submit', {});
    expect(done.status).toBe(303);
    page = await c.open();
    expect(page.status).toBe(200);
    expect(page.html).toContain('Thank you');
    expect((await c.post('submit', {})).html).toContain('Thank you'); // a second submit changes nothing
    const details = await post('/api/client/verification-details', { clientRequestId: r.id });
    expect(details.json.data.requestStatus).toBe('Review Report');
    const file = await post('/api/casefile/details', { fileReferenceId: r.file.fileReferenceId });
    expect(file.json.data.fileStatus).toBe('Action Required');
    expect(file.json.data.requests[0]).toMatchObject({ requestStatus: 'Review Report' });
  });

  it('speaks French on ?lang=fr and keeps it in a cookie', async () => {
    const r = await newRequest();
    const c = new CaptureClient(r.link);
    const page = await c.open('?lang=fr');
    expect(page.html).toContain('<html lang="fr">');
    expect(page.html).toContain('Avis de confidentialit\u00e9');
    expect((await c.open()).html).toContain('V\u00e9rifiez votre identit\u00e9');
  });

  it('refuses a form without the CSRF token, with another cookie, or from another origin, and saves nothing', async () => {
    const r = await newRequest();
    const c = new CaptureClient(r.link);
    await c.open();
    expect((await c.post('privacy', { accept: 'yes' }, { csrf: null })).status).toBe(403);
    expect((await c.post('privacy', { accept: 'yes' }, { csrf: 'x'.repeat(64) })).status).toBe(403);
    expect((await c.post('privacy', { accept: 'yes' }, { headers: { origin: 'https://evil.example' } })).status).toBe(403);
    expect((await c.post('privacy', { accept: 'yes' }, { headers: { 'sec-fetch-site': 'cross-site' } })).status).toBe(403);
    const other = new CaptureClient(r.link);
    await other.open();
    expect((await other.post('privacy', { accept: 'yes' }, { csrf: c.csrf })).status).toBe(403);
    expect((await c.open()).html).toContain('Privacy notice'); // still at the first step
  });

  it('reads a cookie that is not valid percent-encoding as absent: the page works, a post without a good CSRF cookie is refused', async () => {
    const r = await newRequest();
    const bad = 'x=%E0%A4%A; vouch_lang=%E0%A4%A';
    const page = await fetch(r.link, { headers: { cookie: bad } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Privacy notice');
    expect(page.headers.getSetCookie().some((c) => c.startsWith('vouch_csrf='))).toBe(true); // as for a browser without one
    const c = new CaptureClient(r.link);
    await c.open();
    // A malformed cookie next to the real ones changes nothing.
    expect(
      (await c.post('privacy', { accept: 'yes' }, { headers: { cookie: `${bad}; vouch_csrf=${c.cookies.get('vouch_csrf')}` } })).status,
    ).toBe(303);
    await c.open();
    // A malformed CSRF cookie is no cookie: 403, nothing saved.
    expect(
      (
        await c.post(
          'identity',
          { firstName: 'Ada', lastName: r.client.lastName, dateOfBirth: r.client.dateOfBirth },
          { headers: { cookie: 'vouch_csrf=%E0%A4%A' } },
        )
      ).status,
    ).toBe(403);
    const photo = await put(`${r.link}/image/front`, photoJpeg(), {
      'content-type': 'image/jpeg',
      'x-csrf-token': c.csrf,
      cookie: 'vouch_csrf=%E0%A4%A',
    });
    expect(photo.status).toBe(403);
    expect((await c.open()).html).toContain('Confirm your name and date of birth');
  });

  it("refuses an inherited object key as a country code ('constructor', 'toString', '__proto__'), saving nothing", async () => {
    const r = await newRequest();
    const input = goodCapture(r.client);
    const c = await completeCapture(r.link, input, { submit: false });
    for (const countryCode of ['constructor', 'toString', '__proto__', 'hasOwnProperty']) {
      await c.open('?step=address');
      const refused = await c.post('address', { ...input.address, countryCode });
      expect(refused.status).toBe(400);
      expect(refused.html).toContain('role="alert"');
      expect(refused.html).toContain('href="#countryCode"');
    }
    await c.open();
    expect((await c.post('address', input.address)).status).toBe(303); // the real code still works
    expect((await c.open()).html).toContain('Review and submit');
  });

  it('a submit that cannot consume the link (the expiry sweep got there first) writes no report', async () => {
    const r = await newRequest();
    const c = await completeCapture(r.link, goodCapture(r.client), { submit: false });
    await c.open();
    const captures = t.app.running.container.idv.captures;
    const useLink = captures.useLink;
    // The link expires between the page's checks and the submit's update, as a concurrent sweep would do it.
    captures.useLink = async function (exec, accountId, linkId) {
      await exec.updateTable('request_links').set({ status: 'expired' }).where('id', '=', linkId).execute();
      return useLink.call(this, exec, accountId, linkId);
    };
    let done;
    try {
      done = await c.post('submit', {});
    } finally {
      captures.useLink = useLink;
    }
    // Nothing was written (the simulated expiry went with the rolled-back transaction): the page shows the review step again.
    expect(done.status).toBe(200);
    expect(done.html).toContain('Review and submit');
    expect((await post('/api/client/verification-details', { clientRequestId: r.id })).json.data.requestStatus).toBe('pending');
    expect((await post('/api/client/report-info', { clientRequestId: r.id })).status).toBe(400);
  });

  it('shows field errors and keeps what was typed', async () => {
    const r = await newRequest();
    const c = new CaptureClient(r.link);
    const first = await c.open();
    // The link's end for people: a date in words (the page's script turns it to the reader's time zone).
    expect(first.html).toMatch(
      /This link works until <time class="date" datetime="[^"]+Z" data-local(="")?>[A-Z][a-z]+ \d{1,2}, \d{4}[^<]+UTC<\/time>\./,
    );
    expect(first.html).not.toMatch(/\d\d:\d\d:\d\d UTC/);
    const refused = await c.post('privacy', {});
    expect(refused.status).toBe(400);
    expect(refused.html).toContain('You must accept the privacy notice');
    await c.post('privacy', { accept: 'yes' });
    await c.open();
    const bad = await c.post('identity', { firstName: 'Ada', lastName: '', dateOfBirth: '2099-01-01' });
    expect(bad.status).toBe(400);
    expect(bad.html).toContain('role="alert"');
    expect(bad.html).toContain('aria-invalid="true"');
    // A birth date to come is told as such, not as a date that is not valid.
    expect(bad.html).toContain('Your date of birth must be in the past.');
    expect(bad.html).toContain('value="Ada"');
  });

  it('refuses photos that are not JPEG or PNG, polyglots and oversize bodies, keeping nothing', async () => {
    const r = await newRequest();
    const input = goodCapture(r.client);
    const c = await completeCapture(r.link, { ...input, images: {} }, { submit: false });
    await c.open('?step=photos');
    expect((await c.put('front', makePdf(), 'application/pdf')).status).toBe(415);
    const lying = await c.put('front', makePdf(), 'image/jpeg');
    expect(lying.status).toBe(415);
    expect(lying.json.detail).toMatch(/JPEG or PNG/);
    expect((await c.put('front', photoJpeg(), 'image/jpeg', { csrf: null })).status).toBe(403);
    expect((await c.put('back', photoJpeg())).status).toBe(400); // a passport has no back
    const polyglot = await c.put('front', makePolyglotPng(), 'image/png');
    expect(polyglot.status).toBe(415);
    expect(polyglot.json.detail).toMatch(/second format/);
    // A declared size over the limit is refused before any byte is stored.
    const huge = await put(`${r.link}/image/front`, photoJpeg(640, 480), {
      'content-type': 'image/jpeg',
      'content-length': String(16 * 1024 * 1024),
      'x-csrf-token': c.csrf,
      cookie: [...c.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
    });
    expect(huge.status).toBe(413);
    expect((await c.open('?step=photos')).html).not.toContain('<span class="ok">');
    expect((await c.put('front', makePng(640, 480), 'image/png')).status).toBe(200);
    const after = (await c.open('?step=photos')).html;
    expect(after).toContain('\u2713 Received');
    expect(after).not.toContain('640\u00d7480'); // no pixel sizes shown to the client
  });

  it('takes a photo without JavaScript: a multipart form per photo, 303 back to the step, errors on the page', async () => {
    const r = await newRequest();
    const c = await completeCapture(r.link, { ...goodCapture(r.client), images: {} }, { submit: false });
    const step = await c.open('?step=photos');
    expect(step.html).toContain(
      `action="/verify/${encodeURIComponent(r.link.split('/verify/')[1])}/image/front" enctype="multipart/form-data"`,
    );
    const sent = await c.postPhoto('front', photoJpeg(), 'image/jpeg');
    expect(sent.status).toBe(303);
    expect(sent.location).toMatch(/\?step=photos$/);
    expect((await c.open('?step=photos')).html).toContain('\u2713 Received');
    // Refusals come back as the step's page, in its words: no JSON, no token.
    const token = r.link.split('/verify/')[1];
    for (const [bytes, type, words] of [
      [makePdf(), 'application/pdf', 'not a JPEG or PNG photo'],
      [makePdf(), 'image/jpeg', 'not a JPEG or PNG photo'],
      [Buffer.alloc(0), 'image/jpeg', 'Choose a photo first.'],
    ] as const) {
      const bad = await c.postPhoto('selfie', bytes, type);
      expect(bad.status).toBe(400);
      expect(bad.type).toMatch(/^text\/html/);
      expect(bad.html).toContain(words);
      expect(bad.html).toContain('role="alert"');
      expect(bad.html).not.toContain('"statusCode"');
      expect(bad.html.split(token).length - 1).toBe(bad.html.split(`/verify/${token}`).length - 1); // only in the page's own links
    }
    const huge = await c.postPhoto('selfie', Buffer.alloc(16 * 1024 * 1024, 0xff), 'image/jpeg');
    expect(huge.status).toBe(400);
    expect(huge.html).toContain('This photo is too large (15 MB at most).');
    const forged = await c.postPhoto('selfie', photoJpeg(), 'image/jpeg', { csrf: 'x' });
    expect(forged.status).toBe(403);
    expect(forged.html).toContain('This form has expired');
    const unknown = await c.postPhoto('passport', photoJpeg(), 'image/jpeg');
    expect(unknown.status).toBe(400);
    expect(unknown.html).toContain('The photo could not be used');
    const garbled = await c.postPhoto('selfie', photoJpeg(), 'image/jpeg', { raw: 'not multipart at all' });
    // A body that cannot be read carries no CSRF token either: the page says the form has expired.
    expect(garbled.status).toBe(403);
    expect(garbled.html).toContain('This form has expired');
    expect((await c.open('?step=photos')).html).toContain('id="selfie-status" role="status" aria-live="polite"><span class="todo">');
  });

  it("says why a link can no longer be used: replaced, cancelled, unknown; a cancelled request's photos are purged", async () => {
    const r = await newRequest();
    const c = await completeCapture(r.link, { ...goodCapture(r.client), images: { front: photoJpeg() } }, { submit: false });
    await c.open('?step=photos');
    const fresh = await post('/api/client/get-link-info', { clientRequestId: r.id });
    let page = await c.open();
    expect(page.status).toBe(410);
    expect(page.html).toContain('A newer link has been sent');
    // The new link resumes the same capture.
    expect((await new CaptureClient(fresh.json.data.link).open()).html).toContain('<h1>Photos</h1>');
    expect((await c.post('privacy', { accept: 'yes' })).status).toBe(410);
    await post('/api/client/cancel-verification', { clientRequestId: r.id });
    page = await new CaptureClient(fresh.json.data.link).open();
    expect(page.status).toBe(410);
    expect(page.html).toContain('This verification request has been cancelled.');
    expect(page.html).toContain('This link can no longer be used');
    // A link that never was one is said to be no link, not one that ended.
    const unknown = await new CaptureClient(`${t.app.url}/verify/vcl_nothing`).open();
    expect(unknown.status).toBe(404);
    expect(unknown.html).toContain('This is not a valid link');
    expect(unknown.html).not.toContain('no longer');
    const db = t.app.running.container.store.db;
    const [img] = await db.selectFrom('idv_capture_images').select(['blob_key']).where('request_id', '=', r.id).execute();
    expect(await t.app.running.container.idv.blobs.exists(img.blob_key!)).toBe(true);
    await expireDueReports(t.app.running.container.idv);
    expect(
      (await db.selectFrom('idv_capture_images').select(['blob_key']).where('request_id', '=', r.id).execute())[0].blob_key,
    ).toBeNull();
    expect(await t.app.running.container.idv.blobs.exists(img.blob_key!)).toBe(false);
  });
});

describe('checks', () => {
  it('a consistent passport capture passes every check; identity and fraud Pass', async () => {
    const { info } = await submitted();
    expect(info.identityAnalysisResult).toBe('Pass');
    expect(info.fraudAnalysisResult).toBe('Pass');
    const results = Object.fromEntries(info.checks.map((c: any) => [c.name, c.result]));
    expect(results).toEqual({
      documentFront: 'pass',
      documentBack: 'not-run',
      selfie: 'pass',
      identityConfirmed: 'pass',
      mrzCheckDigits: 'pass',
      mrzMatchesProfile: 'pass',
      documentNotExpired: 'pass',
      addressComplete: 'pass',
    });
    expect(info.clientInformation).toMatchObject({
      source: 'document',
      firstName: 'ADA',
      dateOfBirth: '1985-04-12',
      currentAddress: { city: 'Ottawa', postalCode: 'K1A 0B1', countryCode: 'CA' },
    });
    expect(info.document.machineReadableZone).toMatchObject({
      format: 'TD3',
      valid: true,
      documentNumber: 'AB123456',
      expiryDate: '2031-01-31',
    });
  });

  it('a photo too small to read fails its check (not a fraud flag)', async () => {
    const { info } = await submitted(() => ({ images: { front: makeJpeg(320, 200) } }));
    expect(check(info, 'documentFront')).toMatchObject({ result: 'fail', highRisk: false });
    expect(check(info, 'documentFront').reason).toMatch(/320x200 pixels/);
    expect(info.identityAnalysisResult).toBe('Fail');
    expect(info.fraudAnalysisResult).toBe('Pass');
  });

  it('a card has a back: its photo is checked', async () => {
    const { info } = await submitted(() => ({ document: { type: 'driverLicence', mrz: '' }, images: { back: makeJpeg(300, 200) } }));
    expect(check(info, 'documentBack').result).toBe('fail');
    expect(check(info, 'mrzCheckDigits').result).toBe('not-run');
    expect(check(info, 'mrzMatchesProfile').result).toBe('not-run');
    expect(info.clientInformation.source).toBe('entered');
    const good = await submitted(() => ({ document: { type: 'idCard', mrz: '' } }));
    expect(check(good.info, 'documentBack')).toMatchObject({
      result: 'pass',
      reason: `1280x800 pixels, ${good.info.images.find((i: any) => i.kind === 'back').fileSize} bytes`,
    });
    expect(good.info.identityAnalysisResult).toBe('Pass');
  });

  it('the same file sent for another client fails as high risk; so does a selfie that is the document photo', async () => {
    const shared = photoJpeg();
    await submitted(() => ({ images: { front: shared } }));
    const { info } = await submitted(() => ({ images: { front: shared } }));
    expect(check(info, 'documentFront')).toMatchObject({ result: 'fail', highRisk: true });
    expect(check(info, 'documentFront').reason).toMatch(/another client/);
    expect(info.fraudAnalysisResult).toBe('Fail');
    const same = photoJpeg();
    const second = await submitted(() => ({ images: { front: same, selfie: same } }));
    expect(check(second.info, 'selfie')).toMatchObject({ result: 'fail', highRisk: true });
    expect(check(second.info, 'documentFront').result).toBe('pass');
    expect(second.info.fraudAnalysisResult).toBe('Fail');
  });

  it('the same file sent to another organization is flagged too, revealing only the fact', async () => {
    const shared = photoJpeg();
    const first = await submitted(() => ({ images: { front: shared } }));
    const other = await t.app.bootstrap();
    const client = person({ firstName: 'Mary', lastName: 'Somerville' });
    const made = await post(
      '/api/client/create-verification-request',
      { requesterReferenceId: `CAP-X-${Date.now()}`, clients: [client], sendLink: false },
      other.token,
    );
    const req = made.json.data.requests[0];
    await completeCapture(req.links[0].link, goodCapture(client, { images: { front: shared } }));
    const info = await post('/api/client/report-info', { clientRequestId: req.clientRequestId }, other.token);
    expect(check(info.json.data, 'documentFront')).toMatchObject({ result: 'fail', highRisk: true });
    expect(check(info.json.data, 'documentFront').reason).toMatch(/another client/);
    expect(info.text).not.toContain(first.id);
    expect(info.text).not.toContain(first.client.lastName);
    expect(info.text).not.toContain(first.file.fileReferenceId);
  });

  it('a changed name fails the confirmation check', async () => {
    const { info } = await submitted(() => ({ identity: { firstName: 'Augusta' } }));
    expect(check(info, 'identityConfirmed')).toMatchObject({ result: 'fail' });
    expect(info.enteredInformation.firstName).toBe('Augusta');
  });

  it('MRZ check digits: a tampered digit fails as high risk; an unreadable zone fails too', async () => {
    const tampered = await submitted((p) => {
      const mrz = passportMrz({
        lastName: p.lastName,
        firstName: p.firstName,
        number: 'AB123456',
        birth: p.dateOfBirth,
        expiry: '2031-01-31',
      });
      return { document: { mrz: mrz.replace('AB123456<', 'AB123457<') } };
    });
    expect(check(tampered.info, 'mrzCheckDigits')).toMatchObject({ result: 'fail', highRisk: true });
    expect(check(tampered.info, 'mrzCheckDigits').reason).toMatch(/documentNumberCheckDigit/);
    expect(tampered.info.fraudAnalysisResult).toBe('Fail');
    const garbage = await submitted(() => ({ document: { mrz: 'P<CANNOTAZONE' } }));
    expect(check(garbage.info, 'mrzCheckDigits').result).toBe('fail');
    expect(check(garbage.info, 'mrzMatchesProfile').result).toBe('not-run');
  });

  it('MRZ with valid digits that disagrees with the profile fails as high risk', async () => {
    const { info } = await submitted((p) => ({
      document: {
        mrz: passportMrz({ lastName: p.lastName, firstName: p.firstName, number: 'AB123456', birth: '1990-01-01', expiry: '2031-01-31' }),
      },
    }));
    expect(check(info, 'mrzCheckDigits').result).toBe('pass');
    expect(check(info, 'mrzMatchesProfile')).toMatchObject({ result: 'fail', highRisk: true });
    expect(check(info, 'mrzMatchesProfile').reason).toMatch(/date of birth/);
  });

  it('an expired document fails documentNotExpired', async () => {
    const { info } = await submitted((p) => ({
      document: {
        expiryDate: '2025-01-31',
        mrz: passportMrz({ lastName: p.lastName, firstName: p.firstName, number: 'AB123456', birth: p.dateOfBirth, expiry: '2025-01-31' }),
      },
    }));
    expect(check(info, 'documentNotExpired')).toMatchObject({ result: 'fail', highRisk: false });
    expect(check(info, 'documentNotExpired').reason).toMatch(/2025-01-31/);
    expect(info.identityAnalysisResult).toBe('Fail');
  });

  it('an incomplete address fails addressComplete', async () => {
    const { info } = await submitted(() => ({ address: { postalCode: '', province: '' } }));
    expect(check(info, 'addressComplete').result).toBe('fail');
    expect(check(info, 'addressComplete').reason).toMatch(/province or state, postal code/);
    const bad = await submitted(() => ({ address: { postalCode: '12345' } }));
    expect(check(bad.info, 'addressComplete').reason).toMatch(/valid CA postal code/);
  });
});

describe('report endpoints', () => {
  it('verification-report answers the PDF as base64 with the summary; unknown, pending and bad bodies are refused in the envelope', async () => {
    const { id, info } = await submitted();
    const r = await post('/api/client/verification-report', { clientRequestId: id });
    expect(r.status).toBe(200);
    const d = r.json.data;
    expect(Buffer.from(d.report, 'base64').subarray(0, 5).toString()).toBe('%PDF-');
    expect(d).toMatchObject({
      clientRequestId: id,
      identityAnalysisResult: 'Pass',
      fraudAnalysisResult: 'Pass',
      reportNumber: info.reportNumber,
      reviewStatusDate: '2026-03-24T12:00:00',
      reportDate: '2026-03-24T12:00:00',
      verificationReportExpiryDate: '2026-04-07T12:00:00',
      verificationReportExpiryWarningDate: '2026-04-05T12:00:00',
    });
    expect(info.reportNumber).toMatch(/^VR-20260324-[0-9A-F]{8}$/);
    const pending = await newRequest();
    const none = await post('/api/client/verification-report', { clientRequestId: pending.id });
    expect(none.status).toBe(400);
    expect(none.json.errors[0]).toMatch(/No verification report/);
    expect((await post('/api/client/report-info', { clientRequestId: 'nope' })).status).toBe(404);
    expect((await post('/api/client/report-info', { clientRequestId: id, extra: 1 })).status).toBe(400);
    // The file listing names the report and its dates.
    const file = await post('/api/casefile/details', {
      fileReferenceId: (await post('/api/client/verification-details', { clientRequestId: id })).json.data.fileReferenceId,
    });
    expect(file.json.data.requests[0]).toMatchObject({
      report: info.reportNumber,
      verificationReportExpiryDate: '2026-04-07T12:00:00',
      verificationReportExpiryWarningDate: '2026-04-05T12:00:00',
    });
    // Another account sees nothing.
    const other = await t.app.bootstrap();
    expect((await post('/api/client/verification-report', { clientRequestId: id }, other.token)).status).toBe(404);
  });
});
