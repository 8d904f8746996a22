import type { DocumentsDeps } from './deps.ts';

/**
 * Deletes the partial files of uploads cut off by a killed process (not written to for longer than any
 * upload may last, see domain/upload-lease.ts); returns how many. The blob store also does this when it
 * opens, at start-up.
 */
export async function sweepPartialUploads(deps: DocumentsDeps): Promise<number> {
  return deps.blobs.removeStaleParts();
}
