import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { CONSOLE_CSS } from '../../../platform/html/console-style.ts';
import { OPEN_READ, rails } from '../../../platform/http/rails.ts';
import { PASSKEYS_JS } from './passkeys-script.ts';

/** The WebAuthn helper library, served from the installed package (no CDN). */
const WEBAUTHN_JS = readFileSync(
  path.join(path.dirname(createRequire(import.meta.url).resolve('@simplewebauthn/browser')), '../dist/bundle/index.umd.min.js'),
  'utf8',
);

/** The console's stylesheet and scripts: constants, cached for an hour. */
export function registerConsoleAssets(app: FastifyInstance) {
  const assets: [string, string, string][] = [
    ['/console/assets/console.css', 'text/css; charset=utf-8', CONSOLE_CSS],
    ['/console/assets/webauthn.js', 'text/javascript; charset=utf-8', WEBAUTHN_JS],
    ['/console/assets/passkeys.js', 'text/javascript; charset=utf-8', PASSKEYS_JS],
  ];
  for (const [path, type, body] of assets)
    app.get(path, { schema: { hide: true }, config: rails(OPEN_READ) }, async (_req, reply) =>
      reply.type(type).header('cache-control', 'public, max-age=3600').header('x-content-type-options', 'nosniff').send(body),
    );
}
