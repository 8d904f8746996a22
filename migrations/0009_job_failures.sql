-- A report whose job gave up is ERROR with the reason, shown by the API (re-verification batches already
-- have their failure_reason).
alter table reports add column failure_reason text;
