import type { SecretBox } from '../../../platform/crypto/index.ts';
import type { Database } from '../../../platform/db/index.ts';
import type { Clock } from '../../../shared/clock.ts';
import type { Ids } from '../../../shared/ids.ts';
import type { AccountsDeps } from '../../accounts/index.ts';
import type { ProgramsDeps } from '../../programs/index.ts';
import type { EventOutbox, WebhooksDeps } from '../../webhooks/index.ts';

/** What the partner API needs from the rest of Vouch (wired in src/main). */
export interface PartnerApiDeps {
  db: Database;
  ids: Ids;
  clock: Clock;
  box: SecretBox;
  accounts: AccountsDeps;
  programs: ProgramsDeps;
  webhooks: WebhooksDeps;
}

/** The deps and the outbox the partner API tells program changes through. */
export interface PartnerApiContext extends PartnerApiDeps {
  outbox: EventOutbox;
}
