/**
 * The hosted verification form (`/form/{programId}`) and its embed script (`/js/vouch.js`): the pages a
 * program's end users see, built entirely on the public `/rest/v2` API (see http/api-client.ts).
 */
export { createHostedFormModule } from './module.ts';
