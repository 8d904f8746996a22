-- A link mail that could not be sent stays visible and is sent again later (docs/client-requests.md#mail):
-- when its sending first gave up, and how many rounds of sending have given up so far (each next round
-- waits longer). The URL stays encrypted in url_enc meanwhile, as long as the link is valid.
alter table request_links add column mail_failed_at timestamptz;
alter table request_links add column mail_failures integer not null default 0;
