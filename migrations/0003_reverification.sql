-- Bulk re-verification batches and reports.

create table reverify_batches (
  id                 text primary key,
  account_id         text not null references accounts(id),
  program_id         text not null references programs(id),
  status             text not null check (status in ('PENDING', 'RUNNING', 'COMPLETE', 'FAILED')),
  failure_reason     text,
  total_records      integer not null,
  records_processed  integer not null default 0,
  requested_by       text not null,
  created_at         timestamptz not null default now(),
  completed_at       timestamptz
);
create index reverify_batches_unfinished on reverify_batches (status) where status in ('PENDING', 'RUNNING');

-- One row per requested id, in request order; `outcome` is null until the record is processed (exactly once).
create table reverify_records (
  batch_id             text not null references reverify_batches(id),
  position             integer not null,
  verification_id      text not null,
  outcome              text,
  new_verification_id  text,
  processed_at         timestamptz,
  primary key (batch_id, position)
);
create index reverify_records_todo on reverify_records (batch_id, position) where outcome is null;

-- A re-verification is a verification of its own, linked to the one it re-checks.
alter table verifications add column reverify_of text;
alter table verifications add column reverify_batch_id text;
create index verifications_reverify on verifications (reverify_batch_id) where reverify_batch_id is not null;

create table reports (
  id            text primary key,
  account_id    text not null references accounts(id),
  kind          text not null check (kind in ('reverify', 'verification')),
  batch_id      text,
  params        jsonb not null default '{}',
  status        text not null check (status in ('PENDING', 'COMPLETE', 'ERROR')),
  requester     text not null,
  created_at    timestamptz not null default now(),
  completed_at  timestamptz
);
create index reports_account on reports (account_id, created_at);
