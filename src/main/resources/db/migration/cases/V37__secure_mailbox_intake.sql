-- A thread of the secure mailbox ("Skriv till oss") can become a case: a channel of its own. Its files wait under a
-- submission that the thread holds, so the sweep of abandoned submissions leaves them alone while the thread lives.
ALTER TABLE cases."case" DROP CONSTRAINT case_channel_check;
ALTER TABLE cases."case" ADD CONSTRAINT case_channel_check
    CHECK (channel IN ('E_SERVICE', 'API', 'OPEN311', 'SECURE_MAILBOX'));

ALTER TABLE cases.submission ADD COLUMN held boolean NOT NULL DEFAULT false;
DROP INDEX cases.submission_unfinished_idx;
CREATE INDEX submission_unfinished_idx ON cases.submission (started_at) WHERE case_id IS NULL AND NOT held;
