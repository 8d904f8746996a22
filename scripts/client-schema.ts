import openapiTS, { astToString, type OpenAPI3 } from 'openapi-typescript';

/** Where the typed client keeps the types generated from the server's OpenAPI document. */
export const CLIENT_SCHEMA_FILE = new URL('../clients/typescript/src/schema.d.ts', import.meta.url);

const HEADER = `// Generated from Vouch's OpenAPI document by \`npm run client:generate\`: do not edit by hand.
// A test fails when this file is not what generation gives for the current server.

`;

/** The TypeScript types of an OpenAPI document (`paths`, `components`, `operations`), as the client imports them. */
export async function clientSchemaSource(document: object): Promise<string> {
  // The servers carry the generating server's address, which is not part of the API's shape.
  const { servers: _servers, ...shape } = document as OpenAPI3;
  return HEADER + astToString(await openapiTS(shape as OpenAPI3));
}
