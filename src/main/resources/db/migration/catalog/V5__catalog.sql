-- Every version of every case type. A case refers to the version it was started under.
CREATE SCHEMA catalog;
GRANT USAGE ON SCHEMA catalog TO ${appRole};

CREATE TABLE catalog.case_type_version (
    tenant_id    uuid        NOT NULL,
    code         text        NOT NULL,
    version      int         NOT NULL CHECK (version > 0),
    content_hash char(64)    NOT NULL,
    definition   jsonb       NOT NULL,
    created_at   timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, code, version)
);
SELECT samla_isolate_by_tenant('catalog.case_type_version');
GRANT SELECT, INSERT ON catalog.case_type_version TO ${appRole};
