// Rewrites the configuration table of README.md (between <!-- env:start --> and <!-- env:end -->) from the
// variables declared in src/main/config-vars.ts; nothing outside the markers is touched.
// `npm run docs:config`; `--check` exits 1 when the table is not current (and writes nothing).
import fs from 'node:fs';
import { withEnvTable } from '../src/main/config-docs.ts';

const file = new URL('../README.md', import.meta.url);
const readme = fs.readFileSync(file, 'utf8');
const next = withEnvTable(readme);
if (next === readme) {
  console.log('README.md: the configuration table is current');
} else if (process.argv.includes('--check')) {
  console.error('README.md: the configuration table is not current; run `npm run docs:config`');
  process.exit(1);
} else {
  fs.writeFileSync(file, next);
  console.log('README.md: configuration table rewritten');
}
