-- Seeds :count cases for the Vänersborg demo tenant, spread over its case types, statuses, two years and
-- 100,000 residents, as the application would have stored them (run as a superuser, so RLS is bypassed).
-- Parameters (psql -v): tenant (uuid), count, resident (uuid of the resident who gets :mine extra cases), mine.
\set ON_ERROR_STOP on
BEGIN;
CREATE TEMP TABLE bench_types (n int, code text, unit text, conf text, statuses text[]) ON COMMIT DROP;
INSERT INTO bench_types VALUES
  (0, 'bygglov', 'SBF-BYGG', 'PUBLIC', '{mottagen,handlaggs,komplettering,beslutad,beslutad,beslutad}'),
  (1, 'anmalan-varmepump', 'SBF-MILJO', 'PUBLIC', '{mottagen,handlaggs,komplettering,beslutad,beslutad,beslutad}'),
  (2, 'ekonomiskt-bistand', 'SOC-EKB', 'CONFIDENTIAL', '{mottagen,handlaggs,komplettering,beslutad,beslutad,beslutad}'),
  (3, 'skolskjuts', 'BUF-SKJUTS', 'INTERNAL', '{mottagen,handlaggs,komplettering,beslutad,beslutad,beslutad}'),
  (4, 'parkeringstillstand', 'SBF-GATA', 'CONFIDENTIAL', '{mottagen,handlaggs,komplettering,beslutad,beslutad,beslutad}'),
  (5, 'synpunkt-klagomal', 'KSF-KANSLI', 'PUBLIC', '{mottagen,handlaggs,besvarad,besvarad,besvarad,besvarad}');

INSERT INTO cases."case" (id, tenant_id, reference, case_type, case_type_version, unit, status, confidentiality,
    applicant_person_id, applicant_name, submission_id, channel, answers, submitted_at, planned_decision_on,
    latest_decision_on, version, waiting_for_resident, result, closed_at)
SELECT gen_random_uuid(), :'tenant', 'BENCH ' || g, t.code, 1, t.unit, s.status, t.conf,
       md5('person' || (g % 100000))::uuid, 'Invånare ' || (g % 100000), gen_random_uuid(), 'E_SERVICE',
       jsonb_build_object('description', w.words, 'property', 'Vänersborg Skogen ' || (g % 5000) || ':' || (g % 17)),
       at, (at + interval '30 days')::date, (at + interval '60 days')::date,
       0, s.status = 'komplettering', CASE WHEN s.status IN ('beslutad', 'besvarad') THEN 'beviljat' END,
       CASE WHEN s.status IN ('beslutad', 'besvarad') THEN at + interval '20 days' END
FROM generate_series(1, :count) g
JOIN bench_types t ON t.n = g % 6
CROSS JOIN LATERAL (SELECT t.statuses[1 + (g / 6) % 6] AS status) s
CROSS JOIN LATERAL (SELECT now() - ((g % 730) || ' days')::interval - ((g % 1440) || ' minutes')::interval AS at) d
CROSS JOIN LATERAL (SELECT (ARRAY['altan', 'garage', 'tillbyggnad', 'bergvärme', 'hyra', 'skolbuss', 'parkering',
        'gatubelysning', 'förråd', 'fasad'])[1 + g % 10] || ' ' ||
        (ARRAY['norr', 'söder', 'centrum', 'Onsjö', 'Vargön', 'Brätte', 'Blåsut'])[1 + g % 7] AS words) w;

INSERT INTO cases.case_search (case_id, tenant_id, unit, confidentiality, submitted_at, search)
SELECT id, tenant_id, unit, confidentiality, submitted_at, to_tsvector('swedish', reference || ' ' || applicant_name || ' ' || (answers ->> 'description'))
FROM cases."case" WHERE reference LIKE 'BENCH %';

INSERT INTO cases.status_change (tenant_id, case_id, seq, from_status, to_status, changed_at, actor)
SELECT tenant_id, id, 1, NULL, 'mottagen', submitted_at, 'person:bench' FROM cases."case" WHERE reference LIKE 'BENCH %';

-- the measured resident's own cases
INSERT INTO cases."case" (id, tenant_id, reference, case_type, case_type_version, unit, status, confidentiality,
    applicant_person_id, applicant_name, submission_id, channel, answers, submitted_at, planned_decision_on,
    latest_decision_on)
SELECT gen_random_uuid(), :'tenant', 'MINE ' || g, 'bygglov', 1, 'SBF-BYGG', 'handlaggs', 'PUBLIC', :'resident',
       'Tolvan Tolvansson', gen_random_uuid(), 'E_SERVICE', '{"description": "egen"}', now() - g * interval '3 days',
       current_date + 10, current_date + 40
FROM generate_series(1, :mine) g;
COMMIT;
VACUUM ANALYZE cases."case";
ANALYZE cases.status_change;
ANALYZE cases.case_search;
