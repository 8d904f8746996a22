import type { Clock } from '../../../shared/clock.ts';
import type { CredentialsRepository } from '../infra/credentials-repository.ts';

/** What listing and revoking OAuth clients, and reading tokens' last use, need. */
export interface CredentialsDeps {
  credentials: CredentialsRepository;
  clock: Clock;
}
