import { isoDate } from '../../../shared/clock.ts';
import { availability, ProgramErrors } from '../../programs/index.ts';
import { SmsError } from '../../../platform/sms/index.ts';
import { formLink, linkText } from '../domain/link-text.ts';
import { readPhoneNumber } from '../../../shared/phone-number.ts';
import type { DailyCap } from '../infra/send-link-counts-repository.ts';
import { ProgramLinkErrors } from '../error-codes.ts';
import type { ProgramLinksDeps } from './deps.ts';

export interface SendLinkInput {
  programId: string;
  phoneNumber: string;
  /** The integrator's id of the person, carried on the link; an empty one is none. */
  externalUserId?: string;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** The counter of a phone number: a keyed digest of its E.164 form, never the number. */
export const numberKey = (deps: Pick<ProgramLinksDeps, 'box'>, e164: string) => deps.box.digest(`sms-number:${e164}`);

/**
 * SheerID's `POST /program/{programId}/sendLink`: texts the program's hosted form to a phone. The
 * program must exist (for a caller with a token, be the caller's) and be running; the number must read
 * as E.164. Each text counts against a daily cap per number and per program, taken before it is sent
 * and given back when it could not be sent, so a refused or failed request counts nothing.
 */
export async function sendLink(deps: ProgramLinksDeps, input: SendLinkInput, callerAccountId?: string | null): Promise<void> {
  const program = await deps.loadProgram(input.programId, callerAccountId);
  const now = deps.clock.now();
  const state = availability(program, now);
  if (state === 'inactive') throw ProgramErrors.inactiveProgram(program.id);
  if (state === 'expired') throw ProgramErrors.expiredProgram(program.id);
  const phone = readPhoneNumber(input.phoneNumber);
  if (phone.kind === 'invalid') throw ProgramLinkErrors.invalidPhoneNumber(phone.message);

  const locale = program.config.locales[0] ?? 'en-US';
  const link = formLink(deps.publicUrl, program.id, input.externalUserId?.trim() || undefined);
  const body = linkText({ name: program.name, locale, messages: program.config.messages[locale] }, link);

  const day = isoDate(now);
  const caps: DailyCap[] = [
    { scope: 'number', key: numberKey(deps, phone.e164), max: deps.perNumberPerDay },
    { scope: 'program', key: program.id, max: deps.perProgramPerDay },
  ];
  const full = await deps.counts.take(day, caps);
  if (full) {
    const nextDay = Date.parse(`${day}T00:00:00Z`) + DAY_MS;
    throw ProgramLinkErrors.dailyCapReached(full.scope, full.max, Math.max(1, Math.ceil((nextDay - now.getTime()) / 1000)));
  }
  try {
    await deps.sms.send({ to: phone.e164, body });
  } catch (e) {
    await deps.counts.giveBack(day, caps);
    if (e instanceof SmsError && e.reason === 'recipientRefused')
      throw ProgramLinkErrors.invalidPhoneNumber("Property 'phoneNumber' is a number that cannot receive text messages");
    throw Object.assign(ProgramLinkErrors.notSent(), { cause: e });
  }
}

/** Drops the counters of days before yesterday (today's and yesterday's are kept). */
export const dropOldCounts = (deps: Pick<ProgramLinksDeps, 'counts' | 'clock'>) =>
  deps.counts.dropBefore(isoDate(new Date(deps.clock.now().getTime() - DAY_MS)));
