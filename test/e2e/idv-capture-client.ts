import { photoJpeg, passportMrz } from '../support/browser.ts';

/**
 * Drives the capture page over plain HTTP as a browser would: keeps the cookies the page sets, reads
 * the CSRF token from the rendered form, posts each step's form and PUTs the photos.
 */
export class CaptureClient {
  cookies = new Map<string, string>();
  csrf = '';
  constructor(readonly link: string) {}

  get base() {
    return this.link;
  }
  private cookieHeader() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
  private keep(res: Response) {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const i = pair.indexOf('=');
      this.cookies.set(pair.slice(0, i), pair.slice(i + 1));
    }
  }

  async open(query = '') {
    const res = await fetch(`${this.link}${query}`, { headers: { cookie: this.cookieHeader() }, redirect: 'manual' });
    this.keep(res);
    const html = await res.text();
    const m = /name="csrf" value="([^"]+)"/.exec(html) ?? /"x-csrf-token":"([^"]+)"/.exec(html);
    if (m) this.csrf = m[1];
    return { status: res.status, html, headers: res.headers };
  }

  async post(step: string, form: Record<string, string>, opts: { csrf?: string | null; headers?: Record<string, string> } = {}) {
    const body = new URLSearchParams({ ...form, ...(opts.csrf === null ? {} : { csrf: opts.csrf ?? this.csrf }) });
    const res = await fetch(`${this.link}/${step}`, {
      method: 'POST',
      redirect: 'manual',
      body: body.toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: this.cookieHeader(), ...(opts.headers ?? {}) },
    });
    this.keep(res);
    return { status: res.status, html: await res.text(), location: res.headers.get('location') };
  }

  async put(kind: string, bytes: Buffer, type = 'image/jpeg', opts: { csrf?: string | null; headers?: Record<string, string> } = {}) {
    const headers: Record<string, string> = { 'content-type': type, cookie: this.cookieHeader(), ...(opts.headers ?? {}) };
    if (opts.csrf !== null) headers['x-csrf-token'] = opts.csrf ?? this.csrf;
    const res = await fetch(`${this.link}/image/${kind}`, { method: 'PUT', body: new Uint8Array(bytes), headers });
    const text = await res.text();
    return { status: res.status, json: text ? JSON.parse(text) : undefined };
  }
  /** A photo posted as the page's no-JavaScript form does (`raw` sends that text as the body instead). */
  async postPhoto(kind: string, bytes: Buffer, type: string, opts: { csrf?: string; raw?: string } = {}) {
    const form = new FormData();
    form.set('csrf', opts.csrf ?? this.csrf);
    form.set('photo', new Blob([new Uint8Array(bytes)], { type }), `${kind}.jpg`);
    const init: RequestInit = opts.raw
      ? { body: opts.raw, headers: { 'content-type': 'multipart/form-data; boundary=nothing', cookie: this.cookieHeader() } }
      : { body: form, headers: { cookie: this.cookieHeader() } };
    const res = await fetch(`${this.link}/image/${kind}`, { method: 'POST', redirect: 'manual', ...init });
    return {
      status: res.status,
      type: res.headers.get('content-type') ?? '',
      html: await res.text(),
      location: res.headers.get('location'),
    };
  }
}

export interface CaptureInput {
  identity: Record<string, string>;
  document: Record<string, string>;
  images: Partial<Record<'front' | 'back' | 'selfie', Buffer>>;
  address: Record<string, string>;
}

/** A complete, consistent capture for a client (passport with a valid MRZ), to change one part at a time. */
export function goodCapture(
  person: { firstName: string; lastName: string; dateOfBirth: string },
  over: Partial<CaptureInput> = {},
): CaptureInput {
  const expiry = '2031-01-31';
  return {
    identity: { firstName: person.firstName, middleName: '', lastName: person.lastName, dateOfBirth: person.dateOfBirth, ...over.identity },
    document: {
      type: 'passport',
      number: 'AB123456',
      issuingCountry: 'Canada',
      expiryDate: expiry,
      mrz: passportMrz({ lastName: person.lastName, firstName: person.firstName, number: 'AB123456', birth: person.dateOfBirth, expiry }),
      ...over.document,
    },
    images: { front: photoJpeg(1280, 800), back: photoJpeg(1280, 800), selfie: photoJpeg(720, 960), ...over.images },
    address: { address: '100 Main Street', city: 'Ottawa', province: 'ON', postalCode: 'K1A 0B1', countryCode: 'CA', ...over.address },
  };
}

/** Every step, then submit; fails loudly at the first step the page refuses. */
export async function completeCapture(link: string, input: CaptureInput, opts: { submit?: boolean } = {}) {
  const c = new CaptureClient(link);
  const step = async (name: string, form: Record<string, string>) => {
    await c.open();
    const r = await c.post(name, form);
    if (r.status !== 303) throw new Error(`step ${name} answered ${r.status}: ${r.html.slice(0, 400)}`);
  };
  await step('privacy', { accept: 'yes' });
  await step('identity', input.identity);
  await step('document', input.document);
  await c.open();
  for (const kind of ['front', 'back', 'selfie'] as const) {
    if (input.document.type === 'passport' && kind === 'back') continue;
    const bytes = input.images[kind];
    if (!bytes) continue;
    const r = await c.put(kind, bytes);
    if (r.status !== 200) throw new Error(`photo ${kind} answered ${r.status}: ${JSON.stringify(r.json)}`);
  }
  await step('address', input.address);
  if (opts.submit !== false) {
    await c.open();
    const r = await c.post('submit', {});
    if (r.status !== 303) throw new Error(`submit answered ${r.status}: ${r.html.slice(0, 400)}`);
  }
  return c;
}
