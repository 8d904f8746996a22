import type { SecretBox } from '../../../platform/crypto/index.ts';
import type { SmsSender } from '../../../platform/sms/index.ts';
import type { Clock } from '../../../shared/clock.ts';
import type { Program } from '../../programs/index.ts';
import type { SendLinkCountsRepository } from '../infra/send-link-counts-repository.ts';

/** What texting program links needs from the rest of Vouch (wired in src/main). */
export interface ProgramLinksDeps {
  counts: SendLinkCountsRepository;
  sms: SmsSender;
  /** Its keyed digest names a phone number's counter. */
  box: Pick<SecretBox, 'digest'>;
  clock: Clock;
  publicUrl: string;
  /** A program by id; with an account, only that account's (else `noProgram`). */
  loadProgram(id: string, callerAccountId?: string | null): Promise<Program>;
  /** Texts per UTC day: to one phone number (whatever the program), and by one program. */
  perNumberPerDay: number;
  perProgramPerDay: number;
}
