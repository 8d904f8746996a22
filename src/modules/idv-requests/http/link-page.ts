import type { FastifyInstance } from 'fastify';
import { sha256 } from '../../../platform/crypto/index.ts';
import { linkIsLive, REQUEST_STATUS, wireDate } from '../domain/model.ts';
import type { IdvDeps } from '../app/deps.ts';

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const page = (title: string, body: string) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a;line-height:1.5}
h1{font-size:1.5rem}.note{color:#444}</style></head>
<body><main><h1>${escape(title)}</h1>${body}</main></body></html>`;

/**
 * `GET /verify/{token}`: the client's landing page. A GET never consumes anything (mail scanners open
 * links); an expired, replaced or cancelled link gets a page that says so and how to get a new one.
 */
export function registerLinkPage(app: FastifyInstance, deps: IdvDeps) {
  app.get('/verify/:token', { schema: { hide: true } }, async (req, reply) => {
    const { token } = req.params as { token: string };
    reply.header('cache-control', 'no-store').header('referrer-policy', 'no-referrer').header('x-frame-options', 'DENY')
      .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'").type('text/html; charset=utf-8');
    const link = token.length <= 100 ? await deps.repo.findLinkByTokenHash(sha256(token)) : undefined;
    if (!link) return reply.status(404).send(page('Link not found', '<p>This verification link is not valid. Check that you copied the whole link from your email.</p>'));
    const request = await deps.repo.findRequest(link.account_id, link.request_id);
    const org = escape((await deps.repo.accountName(link.account_id))?.name ?? 'the organization that sent it');
    const now = deps.clock.now();
    if (linkIsLive(link, now) && request?.status === REQUEST_STATUS.pending) {
      return reply.send(page('Verify your identity', `<p>${org} asks you to verify your identity.</p>
<p>You will need your government photo ID and a phone with a camera.</p>
<p class="note">This link works until ${escape(wireDate(link.end_date)!.replace('T', ' '))} UTC.</p>`));
    }
    const why = link.status === 'superseded' ? 'A newer link has been sent for this request; use the most recent email.'
      : link.status === 'cancelled' || request?.status === REQUEST_STATUS.cancelled ? 'This verification request has been cancelled.'
        : request && request.status !== REQUEST_STATUS.pending ? 'This verification has already been completed.'
          : 'This link has expired.';
    return reply.status(410).send(page('This link can no longer be used', `<p>${escape(why)}</p><p>Please ask ${org} to send you a new link.</p>`));
  });
}
