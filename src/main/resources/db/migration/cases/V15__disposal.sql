-- Disposal (gallring): a case past its disposal date loses its content in one transaction and keeps a
-- minimal record; a legal hold stops it. Files' content is deleted after the commit, from a list written
-- in the same transaction, so a crash leaves no case half disposed and no content that is never deleted.
ALTER TABLE cases."case" ADD COLUMN legal_hold text;
ALTER TABLE cases."case" ADD COLUMN disposed_at timestamptz;

CREATE TABLE cases.disposal_record (
    case_id           uuid        NOT NULL PRIMARY KEY,
    tenant_id         uuid        NOT NULL,
    reference         text        NOT NULL,
    case_type         text        NOT NULL,
    submitted_at      timestamptz NOT NULL,
    closed_at         timestamptz NOT NULL,
    disposal_on       date        NOT NULL,
    disposed_at       timestamptz NOT NULL,
    disposed_by       text        NOT NULL,
    retention_reference text      NOT NULL,
    disposed          jsonb       NOT NULL
);

CREATE TABLE cases.blob_to_delete (
    blob_key  text        NOT NULL PRIMARY KEY,
    tenant_id uuid        NOT NULL,
    queued_at timestamptz NOT NULL
);

CREATE INDEX case_disposal_idx ON cases."case" (tenant_id, disposal_on) WHERE disposed_at IS NULL AND disposal_on IS NOT NULL;

SELECT samla_isolate_by_tenant('cases.disposal_record');
SELECT samla_isolate_by_tenant('cases.blob_to_delete');
GRANT SELECT, INSERT ON cases.disposal_record TO ${appRole};
GRANT SELECT, INSERT, DELETE ON cases.blob_to_delete TO ${appRole};
GRANT DELETE ON cases.message, cases.note, cases.completion_request, cases.decision TO ${appRole};
