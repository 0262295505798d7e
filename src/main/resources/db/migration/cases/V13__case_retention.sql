-- When a case closes, its result decides whether its information is kept (bevaras) or disposed of
-- (gallras), and from when: the closing day plus the result's disposal period.
ALTER TABLE cases."case" ADD COLUMN keep boolean;
ALTER TABLE cases."case" ADD COLUMN disposal_on date;
ALTER TABLE cases."case" ADD COLUMN retention_reference text;
