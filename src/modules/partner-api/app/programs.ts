import { changeProgram, loadProgram, ProgramInput, storeProgram, type Program, type ProgramConfig } from '../../programs/index.ts';
import { applyAudience, presentPartnerProgram, type AudienceChange } from '../domain/partner-program.ts';
import { describeSegment, PARTNER_SEGMENTS } from '../domain/segments.ts';
import { CommonErrors } from '../../../shared/errors.ts';
import { PartnerErrors } from '../error-codes.ts';
import type { PartnerApiContext } from './deps.ts';

/** What a partner may set on a program, on create and update alike. */
export interface PartnerProgramFields {
  name?: string;
  offerDescription?: string;
  logoUrl?: string | null;
  customCss?: string;
  customerTagging?: { tags: string[] };
  oemType?: string | null;
  oemUniqueId?: string | null;
  audience?: AudienceChange;
}

/** The kinds of change a PROGRAM_CHANGE tells (the payload's `change`). */
export type ProgramChangeKind = 'update' | 'name' | 'audience' | 'archive' | 'launch' | 'unlaunch';

export const listSegments = () => PARTNER_SEGMENTS.map(describeSegment);

export async function listPartnerPrograms(deps: PartnerApiContext, accountId: string) {
  return (await deps.programs.repo.list(accountId)).map(presentPartnerProgram);
}

export async function getPartnerProgram(deps: PartnerApiContext, accountId: string, programId: string) {
  return presentPartnerProgram(await loadProgram(deps.programs, programId, accountId));
}

const audienceOrThrow = (segment: string, fields: Parameters<typeof applyAudience>[1], change: AudienceChange) => {
  const next = applyAudience(segment, fields, change);
  if (typeof next === 'string') throw PartnerErrors.badAudience(next);
  return next;
};

/** The partner settings among `f` (kept in the program's config). */
const settingsOf = (f: PartnerProgramFields) => ({
  ...(f.offerDescription !== undefined ? { offerDescription: f.offerDescription } : {}),
  ...(f.customerTagging ? { customerTags: [...new Set(f.customerTagging.tags)] } : {}),
  ...(f.oemType !== undefined ? { oemType: f.oemType } : {}),
  ...(f.oemUniqueId !== undefined ? { oemUniqueId: f.oemUniqueId } : {}),
});

/**
 * Creates a program for a segment (`segmentDescriptionName`): in test mode (`live: false`), not archived,
 * offering no code (the partner platform grants the reward itself, told by its webhooks); named after
 * the segment unless a name is given.
 */
export async function createPartnerProgram(
  deps: PartnerApiContext,
  accountId: string,
  body: PartnerProgramFields & { segmentDescriptionName: string },
) {
  const segment = body.segmentDescriptionName;
  const parsed = ProgramInput.safeParse({
    name: body.name ?? `${describeSegment(segment).displayName} program`,
    segment,
    testMode: true,
    offerType: 'noCode',
    ...(body.logoUrl !== undefined ? { logoUrl: body.logoUrl } : {}),
    ...(body.customCss !== undefined ? { customCss: body.customCss } : {}),
  });
  // The route's schema holds every field to the program's rules; this is the last word all the same.
  if (!parsed.success) throw CommonErrors.invalidRequest(`Invalid program: ${parsed.error.issues[0]?.message ?? 'refused'}`);
  const base = parsed.data;
  // The route's schema holds the language to a known locale, so the audience keeps ProgramInput's types.
  const input = body.audience ? ({ ...base, ...audienceOrThrow(segment, base, body.audience) } as ProgramInput) : base;
  const program = await storeProgram(deps.programs, accountId, input, {
    archived: false,
    offerDescription: '',
    customerTags: [],
    oemType: null,
    oemUniqueId: null,
    ...settingsOf(body),
  });
  return presentPartnerProgram(program);
}

/** `change` applied to a program's fields a partner may set. */
export function withFields(p: Program, f: PartnerProgramFields): Program {
  const audience = f.audience ? audienceOrThrow(p.segment, p.config, f.audience) : {};
  const config: ProgramConfig = {
    ...p.config,
    ...(f.logoUrl !== undefined ? { logoUrl: f.logoUrl } : {}),
    ...(f.customCss !== undefined ? { customCss: f.customCss } : {}),
    ...settingsOf(f),
  };
  // An audience replaces the optional fields it holds: one it clears is removed from the config.
  if (f.audience) {
    delete config.subSegments;
    delete config.minAge;
    delete config.maxAge;
    Object.assign(config, audience);
  }
  return { ...p, name: f.name ?? p.name, config };
}

/**
 * Changes a program of the account, and when the stored program differs afterwards, tells its
 * PROGRAM_CHANGE webhooks (and account endpoints subscribed to `program.changed`) in the same transaction.
 */
export async function changePartnerProgram(
  deps: PartnerApiContext,
  accountId: string,
  programId: string,
  kind: ProgramChangeKind,
  change: (p: Program) => Program,
) {
  const program = await changeProgram(deps.programs, accountId, programId, change, async (trx, before, after) => {
    if (canonical(before) === canonical(after)) return;
    await deps.outbox.emit(trx, {
      accountId,
      type: 'program.changed',
      subjectId: programId,
      payload: { programId, change: kind, live: !after.testMode, archived: after.config.archived ?? false },
    });
  });
  return presentPartnerProgram(program);
}

/** A value as JSON with every object's keys in order, so that two equal programs read the same however built. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v) =>
    v && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

export const archive = (p: Program): Program => ({ ...p, config: { ...p.config, archived: true } });
export const launch = (p: Program): Program => ({ ...p, testMode: false });
export const unlaunch = (p: Program): Program => ({ ...p, testMode: true });
