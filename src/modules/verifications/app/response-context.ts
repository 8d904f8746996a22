import { MILITARY_STATUSES } from '../../eligibility-terms/index.ts';
import { ageBounds, type Program } from '../../programs/index.ts';
import { presentResponse, type ResponseContext } from '../domain/response.ts';
import type { Verification } from '../domain/verification.ts';

export function responseContext(program: Program, publicUrl: string): ResponseContext {
  const subs = program.config.subSegments;
  return {
    publicUrl,
    redirectUrl: program.config.redirectUrl ?? null,
    maxReviewTime: program.config.maxReviewTime,
    estimatedReviewTime: program.config.estimatedReviewTime,
    ...ageBounds(program),
    availableStatuses: Object.entries(MILITARY_STATUSES)
      .filter(([, m]) => !subs?.length || subs.includes(m.subSegment)).map(([status]) => status),
  };
}

export const respond = (v: Verification, program: Program, publicUrl: string) =>
  presentResponse(v, responseContext(program, publicUrl));
