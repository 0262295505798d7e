-- Row-level security compared each row's tenant_id with samla_current_tenant(), which PostgreSQL inlines and then
-- evaluates for every row it reads: a setting lookup and a uuid cast, about a microsecond a row, a second on a
-- million. And since the function was not declared parallel safe, no query on a tenant's table could use a parallel
-- plan. As a sub-select the tenant is found once per statement (an init plan) and still serves index conditions; the
-- function is parallel safe because parallel workers start with the leader's settings, samla.tenant_id included.
ALTER FUNCTION samla_current_tenant() PARALLEL SAFE;

CREATE OR REPLACE FUNCTION samla_isolate_by_tenant(target regclass) RETURNS void
    LANGUAGE plpgsql
    AS $$
BEGIN
    EXECUTE format('ALTER TABLE %s ENABLE ROW LEVEL SECURITY', target);
    EXECUTE format('ALTER TABLE %s FORCE ROW LEVEL SECURITY', target);
    EXECUTE format('CREATE POLICY tenant_isolation ON %s USING (tenant_id = (SELECT samla_current_tenant())) '
                   'WITH CHECK (tenant_id = (SELECT samla_current_tenant()))', target);
END $$;

DO $$
DECLARE
    isolated record;
BEGIN
    FOR isolated IN SELECT schemaname, tablename FROM pg_policies WHERE policyname = 'tenant_isolation' LOOP
        EXECUTE format('ALTER POLICY tenant_isolation ON %I.%I USING (tenant_id = (SELECT samla_current_tenant())) '
                       'WITH CHECK (tenant_id = (SELECT samla_current_tenant()))', isolated.schemaname, isolated.tablename);
    END LOOP;
END $$;
