-- Seeds :count cases for one member municipality of the bench federation: one in six a food business registration
-- owned by the federation's unit MHF-LIVS, the rest building permits of the municipality's own SBF-BYGG; all statuses,
-- two years. As the application would have stored them (run as a superuser, so RLS is bypassed).
-- Parameters (psql -v): tenant (uuid), count, tag (a short word in the references).
\set ON_ERROR_STOP on
BEGIN;
INSERT INTO cases."case" (id, tenant_id, reference, case_type, case_type_version, unit, status, confidentiality,
    applicant_person_id, applicant_name, submission_id, channel, answers, submitted_at, planned_decision_on,
    latest_decision_on, version, waiting_for_resident, result, closed_at)
SELECT gen_random_uuid(), :'tenant', :'tag' || ' ' || g,
       CASE WHEN g % 6 = 0 THEN 'registrering-livsmedelsanlaggning' ELSE 'bygglov' END, 1,
       CASE WHEN g % 6 = 0 THEN 'MHF-LIVS' ELSE 'SBF-BYGG' END,
       s.status, 'PUBLIC',
       md5(:'tag' || (g % 100000))::uuid, 'Företagare ' || (g % 100000), gen_random_uuid(), 'E_SERVICE',
       jsonb_build_object('establishment', w.words), at, (at + interval '14 days')::date, (at + interval '28 days')::date,
       0, s.status = 'komplettering', CASE WHEN s.status = 'beslutad' THEN 'registrerad' END,
       CASE WHEN s.status = 'beslutad' THEN at + interval '10 days' END
FROM generate_series(1, :count) g
CROSS JOIN LATERAL (SELECT (ARRAY['mottagen','handlaggs','komplettering','beslutad','beslutad','beslutad',
        'beslutad','beslutad','beslutad','beslutad'])[1 + (g / 6) % 10] AS status) s
CROSS JOIN LATERAL (SELECT now() - ((g % 730) || ' days')::interval - ((g % 1440) || ' minutes')::interval AS at) d
CROSS JOIN LATERAL (SELECT (ARRAY['kafé', 'restaurang', 'butik', 'altan', 'garage', 'tillbyggnad'])[1 + g % 6] || ' ' ||
        (ARRAY['norr', 'söder', 'centrum', 'hamnen', 'torget', 'stationen', 'fallen'])[1 + g % 7] AS words) w;

INSERT INTO cases.case_search (case_id, tenant_id, unit, confidentiality, submitted_at, search)
SELECT id, tenant_id, unit, confidentiality, submitted_at,
       to_tsvector('swedish', reference || ' ' || applicant_name || ' ' || (answers ->> 'establishment'))
FROM cases."case" WHERE tenant_id = :'tenant' AND reference LIKE :'tag' || ' %';

INSERT INTO cases.status_change (tenant_id, case_id, seq, from_status, to_status, changed_at, actor)
SELECT tenant_id, id, 1, NULL, 'mottagen', submitted_at, 'person:bench'
FROM cases."case" WHERE tenant_id = :'tenant' AND reference LIKE :'tag' || ' %';
COMMIT;
