-- Measured with one million cases (bench/cases.sh).

-- Mina sidor finds a resident's cases by person or by identity number (cases made through the API).
CREATE INDEX case_applicant_number_idx ON cases."case" (tenant_id, applicant_identity_number);
-- Queues list the newest cases first and stop after a page, mostly open ones.
CREATE INDEX case_open_recent_idx ON cases."case" (tenant_id, submitted_at DESC, id) WHERE closed_at IS NULL;
CREATE INDEX case_recent_idx ON cases."case" (tenant_id, submitted_at DESC, id);
DROP INDEX cases.case_queue_idx;

-- Full-text search. Under row-level security PostgreSQL may not use an index for an operator that is not
-- leakproof, as the text-search match is not, so searching the case table read every case of the units.
-- The search vectors therefore live in their own table, which the application cannot read or write
-- directly: it indexes a case and searches only through the two functions below, both bound to the
-- tenant of the current transaction.
-- It also carries what every search filters and sorts on (unit, confidentiality, date), so a search
-- answers from this table alone.
CREATE TABLE cases.case_search (
    case_id         uuid        NOT NULL PRIMARY KEY REFERENCES cases."case" (id) ON DELETE CASCADE,
    tenant_id       uuid        NOT NULL,
    unit            text        NOT NULL,
    confidentiality text        NOT NULL,
    submitted_at    timestamptz NOT NULL,
    search          tsvector    NOT NULL
);
CREATE INDEX case_search_vector_idx ON cases.case_search USING gin (search);
REVOKE ALL ON cases.case_search FROM PUBLIC;

ALTER TABLE cases."case" NO FORCE ROW LEVEL SECURITY;
INSERT INTO cases.case_search (case_id, tenant_id, unit, confidentiality, submitted_at, search)
SELECT id, tenant_id, unit, confidentiality, submitted_at, search FROM cases."case";
ALTER TABLE cases."case" FORCE ROW LEVEL SECURITY;
DROP INDEX cases.case_search_idx;
ALTER TABLE cases."case" DROP COLUMN search;

-- Indexes a case of the current tenant (the case is read under row-level security, so another tenant's
-- case cannot be indexed from here).
CREATE FUNCTION cases.index_case(target uuid, words text) RETURNS void
    LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, public
    AS $$
        INSERT INTO cases.case_search (case_id, tenant_id, unit, confidentiality, submitted_at, search)
        SELECT c.id, c.tenant_id, c.unit, c.confidentiality, c.submitted_at, to_tsvector('swedish', words)
        FROM cases."case" c WHERE c.id = target
        ON CONFLICT (case_id) DO UPDATE SET search = excluded.search
    $$;

-- The ids of the current tenant's cases in the given units and confidentiality levels that match a
-- search as people type it, newest first, at most max_rows of them.
CREATE FUNCTION cases.matching_cases(query text, units text[], levels text[], max_rows int) RETURNS SETOF uuid
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public
    AS $$
        SELECT case_id FROM cases.case_search
        WHERE tenant_id = samla_current_tenant() AND search @@ websearch_to_tsquery('swedish', query)
          AND unit = ANY (units) AND confidentiality = ANY (levels)
        ORDER BY submitted_at DESC, case_id
        LIMIT max_rows
    $$;

REVOKE ALL ON FUNCTION cases.index_case(uuid, text), cases.matching_cases(text, text[], text[], int) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION cases.index_case(uuid, text), cases.matching_cases(text, text[], text[], int) TO ${appRole};
