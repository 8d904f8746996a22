-- The velocity limits of the defenses against scripted abuse: one counter per program, rule, key and window
-- (a UTC day or hour). The key is a keyed digest of what is counted (the person, email address, device
-- fingerprint or client address), never the value itself. Counters are incremented and read in one
-- statement, so that several processes share them; rows past their window are swept.
create table abuse_counters (
  program_id   text not null,
  rule         text not null,
  key          text not null,
  window_start timestamptz not null,
  expires_at   timestamptz not null,
  count        integer not null,
  primary key (program_id, rule, key, window_start)
);
create index abuse_counters_expiry on abuse_counters (expires_at);
