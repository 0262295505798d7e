-- The months a change of a fact touches are now marked by the one writer of the facts, in the same transaction
-- (CaseFactsProjection), no longer by statement triggers: on a Citus cluster a trigger on a distributed table runs on
-- the shard and cannot write another distributed table from there.
DROP TRIGGER facts_inserted ON insights.case_fact;
DROP TRIGGER facts_updated ON insights.case_fact;
DROP TRIGGER facts_deleted ON insights.case_fact;
DROP FUNCTION insights.facts_inserted();
DROP FUNCTION insights.facts_updated();
DROP FUNCTION insights.facts_deleted();
DROP FUNCTION insights.mark_months(insights.month_key[]);
DROP TYPE insights.month_key;
DROP FUNCTION insights.month_of(timestamptz);
