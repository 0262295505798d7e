-- Seeds :count building-permit cases in handling for Tolvan Tolvansson (who has a mailbox at the demo operator), each
-- with the kind of work and the building area its fee is worked out from, ready to be decided (run as a superuser, so
-- RLS is bypassed). Parameters (psql -v): tenant (uuid), count, resident (uuid of Tolvan's person).
\set ON_ERROR_STOP on
BEGIN;
INSERT INTO cases."case" (id, tenant_id, reference, case_type, case_type_version, unit, status, confidentiality,
    applicant_person_id, applicant_name, applicant_identity_number, submission_id, channel, answers, submitted_at,
    planned_decision_on, latest_decision_on)
SELECT gen_random_uuid(), :'tenant', 'FEE ' || g, 'bygglov', 1, 'SBF-BYGG', 'handlaggs', 'PUBLIC', :'resident',
       'Tolvan Tolvansson', '191212121212', gen_random_uuid(), 'E_SERVICE',
       jsonb_build_object('description', 'Tillbyggnad av altan', 'measure', 'tillbyggnad', 'area', 10 + g % 90),
       now() - interval '10 days', current_date + 10, current_date + 40
FROM generate_series(1, :count) g;
INSERT INTO cases.case_search (case_id, tenant_id, unit, confidentiality, submitted_at, search)
SELECT id, tenant_id, unit, confidentiality, submitted_at, to_tsvector('swedish', reference)
FROM cases."case" WHERE reference LIKE 'FEE %';
INSERT INTO cases.status_change (tenant_id, case_id, seq, from_status, to_status, changed_at, actor)
SELECT tenant_id, id, 1, NULL, 'handlaggs', submitted_at, 'person:bench' FROM cases."case" WHERE reference LIKE 'FEE %';
COMMIT;
