import http from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';

/**
 * A real OpenID Connect provider (`oidc-provider`) on loopback, for the single sign-on tests: one static
 * confidential client, its people and their `eduPersonAffiliation` claim, released with the scope
 * `affiliation` (through UserInfo, as the provider conforms ID token claims). Its development sign-in pages
 * take any login; `signIn` drives them as a browser would.
 */
export interface TestOidcIdp {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Follows a browser from the authorization URL through sign-in and consent; answers where the provider sends it back. */
  signIn(authorizationUrl: string, login: string): Promise<string>;
  close(): Promise<void>;
}

export async function startOidcIdp(redirectUri: string, people: Record<string, string[]>): Promise<TestOidcIdp> {
  let handler: http.RequestListener = (_req, res) => res.writeHead(503).end();
  const server = http.createServer((req, res) => handler(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const clientId = 'vouch-test';
  const clientSecret = 'a-long-enough-client-secret-for-the-tests-0123456789';
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: [redirectUri],
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_basic',
      },
    ],
    claims: { openid: ['sub'], affiliation: ['eduPersonAffiliation'] },
    scopes: ['openid', 'affiliation'],
    findAccount: async (_ctx, sub) => ({
      accountId: sub,
      claims: async () => ({ sub, ...(people[sub] ? { eduPersonAffiliation: people[sub] } : {}) }),
    }),
    features: { devInteractions: { enabled: true } },
    cookies: { keys: ['test-cookie-key-0123456789abcdef'] },
  });
  handler = provider.callback();

  async function signIn(authorizationUrl: string, login: string): Promise<string> {
    const jar = new Map<string, string>();
    const send = async (url: string, init: { method?: string; body?: string } = {}) => {
      const res = await fetch(url, {
        method: init.method ?? 'GET',
        redirect: 'manual',
        headers: {
          cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; '),
          ...(init.body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
        },
        body: init.body,
      });
      for (const c of res.headers.getSetCookie()) {
        const [pair] = c.split(';');
        const i = pair.indexOf('=');
        jar.set(pair.slice(0, i), pair.slice(i + 1));
      }
      return res;
    };
    let url = authorizationUrl;
    for (let hops = 0; hops < 12; hops++) {
      if (!url.startsWith(issuer)) return url;
      const res = await send(url);
      const location = res.headers.get('location');
      if (location) {
        url = new URL(location, url).href;
        continue;
      }
      const page = await res.text();
      if (res.status !== 200 || !new URL(url).pathname.startsWith('/interaction/'))
        throw new Error(`provider answered ${res.status}: ${page}`);
      const form = page.includes('name="login"')
        ? new URLSearchParams({ prompt: 'login', login, password: 'any' })
        : new URLSearchParams({ prompt: 'consent' });
      const posted = await send(url, { method: 'POST', body: form.toString() });
      const next = posted.headers.get('location');
      if (!next) throw new Error(`provider answered ${posted.status} to the ${form.get('prompt')} form`);
      url = new URL(next, url).href;
    }
    throw new Error('too many redirects at the provider');
  }

  return {
    issuer,
    clientId,
    clientSecret,
    signIn,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
