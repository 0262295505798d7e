-- A decision letter carries the municipality's PAdES signature; DSS's check of it (its simple report), made the first time
-- the letter is shown here, is kept with it, and its verdict.
ALTER TABLE messaging.letter
    ADD COLUMN signed_by       text,
    ADD COLUMN seal_indication text,
    ADD COLUMN seal_report     text;
