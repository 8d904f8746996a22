import { compiledEntry } from '../../bin/compiled-sources.mjs';
import { pgliteTemplate } from './pglite-template.ts';
import { TEST_STORE } from './stores.ts';

/**
 * Once per run, before any test file: the embedded store's template database, and the CLI's compiled
 * sources, so that files starting together find them made instead of each making its own.
 */
export default async function setup() {
  await compiledEntry('main/cli.ts');
  if (TEST_STORE === 'pglite') await pgliteTemplate();
}
