import type { Database } from '../../../platform/db/index.ts';
import type { EventType, WebhookEvent } from '../../webhooks/index.ts';
import { isExpired, type Verification } from '../domain/verification.ts';
import type { VerificationsDeps } from './deps.ts';

/** The steps whose arrival is told to webhook endpoints. */
const TOLD: Record<string, EventType> = {
  success: 'verification.success',
  docUpload: 'verification.docUpload',
  pending: 'verification.pending',
  error: 'verification.error',
  emailLoop: 'verification.emailLoop',
  consolation: 'verification.consolation',
};

/** The event type that tells the arrival of `step`, if that arrival is told. */
export const toldTypeOf = (step: string): EventType | undefined => (Object.hasOwn(TOLD, step) ? TOLD[step] : undefined);

/** SheerID's notifier event names, where one matches the change (the payload shape of its feature webhooks). */
function notifierEventType(v: Verification): string | undefined {
  if (v.currentStep === 'success') return 'SUCCESS';
  if (isExpired(v)) return 'EXPIRATION';
  if (v.currentStep === 'error') return 'ERROR';
  if (v.currentStep === 'consolation') return 'CONSOLATION';
  if (v.currentStep === 'docUpload' && v.rejections.length > 0) return 'DOCUMENT_REJECTED';
  return undefined;
}

/** The eligibility payload: ids and state only, never PII (integrators read details with their token). */
export function verificationEvent(v: Verification, type: EventType): WebhookEvent {
  const notifier = type === 'verification.reminder' ? 'REMINDER' : notifierEventType(v);
  return {
    accountId: v.accountId,
    type,
    subjectId: v.id,
    payload: {
      verificationId: v.id,
      ...(notifier ? { notifierEventType: notifier } : {}),
      programId: v.programId,
      currentStep: v.currentStep,
      segment: v.segment,
      subSegment: v.subSegment,
      errorIds: v.errorIds,
      trackingId: v.trackingId,
    },
  };
}

/** Emits the step change of `next`, in the transaction that makes it, when the step is one that is told. */
export async function emitStepChange(deps: VerificationsDeps, trx: Database, before: Verification, next: Verification) {
  const type = TOLD[next.currentStep];
  if (type && (next.currentStep !== before.currentStep || next.docAttempts !== before.docAttempts))
    await deps.events.emit(trx, verificationEvent(next, type));
}

/**
 * The `verification.reverified` events of stored re-verifications. Their subject is the original
 * verification, so that they follow its earlier events in sequence.
 */
export function reverifiedEvents(
  prepared: {
    outcome: string;
    row?: {
      id: string;
      account_id: string;
      program_id: string;
      current_step: string;
      error_ids: string;
      reverify_of: string;
      reverify_batch_id: string;
      segment: string;
      sub_segment: string | null;
      tracking_id: string | null;
    };
  }[],
): WebhookEvent[] {
  return prepared.flatMap(({ outcome, row: r }) =>
    r
      ? [
          {
            accountId: r.account_id,
            type: 'verification.reverified' as const,
            subjectId: r.reverify_of,
            payload: {
              verificationId: r.id,
              reverifyOf: r.reverify_of,
              batchId: r.reverify_batch_id,
              outcome,
              programId: r.program_id,
              currentStep: r.current_step,
              segment: r.segment,
              subSegment: r.sub_segment,
              errorIds: JSON.parse(r.error_ids) as string[],
              trackingId: r.tracking_id,
            },
          },
        ]
      : [],
  );
}
