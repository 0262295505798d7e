-- A case a municipal sensor opened (a rule that fired) has a channel of its own, so staff and statistics tell it from
-- one a person sent through the API.
ALTER TABLE cases."case" DROP CONSTRAINT case_channel_check;
ALTER TABLE cases."case" ADD CONSTRAINT case_channel_check
    CHECK (channel IN ('E_SERVICE', 'API', 'OPEN311', 'SECURE_MAILBOX', 'SENSOR'));
