-- A case sent by someone acting for another: a guardian for their child, an ombud with a power of attorney, or one
-- who signs for an organisation. The applicant is the principal; the actor is who sent it. Both are disposed of
-- with the case.
ALTER TABLE cases."case"
    ADD COLUMN actor_person_id                uuid,
    ADD COLUMN actor_name                     text,
    ADD COLUMN actor_identity_number          char(12),
    ADD COLUMN acting_as                      text CHECK (acting_as IN ('CHILD', 'POWER_OF_ATTORNEY', 'ORGANISATION')),
    ADD COLUMN applicant_organisation_number  char(10);
CREATE INDEX case_applicant_number ON cases."case" (applicant_identity_number) WHERE applicant_identity_number IS NOT NULL;
CREATE INDEX case_applicant_organisation ON cases."case" (applicant_organisation_number)
    WHERE applicant_organisation_number IS NOT NULL;
CREATE INDEX case_actor ON cases."case" (actor_person_id) WHERE actor_person_id IS NOT NULL;

-- a draft is for whom its sender acted: it is shown, and sent, only while they act for the same one (null: themselves)
ALTER TABLE cases.draft ADD COLUMN principal text;
