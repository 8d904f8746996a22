import type { ColumnType, Generated } from 'kysely';
import type { ConsoleTables } from './console-schema.ts';

/** Kysely's view of the tables in `migrations/`. Keep in step with the SQL. */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json<T> = ColumnType<T, string, string>;

export interface AccountsTable {
  id: string;
  name: string;
  slug: string;
  /** A suspended account's tokens are refused (`unauthorizedAccountStatus`). */
  status: Generated<'active' | 'suspended'>;
  created_at: Timestamp;
}
export interface UsersTable {
  id: string;
  account_id: string;
  email_hash: string;
  email_enc: string;
  roles: Json<string[]>;
  created_at: Timestamp;
  /** Set while the user is disabled: the user's tokens are refused (`unauthorizedUser`). */
  disabled_at: Date | null;
}
export interface ApiTokensTable {
  id: string;
  account_id: string;
  user_id: string | null;
  client_id: string | null;
  name: string;
  kind: 'static' | 'oauth';
  token_hash: string;
  prefix: string;
  roles: Json<string[]>;
  created_at: Timestamp;
  expires_at: Date | null;
  revoked_at: Date | null;
  last_used_at: Date | null;
  /** The client addresses (IPs and CIDR ranges) the token is honoured from; null for any. */
  allowed_ips: ColumnType<string[] | null, string | null | undefined, string | null>;
}
export interface OauthClientsTable {
  id: string;
  account_id: string;
  name: string;
  secret_hash: string;
  roles: Json<string[]>;
  created_at: Timestamp;
  revoked_at: Date | null;
}
export interface ProgramsTable {
  id: string;
  account_id: string;
  name: string;
  segment: string;
  test_mode: boolean;
  config: Json<Record<string, unknown>>;
  created_at: Timestamp;
  updated_at: Timestamp;
}
export interface RewardCodesTable {
  id: Generated<number>;
  account_id: string;
  program_id: string;
  code: string;
  verification_id: string | null;
  assigned_at: Date | null;
}
export interface OrganizationsTable {
  id: Generated<number>;
  account_id: string;
  name: string;
  type: string;
  country: string | null;
  domain: string | null;
  created_at: Timestamp;
}
export interface RosterEntriesTable {
  id: Generated<number>;
  account_id: string;
  organization_id: number | null;
  name_hash: string;
  birth_date_hash: string | null;
  email_hash: string | null;
  person_enc: string;
  affiliation: string | null;
  status_start: ColumnType<string | null, string | null, string | null>;
  status_end: ColumnType<string | null, string | null, string | null>;
  created_at: Timestamp;
}
export interface VerificationsTable {
  id: string;
  account_id: string;
  program_id: string;
  segment: string;
  sub_segment: string | null;
  current_step: string;
  locale: string;
  country: string;
  test_mode: boolean;
  tracking_id: string | null;
  metadata_enc: string | null;
  person_enc: string | null;
  person_id: string | null;
  organization_id: number | null;
  organization_name: string | null;
  reward_code: string | null;
  error_ids: Json<string[]>;
  system_error_message: string | null;
  client_ip_enc: string | null;
  user_agent: string | null;
  created_by_token: string | null;
  version: number;
  created_at: Timestamp;
  updated_at: Timestamp;
  doc_attempts: ColumnType<number, number | undefined, number>;
  rejections: ColumnType<string[][], string | undefined, string>;
  pending_since: Date | null;
  auto_decision: string | null;
  auto_decide_at: Date | null;
  reverify_of: ColumnType<string | null, string | null | undefined, string | null>;
  reverify_batch_id: ColumnType<string | null, string | null | undefined, string | null>;
  override_attempts: ColumnType<number, number | undefined, number>;
  approved_by: ColumnType<string | null, string | null | undefined, string | null>;
  challenge_hash: ColumnType<string | null, string | null | undefined, string | null>;
  challenge_expires_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  challenge_attempts: ColumnType<number, number | undefined, number>;
  reminded_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  loop_sends: ColumnType<number, number | undefined, number>;
  error_detail_ids: ColumnType<string[], string | undefined, string>;
}
export interface RememberedConsumersTable {
  account_id: string;
  email_digest: string;
  person_enc: string;
  organization_id: number | null;
  organization_name: string | null;
  marketing_consent: boolean;
  created_at: Timestamp;
  updated_at: Timestamp;
}
export interface ReverifyBatchesTable {
  id: string;
  account_id: string;
  program_id: string;
  status: 'PENDING' | 'RUNNING' | 'COMPLETE' | 'FAILED';
  failure_reason: string | null;
  total_records: number;
  records_processed: ColumnType<number, number | undefined, number>;
  requested_by: string;
  created_at: Timestamp;
  completed_at: Date | null;
}
export interface ReverifyRecordsTable {
  batch_id: string;
  position: number;
  verification_id: string;
  outcome: string | null;
  new_verification_id: string | null;
  processed_at: Date | null;
}
export interface ReportsTable {
  id: string;
  account_id: string;
  kind: 'reverify' | 'verification';
  batch_id: string | null;
  params: Json<Record<string, unknown>>;
  status: 'PENDING' | 'COMPLETE' | 'ERROR';
  requester: string;
  created_at: Timestamp;
  completed_at: Date | null;
  failure_reason: ColumnType<string | null, string | null | undefined, string | null>;
}
export interface DocumentsTable {
  id: string;
  account_id: string;
  verification_id: string;
  attempt: number;
  position: number;
  file_name_enc: string;
  mime_type: string;
  file_size: number;
  status: string;
  upload_token_hash: string | null;
  upload_expires_at: Date;
  uploaded_at: Date | null;
  sha256: string | null;
  blob_key: string | null;
  uploader_ip_hash: string | null;
  purge_after: Date | null;
  created_at: Timestamp;
  flags: ColumnType<string[], string | undefined, string>;
  upload_claimed_at: Date | null;
}
export interface DocumentAccessesTable {
  id: Generated<number>;
  account_id: string;
  verification_id: string;
  document_id: string;
  token_id: string;
  ip_enc: string | null;
  accessed_at: Timestamp;
}
export interface ReviewDecisionsTable {
  id: Generated<number>;
  account_id: string;
  verification_id: string;
  attempt: number;
  decision: 'APPROVE' | 'REJECT';
  rejection_reasons: Json<string[]>;
  decided_by: string;
  decided_at: Timestamp;
}
export interface VerificationStepsTable {
  id: Generated<number>;
  verification_id: string;
  account_id: string;
  step: string;
  response: Json<Record<string, unknown>>;
  created_at: Timestamp;
}
export interface VouchMetaTable {
  key: string;
  value: string;
}

export interface AccountSettingsTable {
  account_id: string;
  link_lifetime_hours: ColumnType<number, number | undefined, number>;
  report_lifetime_days: ColumnType<number, number | undefined, number>;
  report_warning_days: ColumnType<number, number | undefined, number>;
  client_validity_days: ColumnType<number, number | undefined, number>;
  updated_at: Timestamp;
  test_mode: ColumnType<boolean, boolean | undefined, boolean>;
  report_audit_days: ColumnType<number, number | undefined, number>;
  default_language: ColumnType<string, string | undefined, string>;
  time_zone: ColumnType<string, string | undefined, string>;
  auto_approve_reports: ColumnType<boolean, boolean | undefined, boolean>;
}
export interface CaseFilesTable {
  id: string;
  account_id: string;
  requester_reference_id: string;
  file_name: string;
  file_number: string;
  transaction_key: string;
  closed_status: string | null;
  created_at: Timestamp;
}
export interface IdvClientsTable {
  id: string;
  account_id: string;
  email_hash: string;
  profile_enc: string;
  created_at: Timestamp;
  verified_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  verified_until: ColumnType<Date | null, Date | null | undefined, Date | null>;
}
export interface IdvCapturesTable {
  request_id: string;
  account_id: string;
  data_enc: string;
  updated_at: Timestamp;
}
export interface IdvCaptureImagesTable {
  id: Generated<number>;
  account_id: string;
  request_id: string;
  client_id: string;
  kind: string;
  blob_key: string | null;
  content_digest: string;
  mime_type: string;
  file_size: number;
  width: number;
  height: number;
  created_at: Timestamp;
  purged_at: Date | null;
}
export interface IdvReportsTable {
  id: string;
  account_id: string;
  file_id: string;
  request_id: string;
  client_id: string;
  report_number: string;
  identity_result: string;
  fraud_result: string;
  content_enc: string | null;
  sample: boolean;
  review_status_date: Date;
  expiry_date: Date;
  warning_date: Date;
  audit_until: Date;
  expired_at: Date | null;
  audit_purged_at: Date | null;
  decision: string | null;
  decision_reason_enc: string | null;
  decided_at: Date | null;
  created_at: Timestamp;
}
export interface ClientRequestsTable {
  id: string;
  account_id: string;
  file_id: string;
  client_id: string;
  requester_client_request_id: string | null;
  status: string;
  banking_required: boolean;
  replaced_by: string | null;
  version: ColumnType<number, number | undefined, number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}
export interface RequestLinksTable {
  id: Generated<number>;
  account_id: string;
  request_id: string;
  token_hash: string;
  url_enc: string | null;
  start_date: Date;
  end_date: Date;
  status: string;
  send_mail: boolean;
  mail_claimed_at: Date | null;
  mail_sent_at: Date | null;
  created_at: Timestamp;
  mail_failed_at: Date | null;
  mail_failures: Generated<number>;
}
export interface FileEventsTable {
  id: Generated<number>;
  account_id: string;
  file_id: string;
  client_request_id: string | null;
  event_id: number;
  message: string;
  created_at: Timestamp;
}

export interface IdempotencyKeysTable {
  scope: string;
  key: string;
  fingerprint: string;
  state: 'running' | 'complete';
  status: number | null;
  headers: ColumnType<Record<string, string> | null, string | null | undefined, string | null>;
  body_enc: string | null;
  created_at: Timestamp;
}
export interface AuditLogTable {
  id: Generated<number>;
  account_id: string | null;
  actor_type: string;
  actor_id: string | null;
  action: string;
  subject_type: string | null;
  subject_id: string | null;
  outcome: number;
  method: string;
  route: string;
  ip_hash: string | null;
  user_agent: string | null;
  request_id: string | null;
  at: Timestamp;
}

export interface WebhookEndpointsTable {
  id: string;
  account_id: string;
  url: string;
  description: string | null;
  event_types: Json<string[]>;
  secret_enc: string;
  enabled: ColumnType<boolean, boolean | undefined, boolean>;
  disabled_reason: string | null;
  deleted_at: Date | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}
export interface WebhookSubjectsTable {
  account_id: string;
  subject_id: string;
  last_sequence: number;
}
export interface WebhookEventsTable {
  id: string;
  account_id: string;
  type: string;
  subject_id: string;
  sequence: number;
  body: string;
  created_at: Timestamp;
}
export interface WebhookDeliveriesTable {
  id: string;
  account_id: string;
  event_id: string;
  endpoint_id: string;
  status: ColumnType<'pending' | 'delivered' | 'dead', 'pending' | 'delivered' | 'dead' | undefined, 'pending' | 'delivered' | 'dead'>;
  attempts: ColumnType<number, number | undefined, number>;
  next_attempt_at: Date;
  lease_until: Date | null;
  last_status_code: number | null;
  last_error: string | null;
  created_at: Timestamp;
  completed_at: Date | null;
}
export interface WebhookAttemptsTable {
  id: Generated<number>;
  delivery_id: string;
  account_id: string;
  attempt: number;
  status_code: number | null;
  latency_ms: number;
  error: string | null;
  attempted_at: Timestamp;
}

/** A conversion reported for a verification; tags are a JSON array of strings. */
export interface ConversionsTable {
  id: string;
  account_id: string;
  verification_id: string;
  amount: number;
  currency: string;
  tags: string;
  created_at: ColumnType<Date, Date | undefined, never>;
}

/** A program's same-person verification limit (SheerID's verificationLimit). */
export interface ProgramVerificationLimitsTable {
  program_id: string;
  account_id: string;
  quantity: number;
  days: number;
  created_at: Date;
}

/** A verification counted against its program's limit, by the digest of its person. */
export interface VerificationLimitMarksTable {
  verification_id: string;
  program_id: string;
  person_key: string;
  created_at: Date;
}

export interface DB extends ConsoleTables {
  accounts: AccountsTable;
  users: UsersTable;
  api_tokens: ApiTokensTable;
  oauth_clients: OauthClientsTable;
  programs: ProgramsTable;
  program_verification_limits: ProgramVerificationLimitsTable;
  verification_limit_marks: VerificationLimitMarksTable;
  reward_codes: RewardCodesTable;
  organizations: OrganizationsTable;
  roster_entries: RosterEntriesTable;
  verifications: VerificationsTable;
  remembered_consumers: RememberedConsumersTable;
  verification_steps: VerificationStepsTable;
  vouch_meta: VouchMetaTable;
  documents: DocumentsTable;
  document_accesses: DocumentAccessesTable;
  review_decisions: ReviewDecisionsTable;
  reverify_batches: ReverifyBatchesTable;
  reverify_records: ReverifyRecordsTable;
  reports: ReportsTable;
  account_settings: AccountSettingsTable;
  case_files: CaseFilesTable;
  idv_clients: IdvClientsTable;
  idv_captures: IdvCapturesTable;
  idv_capture_images: IdvCaptureImagesTable;
  idv_reports: IdvReportsTable;
  client_requests: ClientRequestsTable;
  request_links: RequestLinksTable;
  file_events: FileEventsTable;
  idempotency_keys: IdempotencyKeysTable;
  audit_log: AuditLogTable;
  webhook_endpoints: WebhookEndpointsTable;
  webhook_subjects: WebhookSubjectsTable;
  webhook_events: WebhookEventsTable;
  webhook_deliveries: WebhookDeliveriesTable;
  webhook_attempts: WebhookAttemptsTable;
  conversions: ConversionsTable;
}
