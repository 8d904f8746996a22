/** The account's client-request settings as the settings use case presents them. */
export interface AccountSettings {
  linkLifetimeHours: number;
  reportLifetimeDays: number;
  reportWarningDays: number;
  clientValidityDays: number;
  testMode: boolean;
  reportAuditDays: number;
  /** Clients' language when a request names none, and the time zone of the dates in their mails. */
  defaultLanguage: string;
  timeZone: string;
  /** A client's ID report is approved without a person when every check passed and the document was read. */
  autoApproveReports: boolean;
}

/** What the settings form posts: the numbers, the language and time zone, and the automatic approval's checkbox. */
export type SettingsValues = Record<string, number | boolean | string>;

/** One audit entry as the audit module lists it. */
export interface AuditEntry {
  id: string;
  at: string;
  action: string;
  actor: { type: string; id: string | null };
  subject: { type: string | null; id: string } | null;
  outcome: number;
  method: string;
  route: string;
  ipHash: string | null;
  userAgent: string | null;
  requestId: string | null;
}

export interface AuditQuery {
  from?: string;
  to?: string;
  action?: string;
  subjectId?: string;
  actorId?: string;
  cursor?: string;
  limit: number;
}

/**
 * What the account pages are built from: other modules' use cases, wired in src/main, so each page runs the
 * same code as the API it mirrors.
 */
export interface AccountConsoleDeps {
  settings: {
    get: (accountId: string) => Promise<AccountSettings>;
    /** The values' problems by field name, found by the check the API's body goes through (none: {}). */
    check: (values: SettingsValues) => Record<string, string>;
    /** The settings use case (throws an AppError when it refuses). */
    change: (accountId: string, values: SettingsValues) => Promise<AccountSettings>;
  };
  /** Retention the account sets elsewhere: each program's days before decided documents are deleted. */
  documentRetention: (accountId: string) => Promise<{ program: string; days: number }[]>;
  audit: (accountId: string, q: AuditQuery) => Promise<{ entries: AuditEntry[]; nextCursor: string | null }>;
  /** Emails of the account's people, by user id (ids not found are left out). */
  people: (accountId: string, userIds: string[]) => Promise<Map<string, string>>;
  /** The user id of the account's person with this email, or null. */
  personByEmail: (accountId: string, email: string) => Promise<string | null>;
  resetSecondFactor: (accountId: string, userId: string, by: string) => Promise<{ email: string; totp: boolean; passkeys: number }>;
}
