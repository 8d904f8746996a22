-- Links texted by POST /rest/v2/program/{id}/sendLink, counted per UTC day against two caps: per phone
-- number (scope 'number', key: a keyed digest of the number in E.164 form, never the number itself) and
-- per program (scope 'program', key: the program id). Past days' rows are dropped by a sweep.
create table send_link_counts (
  scope text not null,
  key text not null,
  day text not null,
  count integer not null,
  primary key (scope, key, day)
);
create index send_link_counts_day on send_link_counts (day);
