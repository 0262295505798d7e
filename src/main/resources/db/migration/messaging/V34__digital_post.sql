-- The municipality's outgoing post ("myndighetspost"): how each resident wants it, the letters as PDF/A, each
-- letter's way out (digital mailbox, e-mail notice, paper) with its retries and proof of delivery, and the print
-- batches the registry sends on paper.

-- How a resident wants the municipality's post. No row: the default (a digital mailbox if they have one).
CREATE TABLE messaging.post_choice (
    tenant_id  uuid        NOT NULL,
    person_id  uuid        NOT NULL,
    channel    text        NOT NULL CHECK (channel IN ('DIGITAL_MAILBOX', 'EMAIL', 'PAPER')),
    email      text,
    chosen_at  timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, person_id),
    CHECK (channel <> 'EMAIL' OR email IS NOT NULL)
);

-- A letter to a resident. Its document (kind, source) gets one letter however often its event is handled.
-- After disposal of its case the letter keeps what it was and when it went, not to whom or what it said.
CREATE TABLE messaging.letter (
    id              uuid        NOT NULL PRIMARY KEY,
    tenant_id       uuid        NOT NULL,
    case_id         uuid,
    reference       text,
    kind            text        NOT NULL CHECK (kind IN ('DECISION', 'COMPLETION_REQUEST', 'MESSAGE')),
    source_id       uuid        NOT NULL,
    person_id       uuid,
    identity_number text,
    recipient_name  text,
    subject         text        NOT NULL,
    must_deliver    boolean     NOT NULL,
    pdf             bytea,
    pdf_sha256      text,
    created_at      timestamptz NOT NULL,
    opened_at       timestamptz,
    received_at     timestamptz,
    received_via    text        CHECK (received_via IN ('DIGITAL_MAILBOX', 'MY_PAGES', 'PAPER')),
    received_deemed boolean     NOT NULL DEFAULT false,
    appeal_until    date,
    UNIQUE (tenant_id, kind, source_id)
);
CREATE INDEX letter_person_idx ON messaging.letter (tenant_id, person_id, created_at DESC);
CREATE INDEX letter_case_idx ON messaging.letter (case_id);

-- One way out for a letter. A digital delivery keeps its message id across retries, so an operator that got it
-- the first time recognises the second; a paper one waits for a print batch.
CREATE TABLE messaging.dispatch (
    id              uuid        NOT NULL PRIMARY KEY,
    tenant_id       uuid        NOT NULL,
    letter_id       uuid        NOT NULL REFERENCES messaging.letter (id) ON DELETE CASCADE,
    channel         text        NOT NULL CHECK (channel IN ('DIGITAL_MAILBOX', 'EMAIL', 'PAPER')),
    status          text        NOT NULL CHECK (status IN ('PENDING', 'DELIVERED', 'FAILED', 'PRINT_QUEUED', 'PRINTED',
                                                           'NO_ADDRESS', 'REPLACED')),
    reason          text        NOT NULL,
    attempts        int         NOT NULL DEFAULT 0,
    next_attempt_at timestamptz,
    last_error      text,
    message_id      text        NOT NULL,
    operator        text,
    transaction_id  text,
    delivered_at    timestamptz,
    print_batch_id  uuid,
    created_at      timestamptz NOT NULL,
    updated_at      timestamptz NOT NULL,
    UNIQUE (tenant_id, message_id)
);
CREATE INDEX dispatch_due_idx ON messaging.dispatch (next_attempt_at) WHERE status = 'PENDING';
CREATE INDEX dispatch_letter_idx ON messaging.dispatch (letter_id);
CREATE INDEX dispatch_print_idx ON messaging.dispatch (tenant_id, created_at) WHERE status = 'PRINT_QUEUED';
-- one paper letter at a time: two instances deciding at once that an unread letter needs paper make one
CREATE UNIQUE INDEX dispatch_one_paper_idx ON messaging.dispatch (letter_id)
    WHERE channel = 'PAPER' AND status IN ('PRINT_QUEUED', 'NO_ADDRESS', 'PRINTED');

-- A batch of paper letters as the registry downloaded it, and when it was handed to the post.
CREATE TABLE messaging.print_batch (
    id          uuid        NOT NULL PRIMARY KEY,
    tenant_id   uuid        NOT NULL,
    letters     int         NOT NULL,
    created_at  timestamptz NOT NULL,
    created_by  text        NOT NULL,
    sent_on     date,
    sent_by     text
);

SELECT samla_isolate_by_tenant('messaging.post_choice');
SELECT samla_isolate_by_tenant('messaging.letter');
SELECT samla_isolate_by_tenant('messaging.dispatch');
SELECT samla_isolate_by_tenant('messaging.print_batch');
GRANT SELECT, INSERT, UPDATE ON messaging.post_choice, messaging.letter, messaging.dispatch, messaging.print_batch
    TO ${appRole};

-- The demo mailbox operator: a stand-in for a national digital mailbox (Kivra, Min myndighetspost ...), outside
-- any municipality, so outside row-level security. It exists in every run but serves only where the demo profile
-- is allowed. What a resident received there is theirs: a municipality's disposal does not reach it.
CREATE SCHEMA demo_operator;
GRANT USAGE ON SCHEMA demo_operator TO ${appRole};

CREATE TABLE demo_operator.account (
    recipient_id    text        NOT NULL PRIMARY KEY,
    open            boolean     NOT NULL,
    refused_senders text[]      NOT NULL DEFAULT '{}',
    changed_at      timestamptz NOT NULL
);

CREATE TABLE demo_operator.delivery (
    id            uuid        NOT NULL PRIMARY KEY,
    sender_org    text        NOT NULL,
    sender_name   text        NOT NULL,
    recipient_id  text        NOT NULL,
    message_id    text        NOT NULL,
    subject       text        NOT NULL,
    content_type  text        NOT NULL,
    body          bytea       NOT NULL,
    transaction_id text       NOT NULL,
    delivered_at  timestamptz NOT NULL,
    read_at       timestamptz,
    UNIQUE (sender_org, message_id)
);
CREATE INDEX demo_delivery_recipient_idx ON demo_operator.delivery (recipient_id, delivered_at DESC);

GRANT SELECT, INSERT, UPDATE ON demo_operator.account, demo_operator.delivery TO ${appRole};
