-- ShedLock's lock table: one row per scheduled job, so a job runs on one app instance at a time however
-- many instances share this database (`locked_by` names the instance holding it, until `lock_until`).
--
-- No row-level security, on purpose: the rows are job names and times, not records of a tenant, and each
-- job works through every tenant in turn from the one lock. ShedLock takes and releases the lock in its
-- own transactions, outside the tenant-scoped ones, so a tenant policy would hide every row from it.
CREATE TABLE shedlock (
    name       varchar(64)  NOT NULL PRIMARY KEY,
    lock_until timestamp    NOT NULL,
    locked_at  timestamp    NOT NULL,
    locked_by  varchar(255) NOT NULL
);

GRANT SELECT, INSERT, UPDATE ON shedlock TO ${appRole};
