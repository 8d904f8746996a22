import type { SecretBox } from '../../../platform/crypto/index.ts';
import type { Clock } from '../../../shared/clock.ts';
import type { Ids } from '../../../shared/ids.ts';
import type { WebhooksRepository } from '../infra/webhooks-repository.ts';

export interface WebhooksDeps {
  repo: WebhooksRepository;
  box: SecretBox;
  ids: Ids;
  clock: Clock;
  /** The SSRF guard is on unless the operator allowed private targets (local development, tests). */
  allowPrivateTargets: boolean;
  timeoutMs: number;
  concurrency: number;
  endpointConcurrency: number;
  /**
   * Finds a program of the account, or throws the eligibility dialect's `noProgram` (another account's
   * program is answered exactly like an unknown one): the programs module's, wired in src/main.
   */
  programOfAccount: (accountId: string, programId: string) => Promise<unknown>;
}
