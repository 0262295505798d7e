-- Bookings of facilities. A booking occupies one or more units (a hall's halves, or the room itself) for its time;
-- the exclusion constraint on those occupancies is what makes a double booking impossible, however many try at once.
CREATE EXTENSION IF NOT EXISTS btree_gist;
CREATE SCHEMA booking;
GRANT USAGE ON SCHEMA booking TO ${appRole};

CREATE TABLE booking.booking (
    id                     uuid        NOT NULL PRIMARY KEY,
    tenant_id              uuid        NOT NULL,
    resource               text        NOT NULL,
    starts_at              timestamptz NOT NULL,
    ends_at                timestamptz NOT NULL,
    booker_person_id       uuid        NOT NULL,
    booker_name            text        NOT NULL,
    -- whom the booker booked for: themselves, or an organisation they act for
    principal_kind         text        NOT NULL CHECK (principal_kind IN ('SELF', 'ORGANISATION', 'CHILD', 'POWER_OF_ATTORNEY')),
    principal_identifier   text,
    principal_name         text,
    category               text        NOT NULL CHECK (category IN ('RESIDENT', 'ASSOCIATION', 'COMPANY')),
    price_sek              int         NOT NULL,
    status                 text        NOT NULL CHECK (status IN ('CONFIRMED', 'CANCELLED')),
    created_at             timestamptz NOT NULL,
    cancelled_at           timestamptz,
    CHECK (starts_at < ends_at)
);
CREATE INDEX booking_booker ON booking.booking (booker_person_id, starts_at);
CREATE INDEX booking_resource ON booking.booking (resource, starts_at);

CREATE TABLE booking.occupancy (
    tenant_id  uuid      NOT NULL,
    booking_id uuid      NOT NULL REFERENCES booking.booking (id) ON DELETE CASCADE,
    unit       text      NOT NULL,
    during     tstzrange NOT NULL,
    active     boolean   NOT NULL DEFAULT true,
    PRIMARY KEY (booking_id, unit),
    CONSTRAINT occupancy_no_overlap EXCLUDE USING gist (tenant_id WITH =, unit WITH =, during WITH &&) WHERE (active)
);

SELECT samla_isolate_by_tenant('booking.booking');
SELECT samla_isolate_by_tenant('booking.occupancy');
GRANT SELECT, INSERT, UPDATE, DELETE ON booking.booking, booking.occupancy TO ${appRole};
