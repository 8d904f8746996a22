import { sha256 } from '../../../platform/crypto/index.ts';
import { CommonErrors } from '../../../shared/errors.ts';
import { ProgramInput, type PartnerSettings, type Program } from '../domain/program.ts';
import type { ProgramsDeps } from './deps.ts';

/**
 * Validates a program definition and stores it under the account: for a definition that arrives outside
 * a route's schema (the command line's file, the bootstrap).
 */
export async function createProgram(deps: ProgramsDeps, accountId: string, input: unknown): Promise<Program> {
  const parsed = ProgramInput.safeParse(input);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
    throw CommonErrors.invalidRequest(`Invalid program: ${issues.map((i) => `${i.path || 'body'}: ${i.message}`).join('; ')}`, { issues });
  }
  return storeProgram(deps, accountId, parsed.data);
}

/**
 * Stores a program definition already read by `ProgramInput` (the management route's body schema);
 * `partner`: what a partner platform keeps on it (the partner API's create).
 */
export async function storeProgram(
  deps: ProgramsDeps,
  accountId: string,
  input: ProgramInput,
  partner?: Partial<PartnerSettings>,
): Promise<Program> {
  const { name, segment, testMode, ...given } = input;
  // An override code is a secret: only its digest is kept (resultOverride compares digests).
  const config = { ...given, overrideCodes: given.overrideCodes.map((c) => sha256(c)), ...partner };
  const program: Program = { id: deps.ids.hex24(), accountId, name, segment, testMode, config, created: deps.clock.now() };
  await deps.repo.insert(program);
  return program;
}

export const presentProgram = ({ config: { overrideCodes = [], ...config }, ...p }: Program) => ({
  id: p.id,
  name: p.name,
  segment: p.segment,
  testMode: p.testMode,
  ...config,
  overrideCodeCount: overrideCodes.length,
  created: p.created.getTime(),
});
