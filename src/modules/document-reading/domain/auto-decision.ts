/**
 * When a report may be decided without a person: only when the account turned it on (off by default),
 * and only when every check that ran passed and the checks that read the document itself ran. Anything
 * else, a not-run reading included, goes to a human. An auto-rejection happens only on the failures the
 * setting names (none by default).
 */
export interface AutoDecisionSetting {
  autoApprove: boolean;
  /** Check names whose failure rejects without a person. */
  autoRejectOn: string[];
}
export const AUTO_DECISION_OFF: AutoDecisionSetting = { autoApprove: false, autoRejectOn: [] };

interface AnyCheck {
  name: string;
  result: 'pass' | 'fail' | 'not-run';
  reason: string;
}

/** The checks of which at least one must have passed: the document itself was read. */
const READ_FROM_DOCUMENT = ['mrzFromImage', 'barcodeFromImage', 'documentText'];

export function autoDecision(checks: AnyCheck[], setting: AutoDecisionSetting): { decision: 'APPROVE' | 'REJECT' | null; reason: string } {
  const failedOnes = checks.filter((c) => c.result === 'fail');
  const rejecting = failedOnes.filter((c) => setting.autoRejectOn.includes(c.name));
  if (rejecting.length) return { decision: 'REJECT', reason: `Rejected automatically: ${rejecting.map((c) => c.name).join(', ')} failed` };
  if (!setting.autoApprove) return { decision: null, reason: 'Automatic approval is off: a reviewer decides' };
  if (failedOnes.length) return { decision: null, reason: `A reviewer decides: ${failedOnes.map((c) => c.name).join(', ')} failed` };
  if (!checks.some((c) => READ_FROM_DOCUMENT.includes(c.name) && c.result === 'pass'))
    return { decision: null, reason: 'A reviewer decides: the document itself could not be read' };
  return { decision: 'APPROVE', reason: 'Approved automatically: every check that applies passed' };
}
