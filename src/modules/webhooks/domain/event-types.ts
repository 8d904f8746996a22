/**
 * The events an endpoint can subscribe to. Eligibility events carry SheerID-style payloads (no PII: a
 * verification id and its state); client-request events carry Treefort's webhook payload, whose `eventId`
 * says what happened (1xx file, 2xx-3xx client request). `mail.failed`: a link's email could not be sent
 * (ids and the reason, never the address). `verification.reminder`: a verification is still unfinished
 * 15 minutes after its start (told once). `verification.emailLoop`: the email loop mailed the person a code. `verification.consolation`: a person
 * not approved got the program's consolation offer. `program.changed`: a program was changed through the partner API
 * (`/rest/oem`): its id and what changed.
 */
export const EVENT_TYPES = [
  'verification.created',
  'verification.success',
  'verification.docUpload',
  'verification.pending',
  'verification.error',
  'verification.reminder',
  'verification.emailLoop',
  'verification.consolation',
  'verification.reverified',
  'reverification.complete',
  'report.complete',
  'file.event',
  'client.event',
  'mail.failed',
  'program.changed',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

/** A subscription: an exact type, `*` (everything) or `prefix.*` (every type under a prefix that exists). */
export function isEventPattern(pattern: string): boolean {
  if (pattern === '*') return true;
  if (pattern.endsWith('.*')) return EVENT_TYPES.some((t) => t.startsWith(pattern.slice(0, -1)));
  return (EVENT_TYPES as readonly string[]).includes(pattern);
}

export function subscribes(patterns: readonly string[], type: string): boolean {
  return patterns.some((p) => p === '*' || p === type || (p.endsWith('.*') && type.startsWith(p.slice(0, -1))));
}
