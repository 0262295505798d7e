-- A case a sensor of a type the municipality does not publish (bin fill levels) is worked like any report but is not
-- on the public map, list, Open311 or open data.
ALTER TABLE reports.report ADD COLUMN listed boolean NOT NULL DEFAULT true;

-- How far around its device a sensor case gathers residents' open reports of its category, and when its rule last
-- fired: a firing handled before (a redelivered event) is not written twice.
ALTER TABLE reports.sensor_case ADD COLUMN link_metres int NOT NULL DEFAULT 500;
ALTER TABLE reports.sensor_case ADD COLUMN last_fired_at timestamptz;

-- A resident's report of the same problem near a device, linked to the sensor's case both ways: staff see one from
-- the other, and the resident's followers are told when the sensor reads normal again.
CREATE TABLE reports.sensor_link (
    tenant_id      uuid        NOT NULL,
    sensor_case_id uuid        NOT NULL,
    report_case_id uuid        NOT NULL,
    metres         int         NOT NULL,
    linked_at      timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, sensor_case_id, report_case_id)
);
CREATE INDEX sensor_link_report ON reports.sensor_link (report_case_id);
SELECT samla_isolate_by_tenant('reports.sensor_link');
GRANT SELECT, INSERT, UPDATE, DELETE ON reports.sensor_link TO ${appRole};
