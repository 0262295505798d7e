-- Registers the benchmark's cases (bench/seed-cases.sql) in the public register, as the registrar would have: one
-- case file per case, its public title the case type's name, opened the day the case came in (run as a superuser).
-- Parameters (psql -v): tenant (uuid).
\set ON_ERROR_STOP on
BEGIN;
CREATE TEMP TABLE bench_titles (code text, title text) ON COMMIT DROP;
INSERT INTO bench_titles VALUES
  ('bygglov', 'Ansökan om bygglov'),
  ('anmalan-varmepump', 'Anmälan om installation av värmepump'),
  ('ekonomiskt-bistand', 'Ansökan om ekonomiskt bistånd'),
  ('skolskjuts', 'Ansökan om skolskjuts'),
  ('parkeringstillstand', 'Ansökan om parkeringstillstånd för rörelsehindrade'),
  ('synpunkt-klagomal', 'Synpunkter och klagomål');
INSERT INTO records.case_file (case_id, tenant_id, reference, case_type, title, public_title, last_number, opened_on)
SELECT c.id, c.tenant_id, c.reference, c.case_type, t.title || ' – ' || c.applicant_name, t.title, 1,
       (c.submitted_at AT TIME ZONE 'Europe/Stockholm')::date
FROM cases."case" c JOIN bench_titles t ON t.code = c.case_type
WHERE c.tenant_id = :'tenant' AND c.reference LIKE 'BENCH %';
INSERT INTO records.register_title (tenant_id, title) SELECT :'tenant', title FROM bench_titles
ON CONFLICT DO NOTHING;
COMMIT;
VACUUM ANALYZE records.case_file;
