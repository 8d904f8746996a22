-- Finer reasons of an ending, as SheerID's `errorDetailId` (the ID check's `govIdMismatch`, `unableToVerify`).
alter table verifications add column error_detail_ids jsonb not null default '[]';
