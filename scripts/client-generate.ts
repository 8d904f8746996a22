// Rewrites clients/typescript/src/schema.d.ts from the OpenAPI document of a server built in this process
// on a throwaway embedded store (nothing listens, nothing of the caller's data is read).
// `npm run client:generate`; `--check` exits 1 when the file is not current (and writes nothing).
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../src/main/config.ts';
import { createContainer } from '../src/main/container.ts';
import { buildServer } from '../src/main/server.ts';
import { CLIENT_SCHEMA_FILE, clientSchemaSource } from './client-schema.ts';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vouch-openapi-'));
let source: string;
try {
  const config = loadConfig({ DATA_DIR: dataDir, SECRET_KEY: randomBytes(32).toString('hex'), LOG_LEVEL: 'warn', PGLITE_FSYNC: 'false' });
  const container = await createContainer(config);
  const app = await buildServer(container);
  try {
    source = await clientSchemaSource(app.swagger());
  } finally {
    await app.close();
    await container.close();
  }
} finally {
  fs.rmSync(dataDir, { recursive: true, force: true });
}

const file = CLIENT_SCHEMA_FILE;
const current = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
if (current === source) {
  console.log('clients/typescript/src/schema.d.ts is current');
} else if (process.argv.includes('--check')) {
  console.error('clients/typescript/src/schema.d.ts is not current; run `npm run client:generate`');
  process.exit(1);
} else {
  fs.writeFileSync(file, source);
  console.log('clients/typescript/src/schema.d.ts rewritten');
}
