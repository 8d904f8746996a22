import { hasRole, type Principal } from '../../../shared/principal.ts';
import { CommonErrors } from '../../../shared/errors.ts';
import { SEGMENTS } from '../../eligibility-terms/index.ts';
import { availability, fixedSubSegment, ProgramErrors, type Program } from '../../programs/index.ts';
import { isCountry, isFreeText, isLocale } from '../domain/field-rules.ts';
import { checkKeys, checkMetadata } from '../domain/person-validation.ts';
import type { Verification } from '../domain/verification.ts';
import { VerificationErrors } from '../error-codes.ts';
import type { VerificationsDeps } from './deps.ts';
import { respond } from './response-context.ts';
import { verificationEvent } from './webhook-events.ts';

export interface RequestFacts {
  principal: Principal | null;
  clientIp: string | null;
  userAgent: string | null;
}

const CREATE_KEYS = ['programId', 'trackingId', 'installPageUrl', 'metadata', 'locale', 'country'] as const;

const reject = (message: string, errorId = 'invalidRequest') => VerificationErrors.badBody(null, errorId, message);

/** Checks the program accepts a new verification from this caller now. */
export async function admitProgram(deps: VerificationsDeps, programId: unknown, facts: RequestFacts): Promise<Program> {
  if (typeof programId !== 'string') throw reject("Property 'programId' is required and must be a string");
  const program = await deps.programs.load(programId, facts.principal?.accountId);
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

/** `POST /verification`: a new verification on the program's first step. */
export async function startVerification(deps: VerificationsDeps, body: unknown, facts: RequestFacts) {
  const keyProblem = checkKeys(body, CREATE_KEYS);
  if (keyProblem) throw reject(keyProblem.message);
  const b = body as Record<string, unknown>;
  const program = await admitProgram(deps, b.programId, facts);
  if (b.trackingId !== undefined && (typeof b.trackingId !== 'string' || !isFreeText(200)(b.trackingId))) {
    throw reject("Property 'trackingId' must be a string of 1 to 200 printable characters");
  }
  if (b.installPageUrl !== undefined && (typeof b.installPageUrl !== 'string' || b.installPageUrl.length > 2000)) {
    throw reject("Property 'installPageUrl' must be a string");
  }
  const checked = checkMetadata(b.metadata);
  if (checked.kind !== 'ok') throw reject(checked.message, checked.errorId);
  const metadata = checked.metadata;
  const locale = pickLocale(program, b.locale);
  const country = pickCountry(program, b.country);

  const now = deps.clock.now();
  const sub = fixedSubSegment(program);
  const v: Verification = {
    id: deps.ids.hex24(),
    accountId: program.accountId,
    programId: program.id,
    segment: program.segment,
    subSegment: sub,
    currentStep: SEGMENTS[program.segment].firstStep(sub),
    locale,
    country,
    testMode: program.testMode,
    trackingId: (b.trackingId as string | undefined) ?? null,
    errorIds: [],
    systemErrorMessage: null,
    rewardCode: null,
    organizationId: null,
    organizationName: null,
    personId: null,
    docAttempts: 0,
    rejections: [],
    pendingSince: null,
    autoDecision: null,
    autoDecideAt: null,
    version: 1,
    created: now,
    updated: now,
  };
  const extra = b.installPageUrl ? { ...metadata, installPageUrl: b.installPageUrl as string } : metadata;
  const response = await respond(deps, v, program);
  await deps.repo.insert(
    v,
    {
      metadataEnc: Object.keys(extra).length ? deps.box.encryptJson(extra) : null,
      personEnc: null,
      clientIpEnc: facts.clientIp ? deps.box.encrypt(facts.clientIp) : null,
      userAgent: facts.userAgent?.slice(0, 500) ?? null,
      createdByToken: facts.principal?.tokenId ?? null,
    },
    response,
    (trx) => deps.events.emit(trx, verificationEvent(v, 'verification.created')),
  );
  return { verification: v, program, response };
}

function pickLocale(program: Program, value: unknown): string {
  if (value === undefined) return program.config.locales[0];
  if (typeof value !== 'string' || !isLocale(value)) throw reject("Property 'locale' must look like 'en-US'");
  const locale = value.replace('_', '-');
  return (program.config.locales as string[]).includes(locale) ? locale : program.config.locales[0];
}

function pickCountry(program: Program, value: unknown): string {
  if (value === undefined) return program.config.countries[0];
  if (typeof value !== 'string' || !isCountry(value)) throw reject("Property 'country' must be an ISO 3166 alpha-2 code such as 'US'");
  if (!program.config.countries.includes(value)) {
    throw reject(`Program '${program.id}' does not serve country '${value}'; it serves ${program.config.countries.join(', ')}`);
  }
  return value;
}
