/**
 * The events an endpoint can subscribe to. Eligibility events carry SheerID-style payloads (no PII: a
 * verification id and its state); client-request events carry Treefort's webhook payload, whose `eventId`
 * says what happened (1xx file, 2xx-3xx client request). `mail.failed`: a link's email could not be sent
 * (ids and the reason, never the address).
 */
export const EVENT_TYPES = [
  'verification.created',
  'verification.success',
  'verification.docUpload',
  'verification.pending',
  'verification.error',
  'verification.reverified',
  'reverification.complete',
  'report.complete',
  'file.event',
  'client.event',
  'mail.failed',
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
