-- Document upload and human review of eligibility verifications.

create table documents (
  id                 text primary key,
  account_id         text not null references accounts(id),
  verification_id    text not null references verifications(id),
  attempt            integer not null,
  position           integer not null,
  file_name_enc      text not null,
  mime_type          text not null,
  file_size          integer not null,
  -- PENDING (declared), UPLOADING (bytes arriving), UPLOADED, CANCELLED (replaced before submission), PURGED (bytes deleted)
  status             text not null,
  upload_token_hash  text unique,
  upload_expires_at  timestamptz not null,
  uploaded_at        timestamptz,
  sha256             text,
  blob_key           text,
  uploader_ip_hash   text,
  purge_after        timestamptz,
  created_at         timestamptz not null default now()
);
create index documents_by_verification on documents (verification_id, attempt, position);
create index documents_by_sha256 on documents (sha256) where sha256 is not null;
create index documents_purge on documents (purge_after) where blob_key is not null and purge_after is not null;

-- Who read which document, when and from where (the client IP is PII, so it is encrypted).
create table document_accesses (
  id               bigint generated always as identity primary key,
  account_id       text not null references accounts(id),
  verification_id  text not null,
  document_id      text not null,
  token_id         text not null,
  ip_enc           text,
  accessed_at      timestamptz not null default now()
);
create index document_accesses_by_document on document_accesses (account_id, document_id);

-- One decision per submitted attempt: the unique key makes a second decision impossible, even in a race.
create table review_decisions (
  id                 bigint generated always as identity primary key,
  account_id         text not null references accounts(id),
  verification_id    text not null references verifications(id),
  attempt            integer not null,
  decision           text not null check (decision in ('APPROVE', 'REJECT')),
  rejection_reasons  jsonb not null default '[]',
  decided_by         text not null,
  decided_at         timestamptz not null default now(),
  unique (verification_id, attempt)
);

alter table verifications add column doc_attempts integer not null default 0;
alter table verifications add column rejections jsonb not null default '[]';
alter table verifications add column pending_since timestamptz;
alter table verifications add column auto_decision text;
alter table verifications add column auto_decide_at timestamptz;
create index verifications_pending on verifications (account_id, pending_since) where current_step = 'pending';
