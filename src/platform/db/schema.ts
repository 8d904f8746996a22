import type { ColumnType, Generated } from 'kysely';

/** Kysely's view of the tables in `migrations/`. Keep in step with the SQL. */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json<T> = ColumnType<T, string, string>;

export interface AccountsTable { id: string; name: string; slug: string; created_at: Timestamp }
export interface UsersTable {
  id: string; account_id: string; email_hash: string; email_enc: string; roles: Json<string[]>; created_at: Timestamp;
}
export interface ApiTokensTable {
  id: string; account_id: string; user_id: string | null; client_id: string | null; name: string;
  kind: 'static' | 'oauth'; token_hash: string; prefix: string; roles: Json<string[]>; created_at: Timestamp;
  expires_at: Date | null; revoked_at: Date | null; last_used_at: Date | null;
}
export interface OauthClientsTable {
  id: string; account_id: string; name: string; secret_hash: string; roles: Json<string[]>; created_at: Timestamp;
  revoked_at: Date | null;
}
export interface ProgramsTable {
  id: string; account_id: string; name: string; segment: string; test_mode: boolean;
  config: Json<Record<string, unknown>>; created_at: Timestamp; updated_at: Timestamp;
}
export interface RewardCodesTable {
  id: Generated<number>; account_id: string; program_id: string; code: string; verification_id: string | null;
  assigned_at: Date | null;
}
export interface OrganizationsTable {
  id: Generated<number>; account_id: string; name: string; type: string; country: string | null;
  domain: string | null; created_at: Timestamp;
}
export interface RosterEntriesTable {
  id: Generated<number>; account_id: string; organization_id: number | null; name_hash: string;
  birth_date_hash: string | null; email_hash: string | null; person_enc: string; affiliation: string | null;
  status_start: ColumnType<string | null, string | null, string | null>;
  status_end: ColumnType<string | null, string | null, string | null>; created_at: Timestamp;
}
export interface VerificationsTable {
  id: string; account_id: string; program_id: string; segment: string; sub_segment: string | null;
  current_step: string; locale: string; country: string; test_mode: boolean; tracking_id: string | null;
  metadata_enc: string | null; person_enc: string | null; person_id: string | null; organization_id: number | null;
  organization_name: string | null; reward_code: string | null; error_ids: Json<string[]>;
  system_error_message: string | null; client_ip_enc: string | null; user_agent: string | null;
  created_by_token: string | null; version: number; created_at: Timestamp; updated_at: Timestamp;
}
export interface VerificationStepsTable {
  id: Generated<number>; verification_id: string; account_id: string; step: string;
  response: Json<Record<string, unknown>>; created_at: Timestamp;
}
export interface VouchMetaTable { key: string; value: string }

export interface DB {
  accounts: AccountsTable;
  users: UsersTable;
  api_tokens: ApiTokensTable;
  oauth_clients: OauthClientsTable;
  programs: ProgramsTable;
  reward_codes: RewardCodesTable;
  organizations: OrganizationsTable;
  roster_entries: RosterEntriesTable;
  verifications: VerificationsTable;
  verification_steps: VerificationStepsTable;
  vouch_meta: VouchMetaTable;
}
