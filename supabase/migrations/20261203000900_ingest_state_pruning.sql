-- Bounded bookkeeping: stored request outcomes are kept 7 days (a client retries well
-- within that; Stripe keeps idempotency keys 24 h), health counters 1 day (the rules read
-- 5 minutes), rate-limit rows of devices idle for a day. One function for a cron job.

create or replace function private.prune_ingest_state(now timestamptz default now())
returns jsonb
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  requests integer;
  health integer;
  limits integer;
begin
  delete from private.ingest_requests where created_at < now - interval '7 days';
  get diagnostics requests = row_count;
  delete from private.ingest_health where minute < now - interval '1 day';
  get diagnostics health = row_count;
  delete from private.rate_limits where tat < now - interval '1 day';
  get diagnostics limits = row_count;
  return jsonb_build_object('requests', requests, 'health', health, 'rateLimits', limits);
end
$$;

comment on function private.prune_ingest_state(timestamptz) is
  'Deletes ingest request outcomes older than 7 days, health counters older than 1 day and idle rate-limit rows; for a daily cron job.';
revoke all on function private.prune_ingest_state(timestamptz) from public;
grant execute on function private.prune_ingest_state(timestamptz) to service_role;
