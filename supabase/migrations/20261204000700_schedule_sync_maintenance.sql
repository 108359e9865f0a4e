-- Tombstone upkeep (ARCHITECTURE §6): every hour, remember which transaction id the clock
-- had reached (so retention in time maps to a checkpoint horizon); every night, purge
-- tombstones older than each collection's retention and move its horizon forward, so a
-- device whose checkpoint is older must resync. One SQL function per job.
select cron.schedule('sync-mark-xid', '5 * * * *', 'select private.sync_mark_xid(now())');
select cron.schedule('sync-purge-tombstones', '35 21 * * *', 'select private.sync_purge_tombstones(now())');
