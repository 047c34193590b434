-- 0008_tuning.sql: the application's queries are short and planned once
-- per connection; PostgreSQL's JIT compiler costs more than it saves on
-- them (up to a second on a general ledger over a busy account), and a
-- Raspberry Pi build may not have it at all.
ALTER ROLE bursar_app SET jit = off;
