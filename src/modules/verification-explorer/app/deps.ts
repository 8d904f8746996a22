import type { Clock } from '../../../shared/clock.ts';
import type { listEntries } from '../../audit/index.ts';
import type { verificationDocuments } from '../../documents/index.ts';
import type { Program } from '../../programs/index.ts';
import type { reviewNotes } from '../../review-desk/index.ts';
import type { ExploreFilter, ListedRow, verificationDossier } from '../../verifications/index.ts';
import type { subjectWebhooks } from '../../webhooks/index.ts';

/**
 * What the explorer reads, from the modules that own it (wired in src/main): it writes nothing and
 * decides nothing.
 */
export interface ExplorerDeps {
  clock: Clock;
  programs(accountId: string): Promise<Program[]>;
  list(accountId: string, filter: ExploreFilter): Promise<ListedRow[]>;
  dossier(accountId: string, id: string, withPerson: boolean): ReturnType<typeof verificationDossier>;
  documents(verificationId: string, attempts: number, withNames: boolean): ReturnType<typeof verificationDocuments>;
  webhooks(accountId: string, verificationId: string): ReturnType<typeof subjectWebhooks>;
  audit(accountId: string, subjectId: string): Promise<Awaited<ReturnType<typeof listEntries>>['entries']>;
  notes(accountId: string, verificationId: string): ReturnType<typeof reviewNotes>;
  people(accountId: string, userIds: string[]): Promise<Map<string, string>>;
}
