-- The client's capture page, the checks Vouch runs on what the client sends, the report and its review.

-- Test-mode accounts may generate sample reports; the audit copy of an expired report is kept this long.
alter table account_settings add column test_mode boolean not null default false;
alter table account_settings add column report_audit_days integer not null default 365;

-- Set by an approved report: the client is verified until this date (account's client validity).
alter table idv_clients add column verified_at timestamptz;
alter table idv_clients add column verified_until timestamptz;

-- What a client has entered on the page so far (privacy acceptance, identity, document, address), encrypted:
-- a client who comes back with the same link resumes here.
create table idv_captures (
  request_id  text primary key references client_requests(id),
  account_id  text not null references accounts(id),
  data_enc    text not null,
  updated_at  timestamptz not null default now()
);

-- Photos of the document (front, back) and the selfie: bytes in the encrypted blob store until the report
-- expires; a keyed digest of their SHA-256 finds the same file sent for another client.
create table idv_capture_images (
  id              bigint generated always as identity primary key,
  account_id      text not null references accounts(id),
  request_id      text not null references client_requests(id),
  client_id       text not null references idv_clients(id),
  kind            text not null,
  blob_key        text,
  content_digest  text not null,
  mime_type       text not null,
  file_size       integer not null,
  width           integer not null,
  height          integer not null,
  created_at      timestamptz not null default now(),
  purged_at       timestamptz,
  unique (request_id, kind)
);
create index idv_capture_images_by_digest on idv_capture_images (content_digest);

create table idv_reports (
  id                   text primary key,
  account_id           text not null references accounts(id),
  file_id              text not null references case_files(id),
  request_id           text not null unique references client_requests(id),
  client_id            text not null references idv_clients(id),
  report_number        text not null unique,
  identity_result      text not null,
  fraud_result         text not null,
  -- checks, client information as entered and as read from the document (JSON, encrypted); null after audit
  content_enc          text,
  sample               boolean not null default false,
  review_status_date   timestamptz not null,
  expiry_date          timestamptz not null,
  warning_date         timestamptz not null,
  audit_until          timestamptz not null,
  -- set by the sweep once the images are purged and the report no longer served
  expired_at           timestamptz,
  audit_purged_at      timestamptz,
  decision             text,
  decision_reason_enc  text,
  decided_at           timestamptz,
  created_at           timestamptz not null default now()
);
create index idv_reports_due on idv_reports (expiry_date) where expired_at is null;
create index idv_reports_audit_due on idv_reports (audit_until) where audit_purged_at is null;
