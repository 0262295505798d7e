-- Sensor readings, one row per device, measurement and moment: the key makes a reading delivered twice (an MQTT
-- redelivery, an HTTP retry) one row. Partitioned by month, so retention and long ranges touch only their months; a
-- BRIN index on the time serves ranges at a fraction of a B-tree's size, since readings arrive in time order.
CREATE SCHEMA sensors;
GRANT USAGE ON SCHEMA sensors TO ${appRole};

CREATE TABLE sensors.reading (
    tenant_id   uuid             NOT NULL,
    device      text             NOT NULL,
    name        text             NOT NULL,
    measured_at timestamptz      NOT NULL,
    value       double precision,
    text_value  text,
    bool_value  boolean,
    unit        text,
    received_at timestamptz      NOT NULL,
    PRIMARY KEY (tenant_id, device, name, measured_at)
) PARTITION BY RANGE (measured_at);
CREATE INDEX reading_time ON sensors.reading USING brin (measured_at);

-- a partition per month from 2024 to 2036; a reading outside them lands in the default partition, never refused
DO $$
DECLARE
    month date := date '2024-01-01';
BEGIN
    WHILE month < date '2037-01-01' LOOP
        EXECUTE format('CREATE TABLE sensors.%I PARTITION OF sensors.reading FOR VALUES FROM (%L) TO (%L)',
                       'reading_' || to_char(month, 'YYYY_MM'), month, month + interval '1 month');
        month := month + interval '1 month';
    END LOOP;
END $$;
CREATE TABLE sensors.reading_default PARTITION OF sensors.reading DEFAULT;

-- what was refused, counted per device and reason, with the last one's detail, for the administrator
CREATE TABLE sensors.refusal (
    tenant_id   uuid        NOT NULL,
    device      text        NOT NULL,
    reason      text        NOT NULL,
    count       bigint      NOT NULL,
    last_at     timestamptz NOT NULL,
    last_detail text,
    PRIMARY KEY (tenant_id, device, reason)
);

SELECT samla_isolate_by_tenant('sensors.reading');
SELECT samla_isolate_by_tenant('sensors.refusal');
GRANT SELECT, INSERT, UPDATE, DELETE ON sensors.reading, sensors.refusal TO ${appRole};
