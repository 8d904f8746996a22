import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { AppError } from '../../shared/errors.ts';
import { OPEN_READ, rails } from './rails.ts';

// Started from a file rather than an inline script, so the page's policy allows scripts of this origin only.
// No validator badge: Swagger UI would otherwise send the document to a public validator.
const INIT = `window.ui = SwaggerUIBundle({
  url: document.getElementById('api').dataset.url,
  dom_id: '#api',
  validatorUrl: null,
  deepLinking: true,
});
`;

/** Swagger UI's prebuilt files, served from the installed package (the page fetches nothing from elsewhere), and its start. */
const uiDir = path.dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
const JS = 'text/javascript; charset=utf-8';
const FILES: Record<string, { type: string; body: () => fs.ReadStream | string }> = {
  'swagger-ui.css': { type: 'text/css; charset=utf-8', body: () => fs.createReadStream(path.join(uiDir, 'swagger-ui.css')) },
  'swagger-ui-bundle.js': { type: JS, body: () => fs.createReadStream(path.join(uiDir, 'swagger-ui-bundle.js')) },
  'init.js': { type: JS, body: () => INIT },
};

/** Swagger UI sets element styles from script; its stylesheet draws icons from data: URLs. */
const CSP =
  "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
  "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

const page = (documentUrl: string) => `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Vouch API</title>
<link rel="stylesheet" href="/docs/swagger-ui.css">
</head>
<body>
<div id="api" data-url="${documentUrl}"></div>
<script src="/docs/swagger-ui-bundle.js"></script>
<script src="/docs/init.js"></script>
</body>
</html>
`;

/** `GET /docs`: the API reference rendered from `documentUrl`, and its files; none of it is in the document. */
export function registerDocsPage(app: FastifyInstance, documentUrl: string) {
  const config = rails(OPEN_READ);
  app.get('/docs', { schema: { hide: true }, config }, async (_req, reply) =>
    reply.type('text/html; charset=utf-8').header('content-security-policy', CSP).send(page(documentUrl)),
  );
  app.get('/docs/:file', { schema: { hide: true }, config }, async (req, reply) => {
    const { file } = req.params as { file: string };
    const served = Object.hasOwn(FILES, file) ? FILES[file] : undefined;
    if (!served) throw new AppError('notFound', 404, `No file '${file}' in the API reference`);
    return reply
      .type(served.type)
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', 'public, max-age=3600')
      .send(served.body());
  });
}
