import { CommonErrors } from '../../../shared/errors.ts';
import { ProgramInput, type Program } from '../domain/program.ts';
import type { ProgramsDeps } from './deps.ts';

/** Validates a program definition and stores it under the account. */
export async function createProgram(deps: ProgramsDeps, accountId: string, input: unknown): Promise<Program> {
  const parsed = ProgramInput.safeParse(input);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
    throw CommonErrors.invalidRequest(`Invalid program: ${issues.map((i) => `${i.path || 'body'}: ${i.message}`).join('; ')}`, { issues });
  }
  const { name, segment, testMode, ...config } = parsed.data;
  const program: Program = { id: deps.ids.hex24(), accountId, name, segment, testMode, config, created: deps.clock.now() };
  await deps.repo.insert(program);
  return program;
}

export const presentProgram = (p: Program) => ({
  id: p.id,
  name: p.name,
  segment: p.segment,
  testMode: p.testMode,
  ...p.config,
  created: p.created.getTime(),
});
