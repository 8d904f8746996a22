import type { ColumnType, Generated } from 'kysely';

/** Console credentials of a person, beside the user row (migrations/0024_console_people.sql). */
export interface UserCredentialsTable {
  user_id: string;
  account_id: string;
  /** argon2id; null until the person chose a password. */
  password_hash: string | null;
  password_set_at: Date | null;
  /** The confirmed TOTP secret (base32, encrypted); null without TOTP. */
  totp_secret_enc: string | null;
  /** A TOTP secret handed out and not yet confirmed by a code. */
  totp_pending_enc: string | null;
  /** The last TOTP time step accepted: a code is never accepted twice. */
  totp_last_step: number | null;
  last_sign_in_at: Date | null;
}
export interface UserSessionsTable {
  id: string;
  account_id: string;
  user_id: string;
  token_hash: string;
  csrf_enc: string;
  created_at: Date;
  last_seen_at: Date;
  expires_at: Date;
  ended_at: Date | null;
  ip_hash: string | null;
}
export interface UserLinksTable {
  id: string;
  account_id: string;
  user_id: string;
  kind: 'invitation' | 'reset';
  token_hash: string;
  created_at: Date;
  expires_at: Date;
  used_at: Date | null;
}
export interface UserChallengesTable {
  /** SHA-256 of what the client holds. */
  id: string;
  kind: 'second-factor' | 'passkey-registration' | 'passkey-sign-in';
  account_id: string | null;
  user_id: string | null;
  /** The WebAuthn challenge a passkey must sign (passkey sign-in). */
  challenge: string | null;
  created_at: Date;
  expires_at: Date;
  used_at: Date | null;
}
export interface UserPasskeysTable {
  id: string;
  account_id: string;
  user_id: string;
  /** base64url */
  credential_id: string;
  /** COSE public key, base64url */
  public_key: string;
  counter: number;
  transports: ColumnType<string[] | null, string | null, string | null>;
  created_at: Date;
  last_used_at: Date | null;
}
export interface SignInFailuresTable {
  id: Generated<number>;
  scope: string;
  key: string;
  at: Date;
}

/** The review desk's claims and notes (migrations/0025_review_claims.sql). */
export interface ReviewClaimsTable {
  account_id: string;
  item_kind: 'document' | 'id-report';
  item_id: string;
  user_id: string;
  claimed_at: Date;
  expires_at: Date;
}
export interface ReviewNotesTable {
  id: Generated<number>;
  account_id: string;
  item_kind: 'document' | 'id-report';
  item_id: string;
  attempt: number;
  user_id: string;
  decision: 'APPROVE' | 'REJECT';
  note_enc: string;
  created_at: Date;
}
/** The console's tables: people's sign-in (0024) and the review desk (0025); part of `DB`. */
export interface ConsoleTables {
  user_credentials: UserCredentialsTable;
  user_sessions: UserSessionsTable;
  user_links: UserLinksTable;
  user_challenges: UserChallengesTable;
  user_passkeys: UserPasskeysTable;
  sign_in_failures: SignInFailuresTable;
  review_claims: ReviewClaimsTable;
  review_notes: ReviewNotesTable;
}
