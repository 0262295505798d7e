-- Records (diarium): the register of a tenant's official documents, with secrecy markings.
CREATE SCHEMA records;
GRANT USAGE ON SCHEMA records TO ${appRole};

-- One row per registered case: the running number of its documents, its titles, and its own secrecy marking.
CREATE TABLE records.case_file (
    case_id            uuid        NOT NULL PRIMARY KEY,
    tenant_id          uuid        NOT NULL,
    reference          text        NOT NULL,
    case_type          text        NOT NULL,
    title              text        NOT NULL,
    public_title       text        NOT NULL,
    last_number        int         NOT NULL DEFAULT 0,
    osl_provision      text,
    secrecy_marked_at  timestamptz,
    secrecy_marked_by  text,
    UNIQUE (tenant_id, reference)
);

-- A registered document. The protected forms (counterpart, description) are for staff; the public forms are
-- what the public register shows, and are empty where secrecy may apply.
CREATE TABLE records.entry (
    id                 uuid        NOT NULL PRIMARY KEY,
    tenant_id          uuid        NOT NULL,
    case_id            uuid        NOT NULL REFERENCES records.case_file (case_id),
    number             int         NOT NULL,
    registered_on      date        NOT NULL,
    registered_at      timestamptz NOT NULL,
    registered_by      text        NOT NULL,
    direction          text        NOT NULL CHECK (direction IN ('INCOMING', 'OUTGOING', 'INTERNAL')),
    kind               text        NOT NULL CHECK (kind IN ('APPLICATION', 'FILE', 'MESSAGE', 'DECISION', 'MEMO', 'OTHER')),
    source_id          uuid,
    counterpart        text,
    public_counterpart text,
    description        text        NOT NULL,
    public_description text        NOT NULL,
    osl_provision      text,
    secrecy_marked_at  timestamptz,
    secrecy_marked_by  text,
    UNIQUE (case_id, number),
    UNIQUE (case_id, kind, source_id)
);
CREATE INDEX entry_register_idx ON records.entry (tenant_id, registered_on DESC, case_id, number);

SELECT samla_isolate_by_tenant('records.case_file');
SELECT samla_isolate_by_tenant('records.entry');

GRANT SELECT, INSERT, UPDATE ON records.case_file, records.entry TO ${appRole};
