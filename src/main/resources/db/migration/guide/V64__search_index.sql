-- The one search's index of what a resident can find by name: e-services, report categories, facilities, open
-- datasets, life events and their information pages. Each module gives its items; the index is rebuilt from them
-- when they change. Swedish and English texts are stemmed each by their own dictionary; trigrams over the words
-- forgive a typo ("bygglv").
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE SCHEMA guide;
GRANT USAGE ON SCHEMA guide TO ${appRole};

CREATE TABLE guide.search_document (
    tenant_id   uuid    NOT NULL,
    kind        text    NOT NULL,
    code        text    NOT NULL,
    name_sv     text    NOT NULL,
    name_en     text    NOT NULL,
    summary_sv  text    NOT NULL,
    summary_en  text    NOT NULL,
    path        text    NOT NULL,
    provider    text,
    -- names and synonyms weigh more than what the summary says
    words       text    NOT NULL,
    search      tsvector GENERATED ALWAYS AS (
                    setweight(to_tsvector('swedish', name_sv || ' ' || words), 'A')
                    || setweight(to_tsvector('english', name_en), 'A')
                    || setweight(to_tsvector('swedish', summary_sv), 'C')
                    || setweight(to_tsvector('english', summary_en), 'C')) STORED,
    PRIMARY KEY (tenant_id, kind, code)
);
CREATE INDEX search_document_search_idx ON guide.search_document USING gin (search);
CREATE INDEX search_document_words_idx ON guide.search_document USING gin (words gin_trgm_ops);
SELECT samla_isolate_by_tenant('guide.search_document');
GRANT SELECT, INSERT, DELETE ON guide.search_document TO ${appRole};
