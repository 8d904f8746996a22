// `node --import ./test/support/import-recorder.mjs ...` appends the URL of every ES module (and CommonJS
// entry imported from one) the process loads to the file named by IMPORT_RECORD, one per line.
import { register } from 'node:module';

register('./import-recorder-hooks.mjs', import.meta.url, { data: { file: process.env.IMPORT_RECORD } });
