-- The console's review desk: who is reviewing what, the notes reviewers leave with their decisions, and the
-- indexes the review queue and the verifications explorer read by.

-- One claim per item under review (an eligibility document review or a client ID report), held by one person
-- until it expires. Taking one is a single insert ... on conflict that overwrites only an expired claim or
-- the same person's, so two reviewers opening the same item at once never both hold it.
create table review_claims (
  account_id  text not null references accounts(id),
  item_kind   text not null check (item_kind in ('document', 'id-report')),
  item_id     text not null,
  user_id     text not null references users(id),
  claimed_at  timestamptz not null,
  expires_at  timestamptz not null,
  primary key (account_id, item_kind, item_id)
);
create index review_claims_by_user on review_claims (account_id, user_id, expires_at);

-- The note a reviewer may leave with a decision (free text, so encrypted like other personal data).
create table review_notes (
  id          bigint generated always as identity primary key,
  account_id  text not null references accounts(id),
  item_kind   text not null check (item_kind in ('document', 'id-report')),
  item_id     text not null,
  attempt     integer not null,
  user_id     text not null references users(id),
  decision    text not null check (decision in ('APPROVE', 'REJECT')),
  note_enc    text not null,
  created_at  timestamptz not null
);
create index review_notes_by_item on review_notes (account_id, item_kind, item_id, id);

-- The queue, oldest first, read by keyset (waiting since, id): over the whole account and per program.
create index verifications_review_queue on verifications (account_id, pending_since, id) where current_step = 'pending';
create index verifications_review_queue_program on verifications (account_id, program_id, pending_since, id)
  where current_step = 'pending';
-- Client ID reports not yet decided, oldest first (their request's status says whether they still await review).
create index idv_reports_awaiting_review on idv_reports (account_id, review_status_date, request_id) where decision is null;

-- The explorer: newest first, over the account and per program.
create index verifications_explorer on verifications (account_id, created_at, id);
create index verifications_explorer_program on verifications (account_id, program_id, created_at, id);
-- The webhooks sent for one verification (events are written per subject).
create index webhook_events_by_subject on webhook_events (account_id, subject_id, created_at);
