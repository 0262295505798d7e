-- Open data: which built-in datasets an administrator has switched off (all are published until then).
CREATE SCHEMA opendata;
GRANT USAGE ON SCHEMA opendata TO ${appRole};

CREATE TABLE opendata.dataset_setting (
    tenant_id  uuid        NOT NULL,
    dataset    text        NOT NULL,
    published  boolean     NOT NULL,
    changed_by text        NOT NULL,
    changed_at timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, dataset)
);
SELECT samla_isolate_by_tenant('opendata.dataset_setting');
GRANT SELECT, INSERT, UPDATE ON opendata.dataset_setting TO ${appRole};
