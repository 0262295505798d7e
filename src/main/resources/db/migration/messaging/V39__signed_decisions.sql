-- A decision letter carries the municipality's PAdES signature; DSS's check of it (its simple report), made the first time
-- the letter is shown here, is kept with it, and its verdict; signed_with is the SHA-256 fingerprint of the certificate
-- that signed it, so a later check knows whose signature to expect.
ALTER TABLE messaging.letter
    ADD COLUMN signed_by       text,
    ADD COLUMN signed_with     text,
    ADD COLUMN seal_indication text,
    ADD COLUMN seal_report     text;
