-- The secure mailbox ("Skriv till oss"): a logged-in resident writes to a unit, the unit answers. A thread keeps its
-- unit's confidentiality from when it was started; its files wait in the cases module under the thread's submission,
-- and go with it when the thread becomes a case.
-- Each tenant's thread numbers, by year, as case references are: M-2026-000042.
CREATE TABLE messaging.thread_series (
    tenant_id   uuid NOT NULL,
    year        int  NOT NULL,
    last_number int  NOT NULL,
    PRIMARY KEY (tenant_id, year)
);

CREATE TABLE messaging.thread (
    id              uuid        NOT NULL PRIMARY KEY,
    tenant_id       uuid        NOT NULL,
    reference       text        NOT NULL,
    unit            text        NOT NULL,
    person_id       uuid        NOT NULL,
    identity_number text        NOT NULL,
    resident_name   text        NOT NULL,
    subject         text        NOT NULL,
    assurance_level int         NOT NULL CHECK (assurance_level BETWEEN 2 AND 4),
    confidentiality text        NOT NULL CHECK (confidentiality IN ('PUBLIC', 'INTERNAL', 'CONFIDENTIAL',
                                                                    'STRICTLY_CONFIDENTIAL')),
    submission_id   uuid        NOT NULL,
    status          text        NOT NULL CHECK (status IN ('OPEN', 'CASE', 'CLOSED')),
    case_id         uuid,
    case_reference  text,
    waiting_for     text        NOT NULL CHECK (waiting_for IN ('UNIT', 'RESIDENT')),
    version         int         NOT NULL DEFAULT 0,
    created_at      timestamptz NOT NULL,
    updated_at      timestamptz NOT NULL,
    closed_at       timestamptz,
    UNIQUE (tenant_id, reference),
    UNIQUE (tenant_id, submission_id),
    CHECK (status <> 'CASE' OR case_id IS NOT NULL)
);
CREATE INDEX thread_person_idx ON messaging.thread (tenant_id, person_id, updated_at DESC);
CREATE INDEX thread_unit_idx ON messaging.thread (tenant_id, unit, status, updated_at DESC);
CREATE INDEX thread_closed_idx ON messaging.thread (closed_at) WHERE status = 'CLOSED';

CREATE TABLE messaging.thread_message (
    id          uuid        NOT NULL PRIMARY KEY,
    tenant_id   uuid        NOT NULL,
    thread_id   uuid        NOT NULL REFERENCES messaging.thread (id) ON DELETE CASCADE,
    sender      text        NOT NULL CHECK (sender IN ('RESIDENT', 'UNIT')),
    author      text        NOT NULL,
    author_name text        NOT NULL,
    body        text        NOT NULL,
    file_ids    uuid[]      NOT NULL DEFAULT '{}',
    letter_id   uuid,
    sent_at     timestamptz NOT NULL,
    read_at     timestamptz
);
CREATE INDEX thread_message_thread_idx ON messaging.thread_message (thread_id, sent_at);

SELECT samla_isolate_by_tenant('messaging.thread_series');
SELECT samla_isolate_by_tenant('messaging.thread');
SELECT samla_isolate_by_tenant('messaging.thread_message');
GRANT SELECT, INSERT, UPDATE ON messaging.thread_series TO ${appRole};
GRANT SELECT, INSERT, UPDATE, DELETE ON messaging.thread, messaging.thread_message TO ${appRole};

-- an answer from the unit is a letter of its own kind
ALTER TABLE messaging.letter DROP CONSTRAINT letter_kind_check;
ALTER TABLE messaging.letter ADD CONSTRAINT letter_kind_check
    CHECK (kind IN ('DECISION', 'COMPLETION_REQUEST', 'MESSAGE', 'MAILBOX_ANSWER'));
CREATE INDEX letter_source_idx ON messaging.letter (source_id);
