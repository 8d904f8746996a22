import { ProgramInput } from '../../programs/index.ts';
import type { AbuseAttempt, AbuseVerdict } from '../../verifications/index.ts';

/** A program's abuse settings, every one present. */
export type AbuseRules = NonNullable<AbuseAttempt['rules']>;

const RULES_SCHEMA = ProgramInput.shape.abuse;

/**
 * The settings to judge by: a program stored before the setting existed has none, and is judged by the
 * defaults (the program schema's, so that they are written down once).
 */
export function rulesOf(stored: AbuseAttempt['rules'] | undefined | null): AbuseRules {
  const parsed = RULES_SCHEMA.safeParse(stored ?? undefined);
  return parsed.success ? parsed.data : RULES_SCHEMA.parse(undefined);
}

/** The velocity limits, by the name of their setting. */
export type LimitName = 'perPersonPerDay' | 'perEmailPerDay' | 'perDevicePerDay' | 'perIpPerHour';

/** Which rule refused, as recorded in the audit log (`abuse.<rule>`). */
export type RuleName = 'disposableEmail' | LimitName;

type Refusal = Extract<AbuseVerdict, { ok: false }>;

interface LimitSpec {
  period: 'day' | 'hour';
  errorId: Refusal['errorId'];
  /** Who the attempts were made by or from, in the reason. */
  who: string;
}

/**
 * Per person, email address and IP address, too many attempts are a limit reached (`verificationLimitExceeded`,
 * as SheerID answers its own limits); many people behind one device fingerprint look like a script
 * (`fraudRulesReject`).
 */
export const LIMITS: Record<LimitName, LimitSpec> = {
  perPersonPerDay: { period: 'day', errorId: 'verificationLimitExceeded', who: 'by this person' },
  perEmailPerDay: { period: 'day', errorId: 'verificationLimitExceeded', who: 'with this email address' },
  perDevicePerDay: { period: 'day', errorId: 'fraudRulesReject', who: 'from this device' },
  perIpPerHour: { period: 'hour', errorId: 'verificationLimitExceeded', who: 'from this IP address' },
};

/** Checked in this order: the first that refuses is the one answered and recorded. */
const ORDER: LimitName[] = ['perDevicePerDay', 'perPersonPerDay', 'perEmailPerDay', 'perIpPerHour'];

/** One counter an attempt increments: the rule, and the value it is keyed by (digested before it is stored). */
export interface Counted {
  rule: LimitName;
  value: string;
  limit: number;
}

/**
 * The counters an attempt increments: only those of limits that are set (0 means no limit) and whose value
 * is known. A start or any step counts its client address; a person step counts the person, their email
 * address and device.
 */
export function countersOf(attempt: AbuseAttempt, rules: AbuseRules): Counted[] {
  const out: Counted[] = [];
  const add = (rule: LimitName, value: string | null | undefined) => {
    const limit = rules[rule];
    if (limit > 0 && value) out.push({ rule, value, limit });
  };
  if (attempt.kind === 'person') {
    add('perPersonPerDay', attempt.personKey);
    add('perEmailPerDay', attempt.email ? normalEmail(attempt.email) : null);
    add('perDevicePerDay', attempt.deviceFingerprintHash?.trim());
  }
  // A person step is judged twice: as a step (counted here by its address) and then as the person it names.
  else add('perIpPerHour', attempt.ip);
  return out;
}

/** The text a counter's key is the digest of: the rule's prefix keeps two kinds of value from sharing a key. */
export const keyText = (c: Pick<Counted, 'rule' | 'value'>) => `abuse:${c.rule}:${c.value}`;

export const normalEmail = (email: string) => email.trim().toLowerCase();

/** The reason recorded for a limit reached, e.g. "more than 5 attempts by this person today on this program". */
export function limitReason(rule: LimitName, limit: number): string {
  const spec = LIMITS[rule];
  const when = spec.period === 'day' ? 'today' : 'in this hour';
  return `more than ${limit} attempt${limit === 1 ? '' : 's'} ${spec.who} ${when} on this program`;
}

export const DISPOSABLE_REASON = 'disposable email domain';

/** The verdict on counted attempts: the first limit whose count went past it (in the order above), or none. */
export function verdictOfCounts(counts: { rule: LimitName; limit: number; count: number }[]): (Refusal & { rule: RuleName }) | null {
  for (const rule of ORDER) {
    const c = counts.find((x) => x.rule === rule);
    if (c && c.count > c.limit) return { ok: false, errorId: LIMITS[rule].errorId, reason: limitReason(rule, c.limit), rule };
  }
  return null;
}

/** The UTC day or hour an instant falls in. */
export function windowOf(now: Date, period: 'day' | 'hour'): { start: Date; end: Date } {
  const start = new Date(now);
  if (period === 'day') start.setUTCHours(0, 0, 0, 0);
  else start.setUTCMinutes(0, 0, 0);
  const end = new Date(start.getTime() + (period === 'day' ? 86_400_000 : 3_600_000));
  return { start, end };
}
