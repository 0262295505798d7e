-- Rate limits of anonymous writes: Bucket4j's token buckets, one row per bucket, shared by every app
-- instance so that a limit holds however many instances serve the requests. The limiter alone reads
-- and writes it (rows locked with SELECT ... FOR UPDATE), through its own JDBC connections.
--
-- No row-level security, on purpose: the rows are counters, not records of a tenant, and the tenant is
-- only the start of the key ("<tenant-uuid>:write:ip:<address>"), which also keeps tenants' buckets
-- apart and makes the key usable as a distribution key. Bucket4j opens its own transactions, outside
-- the tenant-scoped ones, so a tenant policy would hide every row from it, and the clean-up of expired
-- buckets has to reach all tenants at once. Nothing in the application shows these rows to anyone.
-- The key holds a client address, which is personal data: expires_at makes each row die soon after its
-- bucket is full again, and the limiter deletes expired rows every minute.
CREATE TABLE rate_limit_bucket (
    id         text   NOT NULL PRIMARY KEY,
    state      bytea,
    expires_at bigint
);
CREATE INDEX rate_limit_bucket_expires_at ON rate_limit_bucket (expires_at);

GRANT SELECT, INSERT, UPDATE, DELETE ON rate_limit_bucket TO ${appRole};
