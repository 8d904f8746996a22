import fs from 'node:fs';

/** The version from package.json, read once. */
export const VERSION: string = JSON.parse(fs.readFileSync(new URL('../../package.json', import.meta.url), 'utf8')).version;
