-- A conversion an integrator reports for a verification (SheerID §2.7): the purchase (or other outcome) that
-- followed it, with its amount, currency and tags, kept for the verification's report rows.
create table conversions (
  id text primary key,
  account_id text not null,
  verification_id text not null references verifications(id) on delete cascade,
  amount double precision not null,
  currency text not null,
  tags text not null,
  created_at timestamptz not null default now()
);
create index conversions_verification on conversions (verification_id, created_at);
