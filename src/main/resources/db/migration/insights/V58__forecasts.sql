-- The decision date forecast when a case came in, kept so that managers see how far forecasts were from decisions.
ALTER TABLE insights.case_fact ADD COLUMN predicted_decision_on date;
