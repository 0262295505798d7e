-- The case a device's rule opened: at most one open per device and rule, so a rule that fires again adds to it.
CREATE TABLE reports.sensor_case (
    tenant_id  uuid        NOT NULL,
    device     text        NOT NULL,
    rule       text        NOT NULL,
    case_id    uuid        NOT NULL,
    fired_at   timestamptz NOT NULL,
    cleared_at timestamptz,
    PRIMARY KEY (tenant_id, case_id)
);
CREATE INDEX sensor_case_device ON reports.sensor_case (device, rule);
SELECT samla_isolate_by_tenant('reports.sensor_case');
GRANT SELECT, INSERT, UPDATE, DELETE ON reports.sensor_case TO ${appRole};
