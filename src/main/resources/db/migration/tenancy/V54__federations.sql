-- Federations (kommunalförbund and shared services): units that work the cases of several member municipalities.
-- A member municipality stays the responsible authority: the federation's units are units of each member they
-- serve, and the cases stay in the member's rows.
CREATE TABLE tenancy.federation (
    id                  uuid        NOT NULL PRIMARY KEY,
    slug                text        NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9-]{2,40}$'),
    name                text        NOT NULL,
    organisation_number char(10)    NOT NULL,
    updated_at          timestamptz NOT NULL DEFAULT now()
);

-- Which unit of which member a federation serves through. Configuration, like the list of tenants: readable in
-- any transaction, because the row-level security policy below consults it.
CREATE TABLE tenancy.federation_unit (
    federation_id uuid NOT NULL REFERENCES tenancy.federation (id),
    tenant_id     uuid NOT NULL REFERENCES tenancy.tenant (id),
    unit_code     text NOT NULL,
    PRIMARY KEY (federation_id, tenant_id, unit_code)
);
GRANT SELECT, INSERT, UPDATE, DELETE ON tenancy.federation, tenancy.federation_unit TO ${appRole};

ALTER TABLE tenancy.unit ADD COLUMN federation_id uuid REFERENCES tenancy.federation (id);

-- The federation a read-only transaction works for, on top of its tenant; NULL in every ordinary transaction.
CREATE FUNCTION samla_current_federation() RETURNS uuid
    LANGUAGE sql STABLE PARALLEL SAFE
    AS $$ SELECT nullif(current_setting('samla.federation_id', true), '')::uuid $$;
GRANT EXECUTE ON FUNCTION samla_current_federation() TO ${appRole};

-- A transaction that names a federation sees nothing of a tenant's tables and can write nothing, except what a
-- table opens to it on purpose (the cases its units work, below). The condition has no column in it, so
-- PostgreSQL checks it once per query (a one-time filter), not per row.
CREATE OR REPLACE FUNCTION samla_isolate_by_tenant(target regclass) RETURNS void
    LANGUAGE plpgsql
    AS $$
BEGIN
    EXECUTE format('ALTER TABLE %s ENABLE ROW LEVEL SECURITY', target);
    EXECUTE format('ALTER TABLE %s FORCE ROW LEVEL SECURITY', target);
    EXECUTE format('CREATE POLICY tenant_isolation ON %s '
                   'USING (tenant_id = (SELECT samla_current_tenant()) AND (SELECT samla_current_federation()) IS NULL) '
                   'WITH CHECK (tenant_id = (SELECT samla_current_tenant()) AND (SELECT samla_current_federation()) IS NULL)',
                   target);
END $$;

DO $$
DECLARE
    isolated record;
BEGIN
    FOR isolated IN SELECT schemaname, tablename FROM pg_policies WHERE policyname = 'tenant_isolation' LOOP
        EXECUTE format('ALTER POLICY tenant_isolation ON %I.%I '
                       'USING (tenant_id = (SELECT samla_current_tenant()) AND (SELECT samla_current_federation()) IS NULL) '
                       'WITH CHECK (tenant_id = (SELECT samla_current_tenant()) AND (SELECT samla_current_federation()) IS NULL)',
                       isolated.schemaname, isolated.tablename);
    END LOOP;
END $$;

-- Cases: a federation transaction for one member reads that member's cases owned by the federation's units there,
-- and only reads them. Reading, inserting, changing and removing each get their own policy, since one policy for
-- all would let such a transaction delete what it may only read. The tenant comparison stays a plain conjunct, so
-- every index that leads with tenant_id serves as before.
DROP POLICY tenant_isolation ON cases."case";
CREATE POLICY tenant_read ON cases."case" FOR SELECT
    USING (tenant_id = (SELECT samla_current_tenant())
           AND ((SELECT samla_current_federation()) IS NULL
                OR (tenant_id, unit) IN (SELECT f.tenant_id, f.unit_code FROM tenancy.federation_unit f
                                         WHERE f.federation_id = (SELECT samla_current_federation()))));
CREATE POLICY tenant_insert ON cases."case" FOR INSERT
    WITH CHECK (tenant_id = (SELECT samla_current_tenant()) AND (SELECT samla_current_federation()) IS NULL);
CREATE POLICY tenant_update ON cases."case" FOR UPDATE
    USING (tenant_id = (SELECT samla_current_tenant()) AND (SELECT samla_current_federation()) IS NULL)
    WITH CHECK (tenant_id = (SELECT samla_current_tenant()) AND (SELECT samla_current_federation()) IS NULL);
CREATE POLICY tenant_delete ON cases."case" FOR DELETE
    USING (tenant_id = (SELECT samla_current_tenant()) AND (SELECT samla_current_federation()) IS NULL);

-- The search index answers a federation transaction only for its units' cases.
CREATE OR REPLACE FUNCTION cases.matching_cases(query text, units text[], levels text[], max_rows int) RETURNS SETOF uuid
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public
    AS $$
        SELECT case_id FROM cases.case_search
        WHERE tenant_id = samla_current_tenant() AND search @@ websearch_to_tsquery('swedish', query)
          AND unit = ANY (units) AND confidentiality = ANY (levels)
          AND (samla_current_federation() IS NULL
               OR (tenant_id, unit) IN (SELECT f.tenant_id, f.unit_code FROM tenancy.federation_unit f
                                        WHERE f.federation_id = samla_current_federation()))
        ORDER BY submitted_at DESC, case_id
        LIMIT max_rows
    $$;

-- index_case writes: never from a federation transaction (the case is read under row-level security, and the
-- case of a federation read is visible, so the function itself refuses).
CREATE OR REPLACE FUNCTION cases.index_case(target uuid, words text) RETURNS void
    LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, public
    AS $$
        INSERT INTO cases.case_search (case_id, tenant_id, unit, confidentiality, submitted_at, search)
        SELECT c.id, c.tenant_id, c.unit, c.confidentiality, c.submitted_at, to_tsvector('swedish', words)
        FROM cases."case" c WHERE c.id = target AND samla_current_federation() IS NULL
        ON CONFLICT (case_id) DO UPDATE SET search = excluded.search
    $$;
