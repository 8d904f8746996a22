/**
 * The client-request vocabulary of the Treefort dialect. Request statuses keep the documented spellings:
 * `pending` is the initial value the docs show, `Cancelled` and `Review Report` the documented ones;
 * `Approved` and `Rejected` record the organization's review.
 */
export const REQUEST_STATUS = {
  pending: 'pending',
  cancelled: 'Cancelled',
  review: 'Review Report',
  approved: 'Approved',
  rejected: 'Rejected',
} as const;
export type RequestStatus = (typeof REQUEST_STATUS)[keyof typeof REQUEST_STATUS];

export type FileStatus = null | 'In Progress' | 'Action Required' | 'Cancelled' | 'Closed';

/**
 * A file's status, derived rather than stored: null until a client exists; Cancelled or Closed once the
 * organization ends it; Action Required while a report awaits review; else In Progress.
 */
export function fileStatus(closedStatus: string | null, requestStatuses: string[]): FileStatus {
  if (closedStatus === 'Cancelled' || closedStatus === 'Closed') return closedStatus;
  if (requestStatuses.length === 0) return null;
  return requestStatuses.includes(REQUEST_STATUS.review) ? 'Action Required' : 'In Progress';
}

/** Events of a file: 1xx about the file, 2xx about a client request and its links, 3xx about reports. */
export const EVENTS = {
  fileCreated: { id: 101, message: 'Case File has been created' },
  fileCancelled: { id: 102, message: 'Case File has been cancelled' },
  fileClosed: { id: 103, message: 'Case File has been closed' },
  requestSent: { id: 201, message: 'Verification request has been sent to the client' },
  requestCancelled: { id: 202, message: 'Verification request has been cancelled' },
  requestReinitiated: { id: 203, message: 'Verification request has been re-initiated' },
  clientUpdated: { id: 204, message: 'Client information has been updated and a new request sent' },
  linkIssued: { id: 205, message: 'A new link has been issued for the verification request' },
  linkExpired: { id: 206, message: 'The verification link has expired' },
  linkMailFailed: { id: 207, message: 'The verification link could not be emailed to the client' },
  linkMailRecovered: { id: 208, message: 'The verification link has been emailed to the client after an earlier failure' },
  reportReady: { id: 301, message: 'The client completed the verification; a report is ready for review' },
  reportApproved: { id: 302, message: 'The verification report has been approved' },
  reportRejected: { id: 303, message: 'The verification report has been rejected' },
  reportExpired: { id: 304, message: 'The verification report has expired and is no longer available' },
  reportExpiring: { id: 305, message: 'The verification report will soon expire; download it now' },
} as const;

/** Treefort's timestamps: `2021-03-24T12:00:00`, in UTC here. */
export const wireDate = (d: Date | null): string | null => (d ? d.toISOString().slice(0, 19) : null);

/** A link is usable only while active and before its end, whatever the sweeper has or has not recorded yet. */
export const linkIsLive = (link: { status: string; end_date: Date }, now: Date) => link.status === 'active' && now < link.end_date;
