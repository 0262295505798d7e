-- The work on a case: messages both ways, completion requests, internal notes and the decision.
ALTER TABLE cases."case" ADD COLUMN waiting_for_resident boolean NOT NULL DEFAULT false;
-- the applicant's identity number as it was when the case was submitted (a party of the case)
ALTER TABLE cases."case" ADD COLUMN applicant_identity_number char(12);
CREATE INDEX case_assigned_idx ON cases."case" (tenant_id, assigned_to) WHERE closed_at IS NULL;

CREATE TABLE cases.message (
    id         uuid        NOT NULL PRIMARY KEY,
    tenant_id  uuid        NOT NULL,
    case_id    uuid        NOT NULL REFERENCES cases."case" (id) ON DELETE CASCADE,
    direction  text        NOT NULL CHECK (direction IN ('FROM_RESIDENT', 'TO_RESIDENT')),
    author     text        NOT NULL,
    author_name text       NOT NULL,
    body       text        NOT NULL,
    created_at timestamptz NOT NULL,
    read_at    timestamptz
);
CREATE INDEX message_case_idx ON cases.message (case_id, created_at);

CREATE TABLE cases.completion_request (
    id          uuid        NOT NULL PRIMARY KEY,
    tenant_id   uuid        NOT NULL,
    case_id     uuid        NOT NULL REFERENCES cases."case" (id) ON DELETE CASCADE,
    items       jsonb       NOT NULL,
    due_on      date        NOT NULL,
    created_at  timestamptz NOT NULL,
    created_by  text        NOT NULL,
    answered_at timestamptz,
    answer      text
);
CREATE INDEX completion_case_idx ON cases.completion_request (case_id);

CREATE TABLE cases.note (
    id          uuid        NOT NULL PRIMARY KEY,
    tenant_id   uuid        NOT NULL,
    case_id     uuid        NOT NULL REFERENCES cases."case" (id) ON DELETE CASCADE,
    author      text        NOT NULL,
    author_name text        NOT NULL,
    body        text        NOT NULL,
    created_at  timestamptz NOT NULL
);

CREATE TABLE cases.decision (
    case_id         uuid        NOT NULL PRIMARY KEY REFERENCES cases."case" (id) ON DELETE CASCADE,
    tenant_id       uuid        NOT NULL,
    outcome         text        NOT NULL,
    reasons         text        NOT NULL,
    legal_reference text        NOT NULL,
    decided_by      text        NOT NULL,
    decided_by_name text        NOT NULL,
    decided_at      timestamptz NOT NULL
);

SELECT samla_isolate_by_tenant('cases.message');
SELECT samla_isolate_by_tenant('cases.completion_request');
SELECT samla_isolate_by_tenant('cases.note');
SELECT samla_isolate_by_tenant('cases.decision');

GRANT SELECT, INSERT, UPDATE ON cases.message, cases.completion_request, cases.note, cases.decision TO ${appRole};
