import { hasRole, type Principal } from '../../../shared/principal.ts';
import { deciderIds, deciderText, type Happening, timeline } from '../domain/timeline.ts';
import type { ExplorerDeps } from './deps.ts';

/** The roles that may see a person's data (ADMIN holds every role); VIEWER sees the rest. */
export const mayReadPersonalData = (p: Principal) => hasRole(p, 'REVIEWER') || hasRole(p, 'VERIFIER');

/**
 * One verification as the explorer shows it: state, history in time order (steps, decisions, labels,
 * webhook events), documents, the webhooks' deliveries, the audit entries about it and its documents, and
 * the person, metadata, file names and reviewers' notes for those who may read personal data (for the
 * others they are not even decrypted).
 */
export async function viewVerification(deps: ExplorerDeps, principal: Principal, id: string) {
  const { accountId } = principal;
  const personal = mayReadPersonalData(principal);
  const dossier = await deps.dossier(accountId, id, personal);
  const v = dossier.verification;
  const program = (await deps.programs(accountId)).find((p) => p.id === v.programId) ?? null;
  // Documents are declared for the attempt after the last one submitted, before it is.
  const documents = await deps.documents(v.id, v.docAttempts + 1, personal);
  const webhooks = await deps.webhooks(accountId, v.id);
  const audit = [
    ...(await deps.audit(accountId, v.id)),
    ...(await Promise.all(documents.map((d) => deps.audit(accountId, d.documentId)))).flat(),
  ].sort((a, b) => Number(b.id) - Number(a.id));
  const notes = personal ? await deps.notes(accountId, v.id) : [];
  // People are named by their email: who decided, and who is behind each audit entry of a console session.
  const actors = audit.filter((a) => a.actor.type === 'user' && a.actor.id).map((a) => a.actor.id as string);
  const people = await deps.people(accountId, [...new Set([...deciderIds(dossier.decisions.map((d) => d.decidedBy)), ...actors])]);
  const history: Happening[] = timeline([
    ...dossier.steps.map((s) => ({ kind: 'step' as const, ...s })),
    ...dossier.decisions.map((d) => ({
      kind: 'decision' as const,
      at: d.at,
      attempt: d.attempt,
      decision: d.decision,
      rejectionReasons: d.rejectionReasons,
      by: deciderText(d.decidedBy, people),
    })),
    ...dossier.labels.map((l) => ({ kind: 'label' as const, at: l.at, label: l.label, by: l.labeledBy })),
    ...webhooks.map((e) => ({ kind: 'event' as const, at: e.at, type: e.type, sequence: e.sequence })),
  ]);
  return {
    personal,
    verification: v,
    program: program ? { id: program.id, name: program.name } : null,
    history,
    decisions: dossier.decisions.map((d) => ({ ...d, by: deciderText(d.decidedBy, people) })),
    labels: dossier.labels,
    person: dossier.person,
    metadata: dossier.metadata,
    documents,
    webhooks,
    audit: audit.map((a) => ({
      ...a,
      by:
        a.actor.type === 'user' && a.actor.id
          ? (people.get(a.actor.id) ?? `person ${a.actor.id}`)
          : a.actor.id
            ? `${a.actor.type} ${a.actor.id}`
            : a.actor.type,
    })),
    notes,
  };
}
