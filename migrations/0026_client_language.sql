-- The language of the link mail and capture page per client (in the client's encrypted profile), and the
-- account's defaults for clients without one: their language, and the time zone the mail's dates are given in.
alter table account_settings add column default_language text not null default 'en';
alter table account_settings add column time_zone text not null default 'UTC';
