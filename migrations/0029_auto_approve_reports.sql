-- An account may let Vouch approve a client's ID report without a person, when every check passed and the
-- document itself was read (off unless turned on).
alter table account_settings add column auto_approve_reports boolean not null default false;
