-- Seeds :count problem reports for the Vänersborg demo tenant, as the application would have stored them
-- (run as a superuser, so RLS is bypassed): a case per report, the report with its place in WGS84 and
-- SWEREF 99 TM, its "received" update, and one follower in ten. Reports are spread over seven
-- categories, two years and the municipality's centre; one in four is open.
-- Parameters (psql -v): tenant (uuid), count.
\set ON_ERROR_STOP on
BEGIN;
CREATE TEMP TABLE bench_categories (n int, code text, unit text, closed_status text) ON COMMIT DROP;
INSERT INTO bench_categories VALUES
  (0, 'gatubelysning', 'SBF-GATA', 'atgardad'), (1, 'hal-i-gata', 'SBF-GATA', 'atgardad'),
  (2, 'snorojning', 'SBF-GATA', 'atgardad'), (3, 'vattenlacka', 'SBF-KOV', 'atgardad'),
  (4, 'klotter', 'SBF-GATA', 'atgardad'), (5, 'nedskrapning', 'SBF-DRIFT', 'atgardad'),
  (6, 'lekplats', 'SBF-GATA', 'atgardad');

CREATE TEMP TABLE bench_reports ON COMMIT DROP AS
SELECT g, gen_random_uuid() AS case_id, c.code, c.unit,
       CASE WHEN g % 4 = 0 THEN 'mottagen' ELSE c.closed_status END AS status, g % 4 <> 0 AS closed,
       58.365 + (g % 997) * 0.00003 AS lat, 12.300 + (g % 991) * 0.00005 AS lon,
       now() - ((g % 730) || ' days')::interval - ((g % 1440) || ' minutes')::interval AS at
FROM generate_series(1, :count) g JOIN bench_categories c ON c.n = g % 7;

INSERT INTO cases."case" (id, tenant_id, reference, case_type, case_type_version, unit, status, confidentiality,
    submission_id, channel, answers, submitted_at, planned_decision_on, latest_decision_on, result, closed_at)
SELECT case_id, :'tenant', 'BENCH ' || g, code, 1, unit, status, 'PUBLIC', gen_random_uuid(), 'OPEN311',
       jsonb_build_object('description', 'Mätning ' || g), at, (at + interval '14 days')::date,
       (at + interval '28 days')::date, CASE WHEN closed THEN 'atgardad' END, CASE WHEN closed THEN at + interval '5 days' END
FROM bench_reports;

INSERT INTO reports.report (case_id, tenant_id, public_id, submission_id, category, unit, status, closed, latitude,
    longitude, northing, easting, area, reported_at, updated_at)
SELECT case_id, :'tenant', 'BENCH-' || g, gen_random_uuid(), code, unit, status, closed, lat, lon,
       -- SWEREF 99 TM near Vänersborg, close enough for a benchmark's distances
       6472000 + (lat - 58.365) * 111200, 343000 + (lon - 12.300) * 58300, 'centrum', at,
       CASE WHEN closed THEN at + interval '5 days' ELSE at END
FROM bench_reports;

INSERT INTO reports.report_update (id, tenant_id, case_id, kind, status, closed, created_at)
SELECT gen_random_uuid(), :'tenant', case_id, 'RECEIVED', 'mottagen', false, at FROM bench_reports;

INSERT INTO reports.subscriber (tenant_id, case_id, email, created_at)
SELECT :'tenant', case_id, 'foljare' || g || '@bench.example.org', at FROM bench_reports WHERE g % 10 = 0;
COMMIT;
ANALYZE cases."case";
ANALYZE reports.report;
ANALYZE reports.report_update;
