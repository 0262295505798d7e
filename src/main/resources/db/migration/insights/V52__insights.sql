-- Management insight's own projection of the cases: what statistics may know of each (kind, unit, channel, the
-- moments of its life), kept fresh from the cases module's events. No person and no content; it outlives disposal.
CREATE SCHEMA insights;
GRANT USAGE ON SCHEMA insights TO ${appRole};

CREATE TABLE insights.case_fact (
    tenant_id           uuid        NOT NULL,
    case_id             uuid        NOT NULL,
    case_type           text        NOT NULL,
    unit                text        NOT NULL,
    channel             text        NOT NULL,
    submitted_at        timestamptz NOT NULL,
    planned_decision_on date        NOT NULL,
    latest_decision_on  date        NOT NULL,
    decided_at          timestamptz,
    closed_at           timestamptz,
    result              text,
    completion_requests int         NOT NULL DEFAULT 0,
    -- the case's version these facts were read at: an older read (a catch-up page, a late event) never overwrites
    version             int         NOT NULL,
    PRIMARY KEY (tenant_id, case_id)
);
CREATE INDEX case_fact_unit_submitted ON insights.case_fact (tenant_id, unit, submitted_at);
CREATE INDEX case_fact_unit_decided ON insights.case_fact (tenant_id, unit, decided_at) WHERE decided_at IS NOT NULL;
CREATE INDEX case_fact_open ON insights.case_fact (tenant_id, unit) WHERE closed_at IS NULL;

-- the cases that were there before the projection, read in once per municipality
CREATE TABLE insights.catch_up (
    tenant_id uuid        NOT NULL PRIMARY KEY,
    done_at   timestamptz NOT NULL
);

SELECT samla_isolate_by_tenant('insights.case_fact');
SELECT samla_isolate_by_tenant('insights.catch_up');
GRANT SELECT, INSERT, UPDATE, DELETE ON insights.case_fact, insights.catch_up TO ${appRole};
