import { randomBytes } from 'node:crypto';
import { sha256 } from '../../../platform/crypto/index.ts';
import { fixedSubSegment, type Program } from '../../programs/index.ts';
import type { Verification } from '../domain/verification.ts';
import { VerificationErrors } from '../error-codes.ts';
import type { VerificationsDeps } from './deps.ts';
import type { Move } from './persist-move.ts';
import { admitProgram, firstStepOf, type RequestFacts, startVerification } from './start-verification.ts';

/** How long the person has to give the marketplace's token back. */
export const MARKETPLACE_TOKEN_TTL_MS = 24 * 3600 * 1000;

/** The body of `POST /verification/marketplace`, its shape checked at the route. */
export interface MarketplaceInput {
  programId: string;
  trackingId?: string;
  subject: {
    email: string;
    phoneNumber?: string;
    locale?: string;
    ipAddress?: string;
    ipAddressExtended?: string;
    deviceFingerprintHash?: string;
    externalUserId?: string;
    email2?: string;
    metadata?: Record<string, unknown> | null;
  };
}

/**
 * `POST /verification/marketplace` (token of the program's account): a marketplace starts the verification
 * of a person it knows, on `collectMarketplaceToken`. The answer holds a random `verificationToken`, shown
 * this once (only its digest is kept), which the person gives back to go on; what the marketplace said of
 * them is kept as their person data so far. A program not set up for it is `invalidProgram`.
 */
export async function startMarketplace(deps: VerificationsDeps, input: MarketplaceInput, facts: RequestFacts) {
  const program = await admitProgram(deps, input.programId, facts);
  if (!program.config.marketplace) throw VerificationErrors.notMarketplace(program.id);
  const token = randomBytes(24).toString('base64url');
  const { metadata, ...subject } = input.subject;
  const started = await startVerification(
    deps,
    { programId: program.id, trackingId: input.trackingId, metadata, locale: subject.locale },
    facts,
    {
      program,
      firstStep: 'collectMarketplaceToken',
      challenge: { hash: sha256(token), expiresAt: new Date(deps.clock.now().getTime() + MARKETPLACE_TOKEN_TTL_MS) },
      personEnc: deps.box.encryptJson(subject),
    },
  );
  return { ...started.response, verificationToken: token };
}

/**
 * `collectMarketplaceToken {verificationToken}`: the right token, in time, moves the person to the
 * program's flow; a wrong or late one ends the verification (`invalidVerificationToken`,
 * `expiredVerificationToken`: non-recoverable, as SheerID classes them). The token is spent either way.
 */
export function marketplaceToken(deps: VerificationsDeps, v: Verification, program: Program, token: string | undefined): Move {
  const spent = { challengeHash: null, challengeExpiresAt: null };
  if (token === undefined || v.challengeHash === null || sha256(token) !== v.challengeHash)
    return {
      reward: false,
      patch: { ...spent, ...ended('invalidVerificationToken', 'The verification token is not the one issued for this verification') },
    };
  if (v.challengeExpiresAt && v.challengeExpiresAt <= deps.clock.now())
    return {
      reward: false,
      patch: { ...spent, ...ended('expiredVerificationToken', 'The verification token has expired; start a new verification') },
    };
  return { reward: false, patch: { ...spent, currentStep: firstStepOf(program, fixedSubSegment(program)), errorIds: [] } };
}

const ended = (errorId: string, systemErrorMessage: string) => ({ currentStep: 'error', errorIds: [errorId], systemErrorMessage });
