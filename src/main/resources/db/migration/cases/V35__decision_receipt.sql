-- When the applicant received the decision, and how (digital mailbox, opened in Mina sidor, or paper, whose day is
-- reckoned rather than known), and so the last day to appeal it: three weeks from receipt (förvaltningslagen 44 §).
ALTER TABLE cases.decision
    ADD COLUMN received_at     timestamptz,
    ADD COLUMN received_via    text CHECK (received_via IN ('DIGITAL_MAILBOX', 'MY_PAGES', 'PAPER')),
    ADD COLUMN received_deemed boolean NOT NULL DEFAULT false,
    ADD COLUMN appeal_until    date;
