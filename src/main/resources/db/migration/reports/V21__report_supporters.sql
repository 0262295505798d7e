-- "Jag ser också problemet" counts once per person or browser: who has said it is kept per report, as a
-- logged-in resident's opaque id or a hash of an anonymous browser session's token, never a name.
CREATE TABLE reports.supporter (
    tenant_id   uuid        NOT NULL,
    case_id     uuid        NOT NULL,
    supporter   text        NOT NULL,
    supported_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, case_id, supporter)
);

SELECT samla_isolate_by_tenant('reports.supporter');
GRANT SELECT, INSERT, UPDATE, DELETE ON reports.supporter TO ${appRole};
