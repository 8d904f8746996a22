-- SheerID's same-person verification limit (POST/DELETE /rest/v2/program/{id}/verificationLimit): at most
-- `quantity` verifications of the program by one person within `days`. One limit per program.
create table program_verification_limits (
  program_id text primary key,
  account_id text not null,
  quantity integer not null,
  days integer not null,
  created_at timestamptz not null
);

-- The verifications that count against a limit: one row per verification whose person step was accepted,
-- keyed by a digest of the folded first name, last name and birth date (never the values themselves).
-- Resetting a person's limit deletes their rows.
create table verification_limit_marks (
  verification_id text primary key,
  program_id text not null,
  person_key text not null,
  created_at timestamptz not null
);
create index verification_limit_marks_person on verification_limit_marks (program_id, person_key, created_at);
