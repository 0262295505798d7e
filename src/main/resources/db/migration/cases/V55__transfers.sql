-- Handing a case over (överlämnande) to another municipality of the installation.

-- The receiver's case remembers where it came from: the sender's reference is kept as a reference.
ALTER TABLE cases."case" ADD COLUMN transferred_from_tenant uuid, ADD COLUMN transferred_from_reference text;
ALTER TABLE cases."case" DROP CONSTRAINT case_channel_check;
ALTER TABLE cases."case" ADD CONSTRAINT case_channel_check
    CHECK (channel IN ('E_SERVICE', 'API', 'OPEN311', 'SECURE_MAILBOX', 'SENSOR', 'TRANSFER'));

-- The sender's record of a handover: to whom, why, under which secrecy provision, and the reference it got there.
-- Its id is also the submission id of the receiver's case, so a handover opens one case however often it is retried.
CREATE TABLE cases.transfer (
    id                  uuid        NOT NULL PRIMARY KEY,
    tenant_id           uuid        NOT NULL,
    case_id             uuid        NOT NULL UNIQUE REFERENCES cases."case" (id),
    to_tenant           uuid        NOT NULL,
    reason              text        NOT NULL CHECK (length(reason) BETWEEN 1 AND 2000),
    secrecy_provision   text,
    transferred_by      text        NOT NULL,
    transferred_by_name text        NOT NULL,
    transferred_at      timestamptz NOT NULL,
    received_reference  text,
    received_at         timestamptz
);
SELECT samla_isolate_by_tenant('cases.transfer');
GRANT SELECT, INSERT, UPDATE ON cases.transfer TO ${appRole};
