-- Requests to see official documents (begäran om allmän handling). Anyone may ask, with or without a name;
-- the registrar assesses secrecy anew and releases the document, releases it with parts masked, or refuses
-- with a decision that names the OSL provision and says how to appeal.
CREATE TABLE records.document_request (
    id              uuid        NOT NULL PRIMARY KEY,
    tenant_id       uuid        NOT NULL,
    -- the requester follows the request with this secret, as no login is needed
    token_sha256    char(64)    NOT NULL UNIQUE,
    entry_id        uuid        NOT NULL REFERENCES records.entry (id),
    requested_at    timestamptz NOT NULL,
    requester_name  text,
    requester_email text,
    message         text,
    status          text        NOT NULL DEFAULT 'OPEN'
                                CHECK (status IN ('OPEN', 'RELEASED', 'RELEASED_MASKED', 'REFUSED')),
    decided_at      timestamptz,
    decided_by      text,
    decided_by_name text,
    osl_provision   text,
    reasons         text,
    released_text   text,
    released_file   uuid,
    version         int         NOT NULL DEFAULT 0
);
CREATE INDEX document_request_open_idx ON records.document_request (tenant_id, status, requested_at);

SELECT samla_isolate_by_tenant('records.document_request');
GRANT SELECT, INSERT, UPDATE ON records.document_request TO ${appRole};
