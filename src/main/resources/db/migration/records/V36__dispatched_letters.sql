-- How an outgoing document left the municipality (expediering): by digital mailbox, e-mail notice or paper, and
-- when. A letter whose document was not registered before (a completion request) is registered as a letter.
ALTER TABLE records.entry
    ADD COLUMN dispatched_via text,
    ADD COLUMN dispatched_at  timestamptz;
ALTER TABLE records.entry DROP CONSTRAINT entry_kind_check;
ALTER TABLE records.entry ADD CONSTRAINT entry_kind_check
    CHECK (kind IN ('APPLICATION', 'FILE', 'MESSAGE', 'DECISION', 'MEMO', 'LETTER', 'OTHER'));
