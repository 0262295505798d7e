-- The public register is searched by its public title and reference, stemmed (a reference's "/" parts as words of
-- their own, so BYGG 2026/000123 is found as typed), newest case first: opened_on is the day its first document was
-- registered.
ALTER TABLE records.case_file
    ADD COLUMN search tsvector GENERATED ALWAYS AS (
        to_tsvector('swedish', replace(reference, '/', ' ') || ' ' || public_title)) STORED,
    ADD COLUMN opened_on date;

ALTER TABLE records.case_file NO FORCE ROW LEVEL SECURITY;
UPDATE records.case_file f
SET opened_on = coalesce((SELECT min(e.registered_on) FROM records.entry e WHERE e.case_id = f.case_id), CURRENT_DATE);
ALTER TABLE records.case_file FORCE ROW LEVEL SECURITY;
ALTER TABLE records.case_file ALTER COLUMN opened_on SET NOT NULL;

CREATE INDEX case_file_search_idx ON records.case_file USING gin (search);
CREATE INDEX case_file_opened_idx ON records.case_file (tenant_id, opened_on DESC, reference DESC);
