-- Invoices, credit notes and reminders reach their receiver as letters by the resident's chosen way of getting post.
ALTER TABLE messaging.letter DROP CONSTRAINT letter_kind_check;
ALTER TABLE messaging.letter ADD CONSTRAINT letter_kind_check
    CHECK (kind IN ('DECISION', 'COMPLETION_REQUEST', 'MESSAGE', 'MAILBOX_ANSWER', 'SIGNATURE_REQUEST', 'BOOKING',
                    'INVOICE', 'CREDIT_NOTE', 'REMINDER'));
