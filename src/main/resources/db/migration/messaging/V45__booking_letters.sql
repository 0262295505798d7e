-- Booking and meeting notices are letters too, carrying an iCalendar file for the booker's calendar; an e-mail can
-- carry that file as an attachment, and the demo mailbox keeps it to show.
ALTER TABLE messaging.letter DROP CONSTRAINT letter_kind_check;
ALTER TABLE messaging.letter ADD CONSTRAINT letter_kind_check
    CHECK (kind IN ('DECISION', 'COMPLETION_REQUEST', 'MESSAGE', 'MAILBOX_ANSWER', 'SIGNATURE_REQUEST', 'BOOKING'));
ALTER TABLE messaging.letter ADD COLUMN calendar text;
ALTER TABLE messaging.local_mailbox ADD COLUMN attachment_name text, ADD COLUMN attachment text;
