-- The append-only audit log. Each tenant's entries form a chain: every entry carries the keyed hash of
-- the one before, and chain_head remembers the last, so a changed, removed or inserted entry shows.
CREATE SCHEMA audit;
GRANT USAGE ON SCHEMA audit TO ${appRole};

CREATE TABLE audit.entry (
    tenant_id   uuid        NOT NULL,
    seq         bigint      NOT NULL CHECK (seq > 0),
    occurred_at timestamptz NOT NULL,
    actor_type  text        NOT NULL,
    actor_id    text,
    action      text        NOT NULL,
    object_type text,
    object_id   text,
    client_ip   text,
    request_id  text,
    details     text        NOT NULL,
    prev_hash   text        NOT NULL,
    hash        text        NOT NULL,
    PRIMARY KEY (tenant_id, seq)
);
CREATE INDEX entry_object_idx ON audit.entry (tenant_id, object_type, object_id);

CREATE TABLE audit.chain_head (
    tenant_id uuid   NOT NULL PRIMARY KEY,
    last_seq  bigint NOT NULL,
    last_hash text   NOT NULL
);

SELECT samla_isolate_by_tenant('audit.entry');
SELECT samla_isolate_by_tenant('audit.chain_head');

-- Entries are written once and never changed or removed.
CREATE FUNCTION audit.refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the audit log is append-only';
END $$;
CREATE TRIGGER entry_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON audit.entry
    FOR EACH STATEMENT EXECUTE FUNCTION audit.refuse_change();

GRANT SELECT, INSERT ON audit.entry TO ${appRole};
GRANT SELECT, INSERT, UPDATE ON audit.chain_head TO ${appRole};
