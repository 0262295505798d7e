-- Notifications sent to residents, and the demo run's local mailbox.
CREATE SCHEMA messaging;
GRANT USAGE ON SCHEMA messaging TO ${appRole};

-- One row per notification, whichever way it went; the content is kept only in the local mailbox.
CREATE TABLE messaging.delivery (
    id         uuid        NOT NULL PRIMARY KEY,
    tenant_id  uuid        NOT NULL,
    event_key  text        NOT NULL,
    case_id    uuid,
    channel    text        NOT NULL CHECK (channel IN ('EMAIL', 'LOCAL_MAILBOX')),
    recipient  text        NOT NULL,
    subject    text        NOT NULL,
    status     text        NOT NULL CHECK (status IN ('SENT', 'FAILED')),
    error      text,
    created_at timestamptz NOT NULL,
    UNIQUE (tenant_id, event_key)
);

-- The default run has no mail server: notifications land here and are shown on the demo mailbox page.
CREATE TABLE messaging.local_mailbox (
    id          uuid        NOT NULL PRIMARY KEY,
    tenant_id   uuid        NOT NULL,
    recipient   text        NOT NULL,
    subject     text        NOT NULL,
    body        text        NOT NULL,
    received_at timestamptz NOT NULL
);

SELECT samla_isolate_by_tenant('messaging.delivery');
SELECT samla_isolate_by_tenant('messaging.local_mailbox');
GRANT SELECT, INSERT, UPDATE ON messaging.delivery TO ${appRole};
GRANT SELECT, INSERT ON messaging.local_mailbox TO ${appRole};
