-- Webhooks: endpoints an account registers, the outbox of events (written in the transaction of the change
-- they tell), one delivery per event and endpoint (itself the delivery queue), and every attempt made.

create table webhook_endpoints (
  id               text primary key,
  account_id       text not null references accounts(id),
  url              text not null,
  description      text,
  -- exact types, '*' or 'prefix.*'
  event_types      jsonb not null,
  -- 'whsec_...', encrypted with the PII key; shown once at creation
  secret_enc       text not null,
  enabled          boolean not null default true,
  -- why it was disabled: 'gone' (the receiver answered 410) or 'manual'
  disabled_reason  text,
  deleted_at       timestamptz,
  created_at       timestamptz not null default now(),
  updated_at       timestamptz not null default now()
);
create index webhook_endpoints_by_account on webhook_endpoints (account_id) where deleted_at is null;

-- The last sequence number handed out per subject: events of one subject are numbered 1, 2, 3 ...
create table webhook_subjects (
  account_id     text not null,
  subject_id     text not null,
  last_sequence  integer not null,
  primary key (account_id, subject_id)
);

create table webhook_events (
  id          text primary key,
  account_id  text not null references accounts(id),
  type        text not null,
  subject_id  text not null,
  sequence    integer not null,
  -- the exact bytes that are signed and sent
  body        text not null,
  created_at  timestamptz not null,
  unique (account_id, subject_id, sequence)
);
create index webhook_events_by_account on webhook_events (account_id, created_at desc, id desc);

create table webhook_deliveries (
  id               text primary key,
  account_id       text not null,
  event_id         text not null references webhook_events(id),
  endpoint_id      text not null references webhook_endpoints(id),
  -- 'pending' until 'delivered' (a 2xx) or 'dead' (attempts exhausted, or the endpoint answered 410)
  status           text not null default 'pending',
  attempts         integer not null default 0,
  next_attempt_at  timestamptz not null,
  -- a process that claimed the delivery holds it until then; a crashed one's claim simply runs out
  lease_until      timestamptz,
  last_status_code integer,
  last_error       text,
  created_at       timestamptz not null,
  completed_at     timestamptz
);
-- the dispatcher's queue: each endpoint's due deliveries, oldest first
create index webhook_deliveries_due on webhook_deliveries (endpoint_id, next_attempt_at) where status = 'pending';
create index webhook_deliveries_by_event on webhook_deliveries (event_id);
create index webhook_deliveries_by_endpoint on webhook_deliveries (endpoint_id, created_at desc);

create table webhook_attempts (
  id            bigint generated always as identity primary key,
  delivery_id   text not null references webhook_deliveries(id),
  account_id    text not null,
  attempt       integer not null,
  status_code   integer,
  latency_ms    integer not null,
  error         text,
  attempted_at  timestamptz not null
);
create index webhook_attempts_by_delivery on webhook_attempts (delivery_id, attempt);
