-- The search index led with the words alone, so a search in one municipality found every municipality's matches
-- in the index and then threw the others' away: with four municipalities of a million cases each, a search for two
-- common words read 95,000 index matches and 60,000 blocks to keep 24,000 (1.7 s instead of 0.7 s; bench/federation.sh).
-- Leading with the tenant (btree_gin lets a GIN index hold the uuid beside the words) makes the index answer for the
-- current municipality only.
CREATE EXTENSION IF NOT EXISTS btree_gin;
CREATE INDEX case_search_tenant_vector_idx ON cases.case_search USING gin (tenant_id, search);
DROP INDEX cases.case_search_vector_idx;
