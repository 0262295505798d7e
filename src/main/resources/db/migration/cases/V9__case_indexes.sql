-- Measured with one million cases (bench/cases.sh): Mina sidor finds a resident's cases by person or by
-- identity number (cases made through the API), and the queues mostly list open cases of a few units.
CREATE INDEX case_applicant_number_idx ON cases."case" (tenant_id, applicant_identity_number);
CREATE INDEX case_open_queue_idx ON cases."case" (tenant_id, unit, submitted_at DESC) WHERE closed_at IS NULL;
