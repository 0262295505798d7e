-- Signatures of applications made with e-ID (OIDC Sweden's signature extension): the applicant's, made as the
-- application was sent, and where a case type asks for it every other guardian's of the child it concerns, who are
-- asked afterwards. Each row keeps the canonical summary that was signed, its SHA-256 (the data signed), and the
-- provider's signature as it came, so the signature can be checked again whenever it is shown.
CREATE TABLE cases.signature (
    id                     uuid        NOT NULL PRIMARY KEY,
    tenant_id              uuid        NOT NULL,
    case_id                uuid        NOT NULL REFERENCES cases."case" (id) ON DELETE CASCADE,
    role                   text        NOT NULL CHECK (role IN ('APPLICANT', 'GUARDIAN')),
    signer_identity_number char(12)    NOT NULL,
    signer_name            text,
    status                 text        NOT NULL CHECK (status IN ('SIGNED', 'WAITING', 'DECLINED', 'EXPIRED')),
    summary                text        NOT NULL,
    summary_sha256         char(64)    NOT NULL,
    signature              text,
    certificate_subject    text,
    certificate_issuer     text,
    requested_at           timestamptz NOT NULL,
    due_at                 timestamptz,
    signed_at              timestamptz,
    answered_at            timestamptz,
    UNIQUE (case_id, signer_identity_number),
    CHECK ((status = 'SIGNED') = (signature IS NOT NULL AND signed_at IS NOT NULL))
);
CREATE INDEX signature_waiting ON cases.signature (signer_identity_number) WHERE status = 'WAITING';
CREATE INDEX signature_due ON cases.signature (due_at) WHERE status = 'WAITING';
SELECT samla_isolate_by_tenant('cases.signature');
GRANT SELECT, INSERT, UPDATE, DELETE ON cases.signature TO ${appRole};
