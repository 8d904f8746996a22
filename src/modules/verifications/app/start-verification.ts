import { hasRole, type Principal } from '../../../shared/principal.ts';
import { CommonErrors } from '../../../shared/errors.ts';
import { SEGMENTS } from '../../eligibility-terms/index.ts';
import { availability, fixedSubSegment, ProgramErrors, type Program } from '../../programs/index.ts';
import { checkMetadata } from '../domain/person-validation.ts';
import { hostOfUrl, sameHost, underDomain } from '../domain/site-domains.ts';
import type { Verification } from '../domain/verification.ts';
import { VerificationErrors } from '../error-codes.ts';
import type { VerificationsDeps } from './deps.ts';
import { judge, refusalMessage } from './abuse-check.ts';
import { respond } from './response-context.ts';
import { verificationEvent } from './webhook-events.ts';

export interface RequestFacts {
  principal: Principal | null;
  clientIp: string | null;
  userAgent: string | null;
  /** The page the request comes from (its Origin or Referer header), when the browser says. */
  origin: string | null;
}

/** The body of `POST /verification`, its shape checked at the route (http/bodies.ts). */
export interface StartInput {
  programId: string;
  trackingId?: string;
  installPageUrl?: string;
  /** Checked here: its limits have errorIds of their own. */
  metadata?: Record<string, unknown> | null;
  /** A locale in the form `en-US` (or `en_US`). */
  locale?: string;
  /** An ISO 3166 alpha-2 code; whether the program serves it is checked here. */
  country?: string;
}

const reject = (message: string, errorId = 'invalidRequest') => VerificationErrors.badBody(null, errorId, message);

/** Checks the program accepts a new verification from this caller now. */
export async function admitProgram(deps: VerificationsDeps, programId: string, facts: RequestFacts): Promise<Program> {
  const program = await deps.programs.load(programId, facts.principal?.accountId);
  // A page of another site may not start verifications of the program; an integrator's token may, and so
  // may Vouch's own hosted form (where it may be embedded is the program's frame-ancestors).
  const allowed = program.config.allowedDomains ?? [];
  if (
    allowed.length &&
    !facts.principal &&
    !sameHost(facts.origin, deps.publicUrl) &&
    !allowed.some((d) => underDomain(hostOfUrl(facts.origin), d))
  )
    throw VerificationErrors.unauthorizedDomain(program.id, hostOfUrl(facts.origin));
  if (program.config.requireBackendCreation) {
    if (!facts.principal) throw VerificationErrors.backendOnly(program.id);
    if (!hasRole(facts.principal, 'VERIFIER')) throw CommonErrors.forbidden();
  }
  const state = availability(program, deps.clock.now());
  if (state === 'inactive') throw ProgramErrors.inactiveProgram(program.id);
  if (state === 'expired') throw ProgramErrors.expiredProgram(program.id);
  if (program.config.offerType === 'rewardPool' && !program.testMode && (await deps.programs.remainingRewardCodes(program.id)) === 0) {
    throw ProgramErrors.noRemainingRewardCodes(program.id);
  }
  return program;
}

/** How a start other than `POST /verification` begins: the marketplace's, on its own step with its token. */
export interface StartOptions {
  program: Program;
  firstStep: string;
  challenge: { hash: string; expiresAt: Date };
  /** What is known of the person already (encrypted). */
  personEnc: string;
}

/** `POST /verification`: a new verification on the program's first step. */
export async function startVerification(deps: VerificationsDeps, input: StartInput, facts: RequestFacts, options?: StartOptions) {
  const program = options?.program ?? (await admitProgram(deps, input.programId, facts));
  const verdict = await judge(deps, program, null, { kind: 'start', ip: facts.clientIp });
  if (!verdict.ok) throw VerificationErrors.refusedAsAbuse(null, verdict.errorId, refusalMessage(verdict.errorId));
  const checked = checkMetadata(input.metadata);
  if (checked.kind !== 'ok') throw reject(checked.message, checked.errorId);
  const metadata = checked.metadata;
  const locale = pickLocale(program, input.locale);
  const country = pickCountry(program, input.country);

  const now = deps.clock.now();
  const sub = fixedSubSegment(program);
  const v: Verification = {
    id: deps.ids.hex24(),
    accountId: program.accountId,
    programId: program.id,
    segment: program.segment,
    subSegment: sub,
    currentStep: options?.firstStep ?? firstStepOf(program, sub),
    locale,
    country,
    testMode: program.testMode,
    trackingId: input.trackingId ?? null,
    errorIds: [],
    systemErrorMessage: null,
    errorDetailIds: [],
    rewardCode: null,
    organizationId: null,
    organizationName: null,
    personId: null,
    docAttempts: 0,
    rejections: [],
    pendingSince: null,
    autoDecision: null,
    autoDecideAt: null,
    overrideAttempts: 0,
    approvedBy: null,
    challengeHash: options?.challenge.hash ?? null,
    challengeExpiresAt: options?.challenge.expiresAt ?? null,
    challengeAttempts: 0,
    loopSends: 0,
    version: 1,
    created: now,
    updated: now,
  };
  const extra = input.installPageUrl ? { ...metadata, installPageUrl: input.installPageUrl } : metadata;
  const response = await respond(deps, v, program);
  await deps.repo.insert(
    v,
    {
      metadataEnc: Object.keys(extra).length ? deps.box.encryptJson(extra) : null,
      personEnc: options?.personEnc ?? null,
      clientIpEnc: facts.clientIp ? deps.box.encrypt(facts.clientIp) : null,
      userAgent: facts.userAgent?.slice(0, 500) ?? null,
      createdByToken: facts.principal?.tokenId ?? null,
    },
    response,
    // An account without endpoints stores no event: the verification and its step are then one statement.
    (await deps.events.isQuiet(v.accountId)) ? undefined : (trx) => deps.events.emit(trx, verificationEvent(v, 'verification.created')),
  );
  return { verification: v, program, response };
}

/** The first step of a program's flow: Remember-Me programs first ask who the person is. */
export const firstStepOf = (program: Program, sub: string | null) =>
  program.config.rememberMe ? 'collectIdentifier' : SEGMENTS[program.segment].firstStep(sub);

function pickLocale(program: Program, value: string | undefined): string {
  if (value === undefined) return program.config.locales[0];
  const locale = value.replace('_', '-');
  return (program.config.locales as string[]).includes(locale) ? locale : program.config.locales[0];
}

function pickCountry(program: Program, value: string | undefined): string {
  if (value === undefined) return program.config.countries[0];
  if (!program.config.countries.includes(value)) {
    throw reject(`Program '${program.id}' does not serve country '${value}'; it serves ${program.config.countries.join(', ')}`);
  }
  return value;
}
