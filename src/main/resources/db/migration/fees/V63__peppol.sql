-- What went, or would go, to a Peppol access point: the demo access point keeps each document here instead of
-- sending it, for the demo and the tests to see. A real access point's receipt is kept the same way.
CREATE TABLE fees.peppol_message (
    id          uuid        NOT NULL PRIMARY KEY,
    tenant_id   uuid        NOT NULL,
    invoice_id  uuid        NOT NULL REFERENCES fees.invoice (id),
    receiver    text        NOT NULL,
    document    text        NOT NULL,
    sent_at     timestamptz NOT NULL,
    UNIQUE (invoice_id)
);
SELECT samla_isolate_by_tenant('fees.peppol_message');
GRANT SELECT, INSERT ON fees.peppol_message TO ${appRole};
