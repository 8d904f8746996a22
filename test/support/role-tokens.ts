import { expect } from 'vitest';
import { api } from './app.ts';

/** Issues, with an ADMIN token, one API token per role, each holding that role only. */
export async function oneRoleTokens<R extends string>(baseUrl: string, adminToken: string, roles: readonly R[]) {
  const tokens = {} as Record<Lowercase<R>, string>;
  for (const role of roles) {
    const r = await api(`${baseUrl}/manage/v1/tokens`, { token: adminToken, body: { name: `only ${role}`, roles: [role] } });
    expect(r.status).toBe(201);
    tokens[role.toLowerCase() as Lowercase<R>] = r.json.token;
  }
  return tokens;
}
