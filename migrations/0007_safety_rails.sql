-- Safety rails shared by both dialects: idempotency keys and the append-only audit log.

-- One row per (scope, key): the insert that wins the primary key runs the request, every other request
-- with the same key waits for (409) or replays (stored status, headers, body) its outcome. The scope is
-- the account of the caller, or 'public' for eligibility end-user calls made without a token.
create table idempotency_keys (
  scope        text not null,
  key          text not null,
  -- method, path and SHA-256 of the body: the same key with another request is refused (422)
  fingerprint  text not null,
  state        text not null check (state in ('running', 'complete')),
  status       integer,
  headers      jsonb,
  -- the stored response body, encrypted like every other PII at rest
  body_enc     text,
  created_at   timestamptz not null default now(),
  primary key (scope, key)
);
create index idempotency_keys_by_age on idempotency_keys (created_at);

-- Who did what, when and from where. Ids and digests only: never a name, an email or a raw IP.
create table audit_log (
  id            bigserial primary key,
  account_id    text references accounts(id),
  actor_type    text not null,
  actor_id      text,
  action        text not null,
  subject_type  text,
  subject_id    text,
  outcome       integer not null,
  method        text not null,
  route         text not null,
  ip_hash       text,
  user_agent    text,
  request_id    text,
  at            timestamptz not null default now()
);
create index audit_log_by_account on audit_log (account_id, id);
create index audit_log_by_subject on audit_log (account_id, subject_id);

-- Append-only in the store itself, whatever code runs against it.
create function audit_log_refuse_change() returns trigger language plpgsql as $$
begin
  raise exception 'audit_log is append-only';
end;
$$;
create trigger audit_log_append_only before update or delete on audit_log
  for each row execute function audit_log_refuse_change();
create trigger audit_log_no_truncate before truncate on audit_log
  for each statement execute function audit_log_refuse_change();
