/**
 * How long a request may hold an upload URL (a document `UPLOADING`) before its claim counts as
 * abandoned: a process killed mid-upload never releases what it held, so a claim must lapse on its own.
 * The lease is longer than the longest upload the HTTP timeouts let live, so a live upload never loses
 * its claim to a lapse.
 */
export interface UploadLeaseRules {
  /** One lease for every upload, set by the operator (UPLOAD_CLAIM_LEASE_SECONDS); null: derived per file. */
  fixedMs: number | null;
  /** A body may take this long whatever its size (the grace of a streamed upload). */
  bodyTimeoutMs: number;
  /** After the grace an upload must average this rate since it began; 0 = no minimum. */
  minBytesPerSecond: number;
  /** No request body is received for longer than this, whatever its rate (the server's whole-request limit). */
  backstopMs: number;
  /** Bounds each write to the store. */
  queryTimeoutMs: number;
}

/**
 * Once the body is in: the rename, the write that records the file (or the one that releases the URL),
 * each bounded by the query timeout, with a minute to spare (the rate watch looks once a second; headers
 * count towards the rate).
 */
const storingMs = (r: UploadLeaseRules) => 2 * r.queryTimeoutMs + 60_000;

/**
 * The lease of a claim on a file of `fileSize` bytes: the longest time its body may keep arriving (the
 * grace, or the time the minimum rate gives the whole file, whichever is longer; at most the backstop),
 * plus the time to store it.
 */
export function claimLeaseMs(r: UploadLeaseRules, fileSize: number): number {
  if (r.fixedMs !== null) return r.fixedMs;
  const arriving = r.minBytesPerSecond > 0 ? Math.max(r.bodyTimeoutMs, Math.ceil((fileSize * 1000) / r.minBytesPerSecond)) : r.backstopMs;
  return Math.min(arriving, r.backstopMs) + storingMs(r);
}

/** A claim with no time was left by a version that did not record it: abandoned too. */
export const claimLapsed = (r: UploadLeaseRules, claimedAt: Date | null, fileSize: number, now: Date): boolean =>
  claimedAt === null || now.getTime() - claimedAt.getTime() >= claimLeaseMs(r, fileSize);

/**
 * A partial file does not know its document, and a live upload may pause between writes for as long as
 * it may last: one not written to for the longest lease of any file is left by a dead request.
 */
export const partialFileMaxAgeMs = (r: UploadLeaseRules): number => r.fixedMs ?? r.backstopMs + storingMs(r);
