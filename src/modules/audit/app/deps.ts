import type { SecretBox } from '../../../platform/crypto/index.ts';
import type { Clock } from '../../../shared/clock.ts';
import type { AuditRepository } from '../infra/audit-repository.ts';
import type { AuditWriter } from './audit-writer.ts';

export interface AuditDeps {
  repo: AuditRepository;
  box: SecretBox;
  clock: Clock;
  writer: AuditWriter;
}
