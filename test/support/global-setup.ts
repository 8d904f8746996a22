import { pgliteTemplate } from './pglite-template.ts';
import { TEST_STORE } from './stores.ts';

/** Once per run, before any test file: the embedded store's template database, so that files starting together find it made. */
export default async function setup() {
  if (TEST_STORE === 'pglite') await pgliteTemplate();
}
