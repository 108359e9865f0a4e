-- Prunes replay records, rate-limit buckets and health counters once a day (03:17 IST
-- is 21:47 UTC: pg_cron schedules are in UTC). One job, calling one SQL function.
select cron.schedule('prune-ingest-state', '47 21 * * *', 'select private.prune_ingest_state()');
