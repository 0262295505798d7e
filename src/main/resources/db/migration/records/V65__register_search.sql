-- The one search finds the public register's cases by their public title (the case type's name: few titles over
-- many cases) and by their reference, newest first. The titles are searched in a small table of their own, stemmed;
-- each matching title's newest cases then come from an index in date order, so a common word such as "bygglov"
-- costs no more than a rare one. opened_on is the day the case's first document was registered.
ALTER TABLE records.case_file ADD COLUMN opened_on date;

-- migrations run as the owner, whom the tenant policies bind too: lifted for the backfill of every tenant's rows
ALTER TABLE records.case_file NO FORCE ROW LEVEL SECURITY;
ALTER TABLE records.entry NO FORCE ROW LEVEL SECURITY;
UPDATE records.case_file f
SET opened_on = coalesce((SELECT min(e.registered_on) FROM records.entry e WHERE e.case_id = f.case_id), CURRENT_DATE);

CREATE TABLE records.register_title (
    tenant_id uuid     NOT NULL,
    title     text     NOT NULL,
    search    tsvector GENERATED ALWAYS AS (to_tsvector('swedish', title)) STORED,
    PRIMARY KEY (tenant_id, title)
);
INSERT INTO records.register_title (tenant_id, title) SELECT DISTINCT tenant_id, public_title FROM records.case_file;
ALTER TABLE records.entry FORCE ROW LEVEL SECURITY;
ALTER TABLE records.case_file FORCE ROW LEVEL SECURITY;
ALTER TABLE records.case_file ALTER COLUMN opened_on SET NOT NULL;

SELECT samla_isolate_by_tenant('records.register_title');
GRANT SELECT, INSERT ON records.register_title TO ${appRole};
CREATE INDEX register_title_search_idx ON records.register_title USING gin (search);
CREATE INDEX case_file_title_opened_idx ON records.case_file (tenant_id, public_title, opened_on DESC, reference DESC);
