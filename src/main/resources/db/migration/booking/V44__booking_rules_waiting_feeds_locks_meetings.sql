-- Booking, second part: approval, weekly series, the waiting list, private calendar feeds, door access through locks,
-- and meetings with case officers.

-- A booking may wait for approval (PENDING, holding its time), be offered from the waiting list (OFFERED, holding its
-- time until the offer runs out), be rejected, cancelled, released when nobody came, or run out unaccepted.
ALTER TABLE booking.booking DROP CONSTRAINT booking_status_check;
ALTER TABLE booking.booking ADD CONSTRAINT booking_status_check
    CHECK (status IN ('PENDING', 'OFFERED', 'CONFIRMED', 'REJECTED', 'CANCELLED', 'RELEASED', 'EXPIRED'));
ALTER TABLE booking.booking
    ADD COLUMN series_id        uuid,
    -- for the booker's post (a digital mailbox is found by the number); goes with the booking at disposal
    ADD COLUMN booker_identity_number text,
    -- RFC 5545 SEQUENCE: raised at every change the booker is told of, so calendars take the newest
    ADD COLUMN sequence         int  NOT NULL DEFAULT 0,
    ADD COLUMN decided_by       text,
    ADD COLUMN decided_at       timestamptz,
    ADD COLUMN decision_reason  text,
    ADD COLUMN offer_expires_at timestamptz,
    ADD COLUMN opened_at        timestamptz,
    -- when an offer from the line was taken up: a no-show is counted from then if the time had already begun
    ADD COLUMN accepted_at      timestamptz;
CREATE INDEX booking_series ON booking.booking (series_id) WHERE series_id IS NOT NULL;
CREATE INDEX booking_pending ON booking.booking (status, starts_at) WHERE status IN ('PENDING', 'OFFERED');

-- Who waits for a taken time, first come first served.
CREATE TABLE booking.waiting (
    id                   uuid        NOT NULL PRIMARY KEY,
    tenant_id            uuid        NOT NULL,
    resource             text        NOT NULL,
    starts_at            timestamptz NOT NULL,
    ends_at              timestamptz NOT NULL,
    person_id            uuid        NOT NULL,
    booker_name          text        NOT NULL,
    identity_number      text        NOT NULL,
    principal_kind       text        NOT NULL,
    principal_identifier text,
    principal_name       text,
    created_at           timestamptz NOT NULL,
    status               text        NOT NULL CHECK (status IN ('WAITING', 'OFFERED', 'BOOKED', 'DECLINED', 'EXPIRED', 'WITHDRAWN')),
    booking_id           uuid REFERENCES booking.booking (id) ON DELETE SET NULL
);
CREATE UNIQUE INDEX waiting_once ON booking.waiting (tenant_id, resource, starts_at, person_id)
    WHERE status IN ('WAITING', 'OFFERED');
CREATE INDEX waiting_queue ON booking.waiting (resource, starts_at, created_at) WHERE status = 'WAITING';

-- A private calendar feed: of one booker's bookings, or of one resource's. Only the token's SHA-256 is kept.
CREATE TABLE booking.feed (
    id           uuid        NOT NULL PRIMARY KEY,
    tenant_id    uuid        NOT NULL,
    token_sha256 text        NOT NULL UNIQUE,
    person_id    uuid,
    resource     text,
    created_by   text        NOT NULL,
    created_at   timestamptz NOT NULL,
    revoked_at   timestamptz,
    CHECK ((person_id IS NULL) <> (resource IS NULL))
);

-- A credential that opens a door: for a booking's time plus a margin, or standing access in unmanned hours.
CREATE TABLE booking.credential (
    id          uuid        NOT NULL PRIMARY KEY,
    tenant_id   uuid        NOT NULL,
    booking_id  uuid REFERENCES booking.booking (id) ON DELETE CASCADE,
    person_id   uuid        NOT NULL,
    door        text        NOT NULL,
    pin         text        NOT NULL,
    qr_token    text        NOT NULL,
    valid_from  timestamptz NOT NULL,
    valid_to    timestamptz NOT NULL,
    created_at  timestamptz NOT NULL,
    revoked_at  timestamptz,
    CHECK (valid_from < valid_to)
);
CREATE INDEX credential_booking ON booking.credential (booking_id);
CREATE INDEX credential_person ON booking.credential (person_id);

-- Grants and revocations on their way to the lock controllers: written with the booking's change, sent when the
-- broker takes them, so a broker that is down delays them and loses none.
CREATE TABLE booking.lock_outbox (
    id              uuid        NOT NULL PRIMARY KEY,
    tenant_id       uuid        NOT NULL,
    topic           text        NOT NULL,
    payload         text        NOT NULL,
    created_at      timestamptz NOT NULL,
    attempts        int         NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL,
    sent_at         timestamptz,
    last_error      text
);
CREATE INDEX lock_outbox_due ON booking.lock_outbox (next_attempt_at) WHERE sent_at IS NULL;

-- What the doors said. A message id is taken once per door, so a replayed message is refused.
CREATE TABLE booking.door_event (
    id            uuid        NOT NULL PRIMARY KEY,
    tenant_id     uuid        NOT NULL,
    door          text        NOT NULL,
    message_id    text        NOT NULL,
    kind          text        NOT NULL,
    credential_id uuid,
    outcome       text        NOT NULL,
    occurred_at   timestamptz NOT NULL,
    received_at   timestamptz NOT NULL,
    UNIQUE (tenant_id, door, message_id)
);

-- Times a case officer offers for meetings, and the meetings booked on them from a case or a mailbox thread.
CREATE TABLE booking.meeting_time (
    id           uuid        NOT NULL PRIMARY KEY,
    tenant_id    uuid        NOT NULL,
    unit         text        NOT NULL,
    officer_id   uuid        NOT NULL,
    officer_name text        NOT NULL,
    officer_email text,
    starts_at    timestamptz NOT NULL,
    ends_at      timestamptz NOT NULL,
    mode         text        NOT NULL CHECK (mode IN ('IN_PERSON', 'PHONE', 'VIDEO')),
    place        text,
    video_link   text,
    created_at   timestamptz NOT NULL,
    withdrawn_at timestamptz,
    CHECK (starts_at < ends_at)
);
CREATE INDEX meeting_time_unit ON booking.meeting_time (unit, starts_at);

CREATE TABLE booking.meeting (
    id              uuid        NOT NULL PRIMARY KEY,
    tenant_id       uuid        NOT NULL,
    meeting_time_id uuid        NOT NULL REFERENCES booking.meeting_time (id),
    case_id         uuid,
    thread_id       uuid,
    reference       text,
    person_id       uuid        NOT NULL,
    booker_name     text        NOT NULL,
    identity_number text        NOT NULL,
    status          text        NOT NULL CHECK (status IN ('BOOKED', 'CANCELLED', 'HELD', 'NO_SHOW')),
    sequence        int         NOT NULL DEFAULT 0,
    booked_at       timestamptz NOT NULL,
    cancelled_at    timestamptz,
    cancelled_by    text,
    reminded_at     timestamptz,
    outcome_at      timestamptz,
    CHECK (case_id IS NOT NULL OR thread_id IS NOT NULL)
);
-- one meeting per offered time, however many try at once
CREATE UNIQUE INDEX meeting_once ON booking.meeting (meeting_time_id) WHERE status <> 'CANCELLED';
CREATE INDEX meeting_person ON booking.meeting (person_id);

SELECT samla_isolate_by_tenant('booking.waiting');
SELECT samla_isolate_by_tenant('booking.feed');
SELECT samla_isolate_by_tenant('booking.credential');
SELECT samla_isolate_by_tenant('booking.lock_outbox');
SELECT samla_isolate_by_tenant('booking.door_event');
SELECT samla_isolate_by_tenant('booking.meeting_time');
SELECT samla_isolate_by_tenant('booking.meeting');
GRANT SELECT, INSERT, UPDATE, DELETE ON booking.waiting, booking.feed, booking.credential, booking.lock_outbox,
    booking.door_event, booking.meeting_time, booking.meeting TO ${appRole};
