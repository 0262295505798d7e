-- Hourly and daily aggregates of the readings, so a week or a year is drawn from 168 or 365 rows instead of half a
-- million. Ingestion marks the hours a pack touched; a job rolls them up from the readings (a late reading marks its
-- old hour again, so the aggregates end exact), and the days, Swedish calendar days, from the hours.
CREATE TABLE sensors.dirty_hour (
    tenant_id uuid        NOT NULL,
    device    text        NOT NULL,
    name      text        NOT NULL,
    hour      timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, device, name, hour)
);

CREATE TABLE sensors.reading_hour (
    tenant_id uuid             NOT NULL,
    device    text             NOT NULL,
    name      text             NOT NULL,
    hour      timestamptz      NOT NULL,
    n         int              NOT NULL,
    min       double precision NOT NULL,
    max       double precision NOT NULL,
    mean      double precision NOT NULL,
    PRIMARY KEY (tenant_id, device, name, hour)
);

CREATE TABLE sensors.reading_day (
    tenant_id uuid             NOT NULL,
    device    text             NOT NULL,
    name      text             NOT NULL,
    day       date             NOT NULL,
    n         int              NOT NULL,
    min       double precision NOT NULL,
    max       double precision NOT NULL,
    mean      double precision NOT NULL,
    PRIMARY KEY (tenant_id, device, name, day)
);

SELECT samla_isolate_by_tenant('sensors.dirty_hour');
SELECT samla_isolate_by_tenant('sensors.reading_hour');
SELECT samla_isolate_by_tenant('sensors.reading_day');
GRANT SELECT, INSERT, UPDATE, DELETE ON sensors.dirty_hour, sensors.reading_hour, sensors.reading_day TO ${appRole};
