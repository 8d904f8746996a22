-- Client identity verification requests (the Treefort-compatible API): files, clients, requests, links.

create table account_settings (
  account_id            text primary key references accounts(id),
  link_lifetime_hours   integer not null default 72,
  report_lifetime_days  integer not null default 14,
  report_warning_days   integer not null default 2,
  client_validity_days  integer not null default 365,
  updated_at            timestamptz not null default now()
);

create table case_files (
  id                       text primary key,
  account_id               text not null references accounts(id),
  requester_reference_id   text not null,
  file_name                text not null,
  file_number              text not null,
  transaction_key          text not null unique,
  -- null while open; 'Cancelled' or 'Closed' once the organization ends the file
  closed_status            text,
  created_at               timestamptz not null default now(),
  unique (account_id, requester_reference_id)
);

create table idv_clients (
  id          text primary key,
  account_id  text not null references accounts(id),
  email_hash  text not null,
  profile_enc text not null,
  created_at  timestamptz not null default now()
);
create index idv_clients_by_email on idv_clients (account_id, email_hash);

create table client_requests (
  id                            text primary key,
  account_id                    text not null references accounts(id),
  file_id                       text not null references case_files(id),
  client_id                     text not null references idv_clients(id),
  requester_client_request_id   text,
  status                        text not null,
  banking_required              boolean not null default false,
  replaced_by                   text,
  version                       integer not null default 1,
  created_at                    timestamptz not null default now(),
  updated_at                    timestamptz not null default now()
);
create index client_requests_by_file on client_requests (file_id, created_at);

create table request_links (
  id                bigint generated always as identity primary key,
  account_id        text not null references accounts(id),
  request_id        text not null references client_requests(id),
  token_hash        text not null unique,
  -- the link itself, encrypted, kept only until its email is sent
  url_enc           text,
  start_date        timestamptz not null,
  end_date          timestamptz not null,
  -- 'active' until expired, superseded by a newer link, or cancelled with its request
  status            text not null,
  send_mail         boolean not null,
  -- a sender claims the mail before sending, so two runs of the job never both send it
  mail_claimed_at   timestamptz,
  mail_sent_at      timestamptz,
  created_at        timestamptz not null default now()
);
create index request_links_by_request on request_links (request_id, id);
create index request_links_due on request_links (end_date) where status = 'active';

create table file_events (
  id                 bigint generated always as identity primary key,
  account_id         text not null references accounts(id),
  file_id            text not null references case_files(id),
  client_request_id  text,
  event_id           integer not null,
  message            text not null,
  created_at         timestamptz not null default now()
);
create index file_events_by_file on file_events (file_id, id);
