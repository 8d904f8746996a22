import { HEX24 } from '../../../shared/ids.ts';
import { fixedSubSegment, type Program } from '../../programs/index.ts';
import { type FraudLabel, LABEL_STEP } from '../domain/fraud-labels.ts';
import { possibleSteps } from '../domain/possible-steps.ts';
import { VerificationErrors } from '../error-codes.ts';
import type { ExploreFilter } from '../infra/console-reads-repository.ts';
import type { ConsoleReadDeps } from './review-subject.ts';

/** One page of the account's verifications, newest first, filtered (no personal data). */
export function exploreVerifications(deps: Pick<ConsoleReadDeps, 'reads'>, accountId: string, filter: ExploreFilter) {
  return deps.reads.explorePage(accountId, { ...filter, limit: Math.min(Math.max(filter.limit, 1), 500) });
}

/** Every step a verification of these programs can stand on (the explorer's step filter), in flow order. */
export function stepsOfPrograms(programs: Program[]): string[] {
  const steps = new Set<string>();
  for (const p of programs) {
    const { marketplace, rememberMe } = p.config;
    for (const s of possibleSteps(p.segment, fixedSubSegment(p), p.config.subSegments ?? null, { marketplace, rememberMe })) steps.add(s);
  }
  steps.add('consolation');
  return [...steps];
}

/**
 * One verification as the explorer shows it: its state, the steps it went through (what each answered:
 * step, errors, rejection reasons; never the upload URLs the answers held), fraud labels, and the
 * reviewers' decisions. The person, metadata and label comments only when `withPerson` (roles that may
 * see personal data); otherwise they are not even decrypted.
 */
export async function verificationDossier(deps: ConsoleReadDeps, accountId: string, id: string, withPerson: boolean) {
  const v = HEX24.test(id) ? await deps.repo.findById(id) : undefined;
  if (!v || v.accountId !== accountId) throw VerificationErrors.noVerification(id);
  const steps = await deps.repo.stepResponses(accountId, v.id);
  const decisions = await deps.reads.decisions(accountId, v.id);
  const secrets = withPerson ? await deps.repo.findSecrets(accountId, v.id) : undefined;
  const strings = (x: unknown) => (Array.isArray(x) ? x.filter((s): s is string => typeof s === 'string') : []);
  return {
    verification: v,
    steps: steps
      .filter((s) => s.step !== LABEL_STEP)
      .map((s) => ({
        step: s.step,
        at: s.created_at,
        errorIds: strings(s.response.errorIds),
        rejectionReasons: strings(s.response.rejectionReasons),
      })),
    labels: steps
      .filter((s) => s.step === LABEL_STEP)
      .map(({ response: r, created_at }) => ({
        label: r.label as FraudLabel,
        labeledBy: String(r.labeledBy ?? ''),
        comment: withPerson && typeof r.commentEnc === 'string' ? deps.box.decrypt(r.commentEnc) : null,
        at: created_at,
      })),
    decisions: decisions.map((d) => ({
      attempt: d.attempt,
      decision: d.decision,
      rejectionReasons: d.rejection_reasons,
      decidedBy: d.decided_by,
      at: d.decided_at,
    })),
    person: secrets?.person_enc ? deps.box.decryptJson<Record<string, unknown>>(secrets.person_enc) : null,
    metadata: secrets?.metadata_enc ? deps.box.decryptJson<Record<string, string>>(secrets.metadata_enc) : null,
  };
}
