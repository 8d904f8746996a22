import { CommonErrors, isAppError } from '../../../shared/errors.ts';
import { applyDecision } from './decide-review.ts';
import { hasRole, type Principal } from '../../../shared/principal.ts';
import { fixedSubSegment } from '../../programs/index.ts';
import { approvingVerificationTypes, confirmedSegments, verificationMethod } from '../domain/outcome.ts';
import { possibleSteps } from '../domain/possible-steps.ts';
import { type FraudLabel, LABEL_STEP } from '../domain/fraud-labels.ts';
import { VerificationErrors } from '../error-codes.ts';
import type { VerificationsDeps } from './deps.ts';
import { loadVerification } from './load-verification.ts';
import { respond } from './response-context.ts';

/**
 * `GET /verification/{id}`: the current step's response, as the last step answered it. A test-mode
 * review whose special file names decide it is applied here once due, so polling sees it happen.
 */
export async function getVerification(deps: VerificationsDeps, id: string, principal: Principal | null) {
  const v = await loadVerification(deps, id, principal);
  if (v.currentStep === 'pending' && v.autoDecision && v.autoDecideAt && v.autoDecideAt <= deps.clock.now()) {
    const decision = {
      decision: v.autoDecision as 'APPROVE' | 'REJECT',
      rejectionReasons: v.autoDecision === 'REJECT' ? ['DOCUMENT_UNREADABLE'] : [],
    };
    try {
      return await applyDecision(deps, v, decision, 'test-mode');
    } catch (e) {
      if (!isAppError(e) || e.status !== 409) throw e;
      return getVerification(deps, id, principal); // decided meanwhile by another request
    }
  }
  return respond(deps, v, await deps.programs.load(v.programId));
}

/** Latest verification of a program for the integrator's own tracking id. */
export async function getByTrackingId(deps: VerificationsDeps, programId: string, trackingId: string, principal: Principal | null) {
  // Program ids are public and tracking ids often guessable, and the answer names a verification (whose id
  // leads to its reward code): only the program's own account may look one up, as with `/details`.
  const caller = requireReader(principal);
  const program = await deps.programs.load(programId, caller.accountId);
  const v = await deps.repo.findLatestByTrackingId(program.id, trackingId);
  if (!v) throw VerificationErrors.noVerification(`trackingId:${trackingId}`);
  return await respond(deps, v, program);
}

/** How many verifications the tracking-id history lists, as SheerID's. */
export const HISTORY_LIMIT = 10;

/**
 * `GET /verification/program/{programId}/trackingId/{trackingId}/history` (token of the program's
 * account): the most recent verifications for the tracking id, newest first, each in its current step.
 * None is an empty list.
 */
export async function getTrackingIdHistory(deps: VerificationsDeps, programId: string, trackingId: string, principal: Principal | null) {
  const caller = requireReader(principal);
  const program = await deps.programs.load(programId, caller.accountId);
  const found = await deps.repo.findByTrackingId(program.id, trackingId, HISTORY_LIMIT);
  return Promise.all(found.map((v) => respond(deps, v, program)));
}

/** `GET /program/{programId}/possibleSteps`: the steps a verification of the program can stand on. */
export async function getPossibleSteps(deps: VerificationsDeps, programId: string, principal: Principal | null) {
  const program = await deps.programs.load(programId, principal?.accountId);
  const { marketplace, rememberMe } = program.config;
  return {
    steps: possibleSteps(program.segment, fixedSubSegment(program), program.config.subSegments ?? null, { marketplace, rememberMe }),
  };
}

/** `GET /verification/{id}/details` (token): everything recorded about a verification, decrypted for its own account. */
export async function getVerificationDetails(deps: VerificationsDeps, id: string, principal: Principal | null) {
  const caller = requireReader(principal);
  const v = await loadVerification(deps, id, caller);
  const program = await deps.programs.load(v.programId);
  const secrets = await deps.repo.findSecrets(caller.accountId, v.id);
  const steps = await deps.repo.stepResponses(caller.accountId, v.id);
  const person = secrets?.person_enc ? deps.box.decryptJson<Record<string, unknown>>(secrets.person_enc) : null;
  const metadata = secrets?.metadata_enc ? deps.box.decryptJson<Record<string, string>>(secrets.metadata_enc) : {};
  return {
    created: v.created.getTime(),
    updated: v.updated.getTime(),
    programId: v.programId,
    trackingId: v.trackingId,
    personId: v.personId,
    lastResponse: await respond(deps, v, program),
    personInfo: person && {
      ...person,
      metadata,
      organization: v.organizationId !== null ? { id: v.organizationId, name: v.organizationName } : (person.organization ?? null),
    },
    metadata,
    docUploadRejectionCount: v.rejections.length,
    docUploadRejectionReasons: v.rejections,
    confirmedSegments: confirmedSegments(v),
    approvingVerificationTypes: approvingVerificationTypes(v),
    verificationMethod: verificationMethod(v),
    // A login at a social network is not a way Vouch verifies: there is never one to name.
    socialId: null,
    testMode: v.testMode,
    clientInfo: {
      ipAddress: secrets?.client_ip_enc ? deps.box.decrypt(secrets.client_ip_enc) : null,
      userAgent: secrets?.user_agent ?? null,
    },
    labels: steps
      .filter((s) => s.step === LABEL_STEP)
      .map(({ response: r, created_at }) => ({
        label: r.label as FraudLabel,
        comment: typeof r.commentEnc === 'string' ? deps.box.decrypt(r.commentEnc) : null,
        labeledBy: r.labeledBy as string,
        created: created_at.getTime(),
      })),
    stepHistory: steps
      .filter((s) => s.step !== LABEL_STEP)
      .map((s) => ({ step: s.step, created: s.created_at.getTime(), response: s.response })),
  };
}

/** A token of the account that may read its verifications in full (VERIFIER or REVIEWER). */
function requireReader(principal: Principal | null): Principal {
  if (!principal) throw CommonErrors.unauthorized();
  if (!hasRole(principal, 'VERIFIER') && !hasRole(principal, 'REVIEWER')) throw CommonErrors.forbidden();
  return principal;
}
