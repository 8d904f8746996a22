-- What the result override, the marketplace flow, Remember-Me and the reminder need on a verification.
-- Wrong override codes tried so far (the program's maxOverrideAttempts ends the verification).
alter table verifications add column override_attempts integer not null default 0;
-- How the verification was approved when neither a source nor a review did it ('override').
alter table verifications add column approved_by text;
-- The secret the person must give back on the current step: the marketplace's verification token or the
-- Remember-Me authentication code. Only its digest is kept; it expires and allows few wrong tries.
alter table verifications add column challenge_hash text;
alter table verifications add column challenge_expires_at timestamptz;
alter table verifications add column challenge_attempts integer not null default 0;
-- When the REMINDER event was emitted for an unfinished verification (once).
alter table verifications add column reminded_at timestamptz;
create index verifications_unreminded on verifications (created_at) where reminded_at is null;

-- Remember-Me: people who agreed to be remembered by a program's account after a success, found again by
-- a digest of their email address. Their person data is encrypted.
create table remembered_consumers (
  account_id text not null,
  email_digest text not null,
  person_enc text not null,
  organization_id integer,
  organization_name text,
  marketing_consent boolean not null default false,
  created_at timestamptz not null,
  updated_at timestamptz not null,
  primary key (account_id, email_digest)
);
