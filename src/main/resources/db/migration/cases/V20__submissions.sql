-- A submission belongs to whoever started it: a resident, an API client, an Open311 key or one anonymous
-- browser session. Files wait under it and the case it opened is found through it, so a submission id
-- seen on someone else's page opens nothing of theirs. The row is also what concurrent replays of one
-- submission queue on (SELECT ... FOR UPDATE), so they make one case.
CREATE TABLE cases.submission (
    tenant_id  uuid        NOT NULL,
    id         uuid        NOT NULL,
    owner      text        NOT NULL,
    started_at timestamptz NOT NULL,
    case_id    uuid        REFERENCES cases."case" (id) ON DELETE SET NULL,
    PRIMARY KEY (tenant_id, id)
);
CREATE INDEX submission_unfinished_idx ON cases.submission (started_at) WHERE case_id IS NULL;

SELECT samla_isolate_by_tenant('cases.submission');
GRANT SELECT, INSERT, UPDATE, DELETE ON cases.submission TO ${appRole};

-- Submissions from before this table: a case belongs to its resident, a draft to its resident; anything
-- else was anonymous or an API client's, and nobody can claim it any more.
DO $$
DECLARE
    t uuid;
BEGIN
    FOR t IN SELECT id FROM tenancy.tenant LOOP
        PERFORM set_config('samla.tenant_id', t::text, true);
        INSERT INTO cases.submission (tenant_id, id, owner, started_at, case_id)
        SELECT tenant_id, submission_id,
               CASE WHEN applicant_person_id IS NULL THEN 'unclaimable' ELSE 'person:' || applicant_person_id END,
               submitted_at, id
        FROM cases."case"
        ON CONFLICT DO NOTHING;
        INSERT INTO cases.submission (tenant_id, id, owner, started_at)
        SELECT tenant_id, submission_id, 'person:' || person_id, updated_at FROM cases.draft
        ON CONFLICT DO NOTHING;
        INSERT INTO cases.submission (tenant_id, id, owner, started_at)
        SELECT DISTINCT ON (submission_id) tenant_id, submission_id, 'unclaimable', uploaded_at
        FROM cases.attachment WHERE case_id IS NULL AND submission_id IS NOT NULL
        ON CONFLICT DO NOTHING;
    END LOOP;
    PERFORM set_config('samla.tenant_id', '', true);
END $$;
