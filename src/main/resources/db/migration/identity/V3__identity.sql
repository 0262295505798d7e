-- People who log in: residents (by personal or coordination number) and staff (by their provider's subject).
CREATE SCHEMA identity;
GRANT USAGE ON SCHEMA identity TO ${appRole};

CREATE TABLE identity.person (
    id                       uuid        NOT NULL PRIMARY KEY,
    tenant_id                uuid        NOT NULL,
    personal_identity_number char(12)    NOT NULL,
    name                     text        NOT NULL,
    first_seen_at            timestamptz NOT NULL,
    last_login_at            timestamptz NOT NULL,
    UNIQUE (tenant_id, personal_identity_number)
);

CREATE TABLE identity.staff_member (
    id            uuid        NOT NULL PRIMARY KEY,
    tenant_id     uuid        NOT NULL,
    issuer        text        NOT NULL,
    subject       text        NOT NULL,
    name          text        NOT NULL,
    email         text,
    clearance     text        NOT NULL,
    last_login_at timestamptz NOT NULL,
    UNIQUE (tenant_id, issuer, subject)
);

-- Roles are held per unit; they are replaced by what the staff provider says at each login.
CREATE TABLE identity.staff_role (
    tenant_id uuid NOT NULL,
    staff_id  uuid NOT NULL REFERENCES identity.staff_member (id) ON DELETE CASCADE,
    unit_id   uuid NOT NULL,
    role      text NOT NULL CHECK (role IN ('CASE_OFFICER', 'REGISTRAR', 'ARCHIVIST', 'ADMINISTRATOR')),
    PRIMARY KEY (staff_id, unit_id, role)
);

SELECT samla_isolate_by_tenant('identity.person');
SELECT samla_isolate_by_tenant('identity.staff_member');
SELECT samla_isolate_by_tenant('identity.staff_role');

GRANT SELECT, INSERT, UPDATE, DELETE ON identity.person, identity.staff_member, identity.staff_role TO ${appRole};
