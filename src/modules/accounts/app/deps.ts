import type { SecretBox } from '../../../platform/crypto/index.ts';
import type { Clock } from '../../../shared/clock.ts';
import type { Ids } from '../../../shared/ids.ts';
import type { AccountsRepository } from '../infra/accounts-repository.ts';

export interface AccountsDeps {
  repo: AccountsRepository;
  ids: Ids;
  clock: Clock;
  box: SecretBox;
  oauthTokenTtlSeconds: number;
}
