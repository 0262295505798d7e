-- A guardian asked to sign an application for their child is told by letter, by the way they get their post.
ALTER TABLE messaging.letter DROP CONSTRAINT letter_kind_check;
ALTER TABLE messaging.letter ADD CONSTRAINT letter_kind_check
    CHECK (kind IN ('DECISION', 'COMPLETION_REQUEST', 'MESSAGE', 'MAILBOX_ANSWER', 'SIGNATURE_REQUEST'));
