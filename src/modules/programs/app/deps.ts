import type { Clock } from '../../../shared/clock.ts';
import type { Ids } from '../../../shared/ids.ts';
import type { ProgramsRepository } from '../infra/programs-repository.ts';

export interface ProgramsDeps {
  repo: ProgramsRepository;
  ids: Ids;
  clock: Clock;
  publicUrl: string;
}
