-- Municipalities (tenants) and their organisational units.
CREATE SCHEMA tenancy;
GRANT USAGE ON SCHEMA tenancy TO ${appRole};

-- The list of tenants is what tells requests apart, so it is readable before any tenant is chosen.
CREATE TABLE tenancy.tenant (
    id                  uuid        NOT NULL PRIMARY KEY,
    slug                text        NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9-]{2,40}$'),
    name                text        NOT NULL,
    organisation_number char(10)    NOT NULL,
    hosts               text[]      NOT NULL DEFAULT '{}',
    updated_at          timestamptz NOT NULL DEFAULT now()
);
GRANT SELECT, INSERT, UPDATE ON tenancy.tenant TO ${appRole};

CREATE TABLE tenancy.unit (
    id          uuid    NOT NULL PRIMARY KEY,
    tenant_id   uuid    NOT NULL REFERENCES tenancy.tenant (id),
    code        text    NOT NULL CHECK (code ~ '^[A-ZÅÄÖ0-9-]{1,20}$'),
    name_sv     text    NOT NULL,
    name_en     text    NOT NULL,
    parent_id   uuid    REFERENCES tenancy.unit (id),
    kind        text    NOT NULL CHECK (kind IN ('ADMINISTRATION', 'SECTION')),
    active      boolean NOT NULL DEFAULT true,
    UNIQUE (tenant_id, code)
);
SELECT samla_isolate_by_tenant('tenancy.unit');
GRANT SELECT, INSERT, UPDATE ON tenancy.unit TO ${appRole};
