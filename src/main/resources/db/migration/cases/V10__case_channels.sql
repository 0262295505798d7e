-- Reports arrive through the Open311 API as well.
ALTER TABLE cases."case" DROP CONSTRAINT case_channel_check;
ALTER TABLE cases."case" ADD CONSTRAINT case_channel_check CHECK (channel IN ('E_SERVICE', 'API', 'OPEN311'));
