-- Cases: what residents submit and staff handle.
CREATE SCHEMA cases;
GRANT USAGE ON SCHEMA cases TO ${appRole};

-- One running number per series (the owning administration) and year. Taking a number locks the row
-- until the case is committed, so numbers have no gaps: a rolled-back submission gives its number back.
CREATE TABLE cases.reference_series (
    tenant_id   uuid NOT NULL,
    series      text NOT NULL,
    year        int  NOT NULL,
    last_number int  NOT NULL,
    PRIMARY KEY (tenant_id, series, year)
);

CREATE TABLE cases."case" (
    id                   uuid        NOT NULL PRIMARY KEY,
    tenant_id            uuid        NOT NULL,
    reference            text        NOT NULL,
    case_type            text        NOT NULL,
    case_type_version    int         NOT NULL,
    unit                 text        NOT NULL,
    status               text        NOT NULL,
    confidentiality      text        NOT NULL CHECK (confidentiality IN ('PUBLIC', 'INTERNAL', 'CONFIDENTIAL', 'STRICTLY_CONFIDENTIAL')),
    osl_provision        text,
    applicant_person_id  uuid,
    applicant_name       text,
    submission_id        uuid        NOT NULL,
    channel              text        NOT NULL CHECK (channel IN ('E_SERVICE', 'API')),
    answers              jsonb       NOT NULL,
    submitted_at         timestamptz NOT NULL,
    planned_decision_on  date        NOT NULL,
    latest_decision_on   date        NOT NULL,
    assigned_to          uuid,
    result               text,
    closed_at            timestamptz,
    version              int         NOT NULL DEFAULT 0,
    search               tsvector    NOT NULL,
    UNIQUE (tenant_id, reference),
    UNIQUE (tenant_id, submission_id)
);
CREATE INDEX case_applicant_idx ON cases."case" (tenant_id, applicant_person_id, submitted_at DESC);
CREATE INDEX case_queue_idx ON cases."case" (tenant_id, unit, status, submitted_at);
CREATE INDEX case_search_idx ON cases."case" USING gin (search);

CREATE TABLE cases.status_change (
    tenant_id   uuid        NOT NULL,
    case_id     uuid        NOT NULL REFERENCES cases."case" (id) ON DELETE CASCADE,
    seq         int         NOT NULL,
    from_status text,
    to_status   text        NOT NULL,
    changed_at  timestamptz NOT NULL,
    actor       text        NOT NULL,
    PRIMARY KEY (case_id, seq)
);

-- Files: metadata here, content in the blob store. A file uploaded with a form that is not yet
-- submitted belongs to the submission until the case exists.
CREATE TABLE cases.attachment (
    id            uuid        NOT NULL PRIMARY KEY,
    tenant_id     uuid        NOT NULL,
    case_id       uuid        REFERENCES cases."case" (id) ON DELETE CASCADE,
    submission_id uuid,
    field_key     text        NOT NULL,
    filename      text        NOT NULL,
    content_type  text        NOT NULL,
    size_bytes    bigint      NOT NULL,
    sha256        char(64)    NOT NULL,
    blob_key      text        NOT NULL,
    uploaded_at   timestamptz NOT NULL,
    uploaded_by   text        NOT NULL,
    CHECK (case_id IS NOT NULL OR submission_id IS NOT NULL)
);
CREATE INDEX attachment_case_idx ON cases.attachment (case_id);
CREATE INDEX attachment_submission_idx ON cases.attachment (submission_id);

-- A resident's unfinished application, one per case type; kept until it expires.
CREATE TABLE cases.draft (
    tenant_id         uuid        NOT NULL,
    person_id         uuid        NOT NULL,
    case_type         text        NOT NULL,
    case_type_version int         NOT NULL,
    submission_id     uuid        NOT NULL,
    values            jsonb       NOT NULL,
    updated_at        timestamptz NOT NULL,
    expires_at        timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, person_id, case_type)
);

SELECT samla_isolate_by_tenant('cases.reference_series');
SELECT samla_isolate_by_tenant('cases."case"');
SELECT samla_isolate_by_tenant('cases.status_change');
SELECT samla_isolate_by_tenant('cases.attachment');
SELECT samla_isolate_by_tenant('cases.draft');

GRANT SELECT, INSERT, UPDATE ON cases.reference_series, cases."case", cases.status_change TO ${appRole};
GRANT SELECT, INSERT, UPDATE, DELETE ON cases.attachment, cases.draft TO ${appRole};
