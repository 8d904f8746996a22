// Rewrites the table of every route and its rails in docs/safety-rails.md (between <!-- rails:start --> and
// <!-- rails:end -->) from the routes' own declarations, read off a server built on an in-memory store.
// `npm run docs:rails`; `--check` exits 1 when the table is not current (and writes nothing).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../src/main/config.ts';
import { createContainer } from '../src/main/container.ts';
import { buildServer } from '../src/main/server.ts';
import { withRailsTable } from '../src/platform/http/rails-docs.ts';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vouch-docs-rails-'));
const container = await createContainer(loadConfig({ DATA_DIR: dataDir, DATABASE_URL: '', LOG_LEVEL: 'error' }), { inMemory: true });
const app = await buildServer(container);
const routes = app.declaredRoutes();
await app.close();
await container.close();
fs.rmSync(dataDir, { recursive: true, force: true });

const file = new URL('../docs/safety-rails.md', import.meta.url);
const doc = fs.readFileSync(file, 'utf8');
const next = withRailsTable(doc, routes);
if (next === doc) {
  console.log('docs/safety-rails.md: the rails table is current');
} else if (process.argv.includes('--check')) {
  console.error('docs/safety-rails.md: the rails table is not current; run `npm run docs:rails`');
  process.exit(1);
} else {
  fs.writeFileSync(file, next);
  console.log('docs/safety-rails.md: rails table rewritten');
}
