-- SheerID's add-school requests (POST /rest/v2/organization/addSchool): a person asks for a school that the
-- program's organization search does not find; the request waits for review by the program's account, and
-- an approval adds the school to the account's organizations. The person (name, email) is kept encrypted;
-- `request_key` is a keyed digest of the email and the school's domain, so the same request is stored once.
create table add_school_requests (
  id text primary key,
  seq bigint generated always as identity,
  account_id text not null,
  program_id text not null,
  request_key text not null,
  person_enc text not null,
  school_name text not null,
  school_domain text not null,
  school_country text not null,
  tracking_id text,
  status text not null default 'PENDING',
  created_at timestamptz not null,
  decided_at timestamptz,
  decided_by text,
  note_enc text,
  organization_id bigint
);
create unique index add_school_requests_once on add_school_requests (program_id, request_key);
create index add_school_requests_queue on add_school_requests (account_id, status, seq);

-- Requests stored per program and UTC day, counted in the same transaction as the request, so that the
-- daily cap holds when requests arrive together.
create table add_school_daily_counts (
  program_id text not null,
  day date not null,
  requests integer not null,
  primary key (program_id, day)
);
