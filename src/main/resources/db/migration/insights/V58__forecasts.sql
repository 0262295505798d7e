-- The decision date forecast when a case came in, kept so that managers see how far forecasts were from decisions.
ALTER TABLE insights.case_fact ADD COLUMN predicted_decision_on date;
-- the managers' page holds the last year's forecasts against their decisions on every view: only cases that had one
CREATE INDEX case_fact_forecast ON insights.case_fact (tenant_id, unit, decided_at)
    WHERE predicted_decision_on IS NOT NULL AND decided_at IS NOT NULL;
