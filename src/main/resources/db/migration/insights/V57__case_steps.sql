-- The course of each case (the statuses it moved through, and when), for process mining (XES). Like the facts: no
-- person, no content, nothing of who moved it; it outlives disposal.
CREATE TABLE insights.case_step (
    tenant_id uuid        NOT NULL,
    case_id   uuid        NOT NULL,
    seq       int         NOT NULL,
    status    text        NOT NULL,
    at        timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, case_id, seq)
);
SELECT samla_isolate_by_tenant('insights.case_step');
GRANT SELECT, INSERT, DELETE ON insights.case_step TO ${appRole};

-- read every municipality's cases in once more, now with their courses
ALTER TABLE insights.catch_up NO FORCE ROW LEVEL SECURITY;
DELETE FROM insights.catch_up;
ALTER TABLE insights.catch_up FORCE ROW LEVEL SECURITY;
