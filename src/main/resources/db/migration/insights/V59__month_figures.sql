-- The managers' figures kept per unit, case type and month, so that a page over two years reads a few hundred rows
-- instead of every case. Each row holds the month's inflow (by the month cases came in) and decisions (by the month
-- they were decided), the lead time percentiles of those decisions, and the inflow per channel.
CREATE TABLE insights.month_figure (
    tenant_id           uuid             NOT NULL,
    unit                text             NOT NULL,
    case_type           text             NOT NULL,
    month               date             NOT NULL CHECK (extract(day FROM month) = 1),
    inflow              bigint           NOT NULL,
    completion_requests bigint           NOT NULL,
    channels            jsonb            NOT NULL,
    decided             bigint           NOT NULL,
    within_norm         bigint           NOT NULL,
    within_limit        bigint           NOT NULL,
    -- lead time from submission to decision, in seconds; null when none was decided
    median_seconds      double precision,
    p90_seconds         double precision,
    PRIMARY KEY (tenant_id, unit, case_type, month)
);

-- The months whose figures no longer agree with the facts: a mark is added in the same statement that changes a fact,
-- and removed by the refresh that counted its month anew after the mark was committed (the next reading of the figures
-- or the periodic refresh, whichever comes first). Marks are only ever added and removed, never changed, so a writer
-- never waits for a refresh nor a refresh for a writer; a month marked many times is counted once.
CREATE TABLE insights.month_stale (
    id        bigserial PRIMARY KEY,
    tenant_id uuid      NOT NULL,
    unit      text      NOT NULL,
    case_type text      NOT NULL,
    month     date      NOT NULL
);
CREATE INDEX month_stale_tenant ON insights.month_stale (tenant_id, id);

SELECT samla_isolate_by_tenant('insights.month_figure');
SELECT samla_isolate_by_tenant('insights.month_stale');
GRANT SELECT, INSERT, UPDATE, DELETE ON insights.month_figure, insights.month_stale TO ${appRole};
GRANT USAGE ON SEQUENCE insights.month_stale_id_seq TO ${appRole};

-- A month of a unit's case type, as the figures are kept by.
CREATE TYPE insights.month_key AS (tenant_id uuid, unit text, case_type text, month date);

-- The Swedish month an instant falls in, as its first day; null for null.
CREATE FUNCTION insights.month_of(at timestamptz) RETURNS date
    LANGUAGE sql IMMUTABLE
    AS $$ SELECT CAST(date_trunc('month', at AT TIME ZONE 'Europe/Stockholm') AS date) $$;

CREATE FUNCTION insights.mark_months(keys insights.month_key[]) RETURNS void
    LANGUAGE sql
    AS $$
    INSERT INTO insights.month_stale (tenant_id, unit, case_type, month)
    SELECT DISTINCT tenant_id, unit, case_type, month FROM unnest(keys) WHERE month IS NOT NULL
$$;

-- A fact counts in the month it came in and the month it was decided.
CREATE FUNCTION insights.facts_inserted() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    PERFORM insights.mark_months(ARRAY(
        SELECT CAST(ROW(n.tenant_id, n.unit, n.case_type, m.month) AS insights.month_key)
        FROM inserted n,
             LATERAL (VALUES (insights.month_of(n.submitted_at)), (insights.month_of(n.decided_at))) m(month)));
    RETURN NULL;
END $$;

-- Only a change of what the figures count marks its months, the old ones and the new: a new status, a version or a
-- forecast does not.
CREATE FUNCTION insights.facts_updated() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    PERFORM insights.mark_months(ARRAY(
        SELECT CAST(ROW(k.tenant_id, k.unit, k.case_type, k.month) AS insights.month_key)
        FROM before_change o JOIN after_change n ON n.tenant_id = o.tenant_id AND n.case_id = o.case_id,
             LATERAL (VALUES (o.tenant_id, o.unit, o.case_type, insights.month_of(o.submitted_at)),
                             (o.tenant_id, o.unit, o.case_type, insights.month_of(o.decided_at)),
                             (n.tenant_id, n.unit, n.case_type, insights.month_of(n.submitted_at)),
                             (n.tenant_id, n.unit, n.case_type, insights.month_of(n.decided_at)))
                 AS k(tenant_id, unit, case_type, month)
        WHERE (o.case_type, o.unit, o.channel, o.submitted_at, o.planned_decision_on, o.latest_decision_on,
               o.decided_at, o.completion_requests)
              IS DISTINCT FROM
              (n.case_type, n.unit, n.channel, n.submitted_at, n.planned_decision_on, n.latest_decision_on,
               n.decided_at, n.completion_requests)));
    RETURN NULL;
END $$;

CREATE FUNCTION insights.facts_deleted() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    PERFORM insights.mark_months(ARRAY(
        SELECT CAST(ROW(o.tenant_id, o.unit, o.case_type, m.month) AS insights.month_key)
        FROM removed o,
             LATERAL (VALUES (insights.month_of(o.submitted_at)), (insights.month_of(o.decided_at))) m(month)));
    RETURN NULL;
END $$;

CREATE TRIGGER facts_inserted AFTER INSERT ON insights.case_fact
    REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION insights.facts_inserted();
CREATE TRIGGER facts_updated AFTER UPDATE ON insights.case_fact
    REFERENCING OLD TABLE AS before_change NEW TABLE AS after_change
    FOR EACH STATEMENT EXECUTE FUNCTION insights.facts_updated();
CREATE TRIGGER facts_deleted AFTER DELETE ON insights.case_fact
    REFERENCING OLD TABLE AS removed FOR EACH STATEMENT EXECUTE FUNCTION insights.facts_deleted();

-- every month there is already, to be counted by the first refresh
ALTER TABLE insights.case_fact NO FORCE ROW LEVEL SECURITY;
ALTER TABLE insights.month_stale NO FORCE ROW LEVEL SECURITY;
INSERT INTO insights.month_stale (tenant_id, unit, case_type, month)
SELECT DISTINCT f.tenant_id, f.unit, f.case_type, m.month
FROM insights.case_fact f,
     LATERAL (VALUES (insights.month_of(f.submitted_at)), (insights.month_of(f.decided_at))) m(month)
WHERE m.month IS NOT NULL;
ALTER TABLE insights.case_fact FORCE ROW LEVEL SECURITY;
ALTER TABLE insights.month_stale FORCE ROW LEVEL SECURITY;
