-- Rate-limit counters shared by every instance on one PostgreSQL database: one row per counter and caller
-- (`<counter>|<caller>`), the start of its fixed window (milliseconds since the epoch; a window starts at the
-- caller's first request) and the requests counted in it. One upsert per counted request adds one, or starts
-- a new window once the last has ended.
-- Rows of ended windows are deleted now and then. Unlogged: a counter is worth less than the write-ahead log
-- traffic of every request, and losing them in a crash only forgets a window's counts.
-- The embedded store keeps its counters in its one process.
create unlogged table rate_limit_counters (
  key           text primary key,
  window_start  bigint not null,
  count         integer not null
);
create index rate_limit_counters_window on rate_limit_counters (window_start);
