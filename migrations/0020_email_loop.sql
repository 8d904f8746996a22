-- How many codes the current loop has sent (the email loop's resends are limited).
alter table verifications add column loop_sends integer not null default 0;
