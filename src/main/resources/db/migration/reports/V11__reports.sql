-- Problem reports (felanmälan): where a report is, what the public sees of it, who follows it.
-- Each report is a case; this schema holds only what the map, the public pages and Open311 need.
CREATE SCHEMA reports;
GRANT USAGE ON SCHEMA reports TO ${appRole};

CREATE TABLE reports.report (
    case_id            uuid             NOT NULL PRIMARY KEY,
    tenant_id          uuid             NOT NULL,
    public_id          text             NOT NULL,
    submission_id      uuid             NOT NULL,
    category           text             NOT NULL,
    status             text             NOT NULL,
    closed             boolean          NOT NULL DEFAULT false,
    latitude           double precision NOT NULL CHECK (latitude BETWEEN -90 AND 90),
    longitude          double precision NOT NULL CHECK (longitude BETWEEN -180 AND 180),
    -- SWEREF 99 TM (EPSG:3006), for municipal GIS and for distances in metres
    northing           double precision NOT NULL,
    easting            double precision NOT NULL,
    area               text,
    address            text,
    -- nothing the reporter wrote is public until staff publish it, edited if need be
    public_description text,
    photos_public      boolean          NOT NULL DEFAULT false,
    public_text        text,
    supporters         int              NOT NULL DEFAULT 0,
    merged_into        uuid             REFERENCES reports.report (case_id),
    reported_at        timestamptz      NOT NULL,
    updated_at         timestamptz      NOT NULL,
    version            int              NOT NULL DEFAULT 0,
    UNIQUE (tenant_id, public_id),
    UNIQUE (tenant_id, submission_id)
);
CREATE INDEX report_recent_idx ON reports.report (tenant_id, reported_at DESC);
CREATE INDEX report_updated_idx ON reports.report (tenant_id, updated_at DESC);
CREATE INDEX report_nearby_idx ON reports.report (tenant_id, northing, easting) WHERE NOT closed;

-- The public history of a report: what anyone may read, and what Open311 gives as service request updates.
CREATE TABLE reports.report_update (
    id          uuid        NOT NULL PRIMARY KEY,
    tenant_id   uuid        NOT NULL,
    case_id     uuid        NOT NULL REFERENCES reports.report (case_id),
    kind        text        NOT NULL CHECK (kind IN ('RECEIVED', 'STATUS', 'TEXT', 'MERGED')),
    status      text        NOT NULL,
    closed      boolean     NOT NULL,
    description text,
    created_at  timestamptz NOT NULL
);
CREATE INDEX report_update_case_idx ON reports.report_update (case_id, created_at);
CREATE INDEX report_update_time_idx ON reports.report_update (tenant_id, created_at);

-- Who gets each public update by e-mail: the reporter, and those who said "same problem".
CREATE TABLE reports.subscriber (
    tenant_id  uuid        NOT NULL,
    case_id    uuid        NOT NULL REFERENCES reports.report (case_id),
    email      text        NOT NULL,
    created_at timestamptz NOT NULL,
    PRIMARY KEY (case_id, email)
);

-- Open311 api keys, issued per client by an administrator; only a hash is kept.
CREATE TABLE reports.open311_key (
    id         uuid        NOT NULL PRIMARY KEY,
    tenant_id  uuid        NOT NULL,
    name       text        NOT NULL,
    key_sha256 char(64)    NOT NULL UNIQUE,
    created_by text        NOT NULL,
    created_at timestamptz NOT NULL,
    revoked_at timestamptz
);

SELECT samla_isolate_by_tenant('reports.report');
SELECT samla_isolate_by_tenant('reports.report_update');
SELECT samla_isolate_by_tenant('reports.subscriber');
SELECT samla_isolate_by_tenant('reports.open311_key');

GRANT SELECT, INSERT, UPDATE ON reports.report, reports.report_update, reports.open311_key TO ${appRole};
GRANT SELECT, INSERT, UPDATE, DELETE ON reports.subscriber TO ${appRole};

-- the unit that owns the report (by its category and area), named as the agency responsible
ALTER TABLE reports.report ADD COLUMN unit text NOT NULL;
