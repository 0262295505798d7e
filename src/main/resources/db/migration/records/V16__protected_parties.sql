-- A party with protected identity (sekretessmarkering, skyddad folkbokföring) never appears in the public register.
ALTER TABLE records.case_file ADD COLUMN party_protected boolean NOT NULL DEFAULT false;
