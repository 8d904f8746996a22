import type { Database } from '../../../platform/db/index.ts';
import type { DocumentsDeps } from './deps.ts';

/**
 * After a decision (or an expiry, a purge) the bytes of a verification's documents are deleted, at once or
 * after the program's retention; the hash, size, type and the decision stay for audit. Upload URLs not yet
 * used stop working at once: nothing may be added to a verification that has ended.
 */
export async function schedulePurge(deps: DocumentsDeps, exec: Database, verificationId: string, retentionDays: number) {
  const now = deps.clock.now();
  await deps.repo.schedulePurge(exec, verificationId, new Date(now.getTime() + retentionDays * 86_400_000));
  await deps.repo.closeUploadUrls(exec, verificationId, now);
}

/** Deletes the bytes that are due; returns how many documents were purged. */
export async function purgeDueDocuments(deps: DocumentsDeps): Promise<number> {
  let purged = 0;
  for (;;) {
    const due = await deps.repo.duePurge(deps.clock.now());
    if (due.length === 0) return purged;
    for (const d of due) {
      if (d.blob_key) await deps.blobs.delete(d.blob_key);
      await deps.repo.markPurged(d.id);
      purged++;
    }
  }
}
