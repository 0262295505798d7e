-- Open data: datasets administrators upload themselves (CSV or GeoJSON), and each tenant's smallest published group.
CREATE TABLE opendata.uploaded_dataset (
    tenant_id        uuid        NOT NULL,
    id               text        NOT NULL CHECK (id ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
    title            text        NOT NULL,
    description      text        NOT NULL,
    keywords         text[]      NOT NULL,
    theme            text        NOT NULL,
    license          text        NOT NULL,
    contact_name     text        NOT NULL,
    contact_email    text        NOT NULL,
    period_start     date,
    period_end       date,
    columns          text[]      NOT NULL,
    column_types     text[]      NOT NULL,
    -- NONE, POINT (latitude and longitude columns) or SHAPES (any GeoJSON geometry)
    geometry         text        NOT NULL,
    latitude_column  text,
    longitude_column text,
    row_count        bigint      NOT NULL,
    file_name        text        NOT NULL,
    issued           date        NOT NULL,
    modified         timestamptz NOT NULL,
    -- raised on every change, so an administrator editing an old copy is told instead of overwriting
    version          integer     NOT NULL,
    changed_by       text        NOT NULL,
    PRIMARY KEY (tenant_id, id)
);
SELECT samla_isolate_by_tenant('opendata.uploaded_dataset');
GRANT SELECT, INSERT, UPDATE, DELETE ON opendata.uploaded_dataset TO ${appRole};

CREATE TABLE opendata.uploaded_row (
    tenant_id uuid    NOT NULL,
    dataset   text    NOT NULL,
    n         integer NOT NULL,
    cells     jsonb   NOT NULL,
    geometry  jsonb,
    PRIMARY KEY (tenant_id, dataset, n),
    FOREIGN KEY (tenant_id, dataset) REFERENCES opendata.uploaded_dataset (tenant_id, id) ON DELETE CASCADE
);
SELECT samla_isolate_by_tenant('opendata.uploaded_row');
GRANT SELECT, INSERT, DELETE ON opendata.uploaded_row TO ${appRole};

CREATE TABLE opendata.tenant_setting (
    tenant_id     uuid        NOT NULL PRIMARY KEY,
    smallest_group integer    NOT NULL CHECK (smallest_group BETWEEN 1 AND 1000),
    changed_by    text        NOT NULL,
    changed_at    timestamptz NOT NULL
);
SELECT samla_isolate_by_tenant('opendata.tenant_setting');
GRANT SELECT, INSERT, UPDATE ON opendata.tenant_setting TO ${appRole};

-- an uploaded dataset's publishing switch goes with it
GRANT DELETE ON opendata.dataset_setting TO ${appRole};
