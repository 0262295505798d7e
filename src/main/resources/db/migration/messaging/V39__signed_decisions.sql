-- A decision letter carries the municipality's PAdES signature; the check made when it was signed (DSS's simple
-- report) is kept with it, and its verdict, so lists can say so without checking again.
ALTER TABLE messaging.letter
    ADD COLUMN signed_by       text,
    ADD COLUMN seal_indication text,
    ADD COLUMN seal_report     text;
