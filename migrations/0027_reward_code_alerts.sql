-- A program's low-stock warning for its reward codes: when a claim leaves the pool's free codes at or below
-- `threshold`, the claim marks `warned_at` (in its own transaction), and the console's sweep mails the
-- account's administrators once, marking `mailed_at`. An upload that lifts the pool above the threshold
-- clears both, so the next fall warns again.
create table reward_code_alerts (
  program_id  text primary key references programs(id),
  account_id  text not null references accounts(id),
  threshold   integer not null check (threshold >= 0),
  warned_at   timestamptz,
  mailed_at   timestamptz
);
create index reward_code_alerts_due on reward_code_alerts (warned_at) where warned_at is not null and mailed_at is null;
