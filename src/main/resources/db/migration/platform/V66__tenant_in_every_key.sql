-- Every key of a municipal table leads with tenant_id, and every reference between two such tables names it.
--
-- Two reasons, one for each kind of installation. On any PostgreSQL a row can no longer point at another
-- municipality's row, whatever the application does: a case's note, a letter's dispatch or an invoice's payment must
-- share the tenant of what it belongs to. On Citus (a national installation, see README) a table distributed by
-- tenant_id can only have keys, unique constraints and foreign keys that include it, so this is what lets each
-- municipality's rows live together on one shard.
--
-- Lookups by a secret (an Open311 key, a document link, a calendar feed) were unique across all municipalities; they
-- are now unique within one, which is where they are looked up.

-- First the references, which hold on to the keys being replaced.
ALTER TABLE tenancy.unit DROP CONSTRAINT unit_parent_id_fkey;
ALTER TABLE identity.staff_role DROP CONSTRAINT staff_role_staff_id_fkey;
ALTER TABLE cases.status_change DROP CONSTRAINT status_change_case_id_fkey;
ALTER TABLE cases.attachment DROP CONSTRAINT attachment_case_id_fkey;
ALTER TABLE cases.message DROP CONSTRAINT message_case_id_fkey;
ALTER TABLE cases.completion_request DROP CONSTRAINT completion_request_case_id_fkey;
ALTER TABLE cases.note DROP CONSTRAINT note_case_id_fkey;
ALTER TABLE cases.decision DROP CONSTRAINT decision_case_id_fkey;
ALTER TABLE cases.case_search DROP CONSTRAINT case_search_case_id_fkey;
ALTER TABLE cases.submission DROP CONSTRAINT submission_case_id_fkey;
ALTER TABLE cases.signature DROP CONSTRAINT signature_case_id_fkey;
ALTER TABLE cases.transfer DROP CONSTRAINT transfer_case_id_fkey;
ALTER TABLE reports.report DROP CONSTRAINT report_merged_into_fkey;
ALTER TABLE reports.report_update DROP CONSTRAINT report_update_case_id_fkey;
ALTER TABLE reports.subscriber DROP CONSTRAINT subscriber_case_id_fkey;
ALTER TABLE records.entry DROP CONSTRAINT entry_case_id_fkey;
ALTER TABLE records.document_request DROP CONSTRAINT document_request_entry_id_fkey;
ALTER TABLE messaging.dispatch DROP CONSTRAINT dispatch_letter_id_fkey;
ALTER TABLE messaging.thread_message DROP CONSTRAINT thread_message_thread_id_fkey;
ALTER TABLE booking.occupancy DROP CONSTRAINT occupancy_booking_id_fkey;
ALTER TABLE booking.waiting DROP CONSTRAINT waiting_booking_id_fkey;
ALTER TABLE booking.credential DROP CONSTRAINT credential_booking_id_fkey;
ALTER TABLE booking.meeting DROP CONSTRAINT meeting_meeting_time_id_fkey;
ALTER TABLE fees.invoice DROP CONSTRAINT invoice_credits_fkey;
ALTER TABLE fees.invoice_line DROP CONSTRAINT invoice_line_invoice_id_fkey;
ALTER TABLE fees.invoice_line DROP CONSTRAINT invoice_line_charge_id_fkey;
ALTER TABLE fees.payment DROP CONSTRAINT payment_invoice_id_fkey;
ALTER TABLE fees.payment DROP CONSTRAINT payment_file_id_fkey;
ALTER TABLE fees.peppol_message DROP CONSTRAINT peppol_message_invoice_id_fkey;

-- Then every primary key and unique constraint, with the tenant first.
DO $$
DECLARE
    key record;
BEGIN
    FOR key IN
        SELECT con.conrelid::regclass AS target, con.conname, con.contype,
               (SELECT string_agg(quote_ident(a.attname), ', ' ORDER BY k.ord)
                FROM unnest(con.conkey) WITH ORDINALITY k(attnum, ord)
                JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum) AS columns
        FROM pg_constraint con
        JOIN pg_attribute t ON t.attrelid = con.conrelid AND t.attname = 'tenant_id' AND NOT t.attisdropped
        WHERE con.contype IN ('p', 'u')
          AND NOT t.attnum = ANY (con.conkey)
          AND con.connamespace::regnamespace::text NOT IN ('pg_catalog', 'information_schema')
    LOOP
        EXECUTE format('ALTER TABLE %s DROP CONSTRAINT %I', key.target, key.conname);
        EXECUTE format('ALTER TABLE %s ADD CONSTRAINT %I %s (tenant_id, %s)', key.target, key.conname,
                       CASE key.contype WHEN 'p' THEN 'PRIMARY KEY' ELSE 'UNIQUE' END, key.columns);
    END LOOP;
END $$;

-- The partial unique indexes likewise.
DROP INDEX messaging.dispatch_one_paper_idx;
CREATE UNIQUE INDEX dispatch_one_paper_idx ON messaging.dispatch (tenant_id, letter_id)
    WHERE channel = 'PAPER' AND status IN ('PRINT_QUEUED', 'NO_ADDRESS', 'PRINTED');
DROP INDEX booking.meeting_once;
CREATE UNIQUE INDEX meeting_once ON booking.meeting (tenant_id, meeting_time_id) WHERE status <> 'CANCELLED';
DROP INDEX fees.invoice_line_charged_once;
CREATE UNIQUE INDEX invoice_line_charged_once ON fees.invoice_line (tenant_id, charge_id, COALESCE(period, '0001-01-01'))
    WHERE charge_id IS NOT NULL AND net > 0;

-- And the references again, each within one municipality. A submission's case and a waiting place's booking were
-- cleared when the row they named was removed; a case is never removed (disposal empties it), and a booking only in the
-- statement after its own insert, before anything refers to it. Citus refuses ON DELETE SET NULL on a key that holds
-- the distribution column, so both now refuse the removal instead, which is what the code already relies on.
ALTER TABLE tenancy.unit ADD CONSTRAINT unit_parent_id_fkey
    FOREIGN KEY (tenant_id, parent_id) REFERENCES tenancy.unit (tenant_id, id);
ALTER TABLE identity.staff_role ADD CONSTRAINT staff_role_staff_id_fkey
    FOREIGN KEY (tenant_id, staff_id) REFERENCES identity.staff_member (tenant_id, id) ON DELETE CASCADE;
ALTER TABLE cases.status_change ADD CONSTRAINT status_change_case_id_fkey
    FOREIGN KEY (tenant_id, case_id) REFERENCES cases."case" (tenant_id, id) ON DELETE CASCADE;
ALTER TABLE cases.attachment ADD CONSTRAINT attachment_case_id_fkey
    FOREIGN KEY (tenant_id, case_id) REFERENCES cases."case" (tenant_id, id) ON DELETE CASCADE;
ALTER TABLE cases.message ADD CONSTRAINT message_case_id_fkey
    FOREIGN KEY (tenant_id, case_id) REFERENCES cases."case" (tenant_id, id) ON DELETE CASCADE;
ALTER TABLE cases.completion_request ADD CONSTRAINT completion_request_case_id_fkey
    FOREIGN KEY (tenant_id, case_id) REFERENCES cases."case" (tenant_id, id) ON DELETE CASCADE;
ALTER TABLE cases.note ADD CONSTRAINT note_case_id_fkey
    FOREIGN KEY (tenant_id, case_id) REFERENCES cases."case" (tenant_id, id) ON DELETE CASCADE;
ALTER TABLE cases.decision ADD CONSTRAINT decision_case_id_fkey
    FOREIGN KEY (tenant_id, case_id) REFERENCES cases."case" (tenant_id, id) ON DELETE CASCADE;
ALTER TABLE cases.case_search ADD CONSTRAINT case_search_case_id_fkey
    FOREIGN KEY (tenant_id, case_id) REFERENCES cases."case" (tenant_id, id) ON DELETE CASCADE;
ALTER TABLE cases.submission ADD CONSTRAINT submission_case_id_fkey
    FOREIGN KEY (tenant_id, case_id) REFERENCES cases."case" (tenant_id, id);
ALTER TABLE cases.signature ADD CONSTRAINT signature_case_id_fkey
    FOREIGN KEY (tenant_id, case_id) REFERENCES cases."case" (tenant_id, id) ON DELETE CASCADE;
ALTER TABLE cases.transfer ADD CONSTRAINT transfer_case_id_fkey
    FOREIGN KEY (tenant_id, case_id) REFERENCES cases."case" (tenant_id, id);
ALTER TABLE reports.report ADD CONSTRAINT report_merged_into_fkey
    FOREIGN KEY (tenant_id, merged_into) REFERENCES reports.report (tenant_id, case_id);
ALTER TABLE reports.report_update ADD CONSTRAINT report_update_case_id_fkey
    FOREIGN KEY (tenant_id, case_id) REFERENCES reports.report (tenant_id, case_id);
ALTER TABLE reports.subscriber ADD CONSTRAINT subscriber_case_id_fkey
    FOREIGN KEY (tenant_id, case_id) REFERENCES reports.report (tenant_id, case_id);
ALTER TABLE records.entry ADD CONSTRAINT entry_case_id_fkey
    FOREIGN KEY (tenant_id, case_id) REFERENCES records.case_file (tenant_id, case_id);
ALTER TABLE records.document_request ADD CONSTRAINT document_request_entry_id_fkey
    FOREIGN KEY (tenant_id, entry_id) REFERENCES records.entry (tenant_id, id);
ALTER TABLE messaging.dispatch ADD CONSTRAINT dispatch_letter_id_fkey
    FOREIGN KEY (tenant_id, letter_id) REFERENCES messaging.letter (tenant_id, id) ON DELETE CASCADE;
ALTER TABLE messaging.thread_message ADD CONSTRAINT thread_message_thread_id_fkey
    FOREIGN KEY (tenant_id, thread_id) REFERENCES messaging.thread (tenant_id, id) ON DELETE CASCADE;
ALTER TABLE booking.occupancy ADD CONSTRAINT occupancy_booking_id_fkey
    FOREIGN KEY (tenant_id, booking_id) REFERENCES booking.booking (tenant_id, id) ON DELETE CASCADE;
ALTER TABLE booking.waiting ADD CONSTRAINT waiting_booking_id_fkey
    FOREIGN KEY (tenant_id, booking_id) REFERENCES booking.booking (tenant_id, id);
ALTER TABLE booking.credential ADD CONSTRAINT credential_booking_id_fkey
    FOREIGN KEY (tenant_id, booking_id) REFERENCES booking.booking (tenant_id, id) ON DELETE CASCADE;
ALTER TABLE booking.meeting ADD CONSTRAINT meeting_meeting_time_id_fkey
    FOREIGN KEY (tenant_id, meeting_time_id) REFERENCES booking.meeting_time (tenant_id, id);
ALTER TABLE fees.invoice ADD CONSTRAINT invoice_credits_fkey
    FOREIGN KEY (tenant_id, credits) REFERENCES fees.invoice (tenant_id, id);
ALTER TABLE fees.invoice_line ADD CONSTRAINT invoice_line_invoice_id_fkey
    FOREIGN KEY (tenant_id, invoice_id) REFERENCES fees.invoice (tenant_id, id);
ALTER TABLE fees.invoice_line ADD CONSTRAINT invoice_line_charge_id_fkey
    FOREIGN KEY (tenant_id, charge_id) REFERENCES fees.charge (tenant_id, id);
ALTER TABLE fees.payment ADD CONSTRAINT payment_invoice_id_fkey
    FOREIGN KEY (tenant_id, invoice_id) REFERENCES fees.invoice (tenant_id, id);
ALTER TABLE fees.payment ADD CONSTRAINT payment_file_id_fkey
    FOREIGN KEY (tenant_id, file_id) REFERENCES fees.payment_file (tenant_id, id);
ALTER TABLE fees.peppol_message ADD CONSTRAINT peppol_message_invoice_id_fkey
    FOREIGN KEY (tenant_id, invoice_id) REFERENCES fees.invoice (tenant_id, id);

-- The search functions take the tenant as their first argument, so that on Citus a query inside them names its shard
-- (and a call on its own is run on the worker that holds it); they still answer only for the transaction's tenant.
DROP FUNCTION cases.index_case(uuid, text);
DROP FUNCTION cases.matching_cases(text, text[], text[], int);

-- PL/pgSQL, not SQL: Citus plans an INSERT ... SELECT with the parameters of a PL/pgSQL function, not of an SQL one.
CREATE FUNCTION cases.index_case(tenant uuid, target uuid, words text) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public
    AS $$
BEGIN
    INSERT INTO cases.case_search (case_id, tenant_id, unit, confidentiality, submitted_at, search)
    SELECT c.id, c.tenant_id, c.unit, c.confidentiality, c.submitted_at, to_tsvector('swedish', words)
    FROM cases."case" c
    WHERE c.tenant_id = tenant AND c.id = target
      AND tenant = samla_current_tenant() AND samla_current_federation() IS NULL
    ON CONFLICT (tenant_id, case_id) DO UPDATE SET search = excluded.search;
END $$;

-- A federation's units are given to the transaction with its federation (samla.federation_units), read from
-- tenancy.federation_unit when the transaction begins, so the cases' policy no longer reads a table for every query.
-- Citus allows no sub-query in a policy of a distributed table, and a query inside a policy would run on a shard.
CREATE FUNCTION samla_current_federation_units() RETURNS text[]
    LANGUAGE sql STABLE PARALLEL SAFE
    AS $$ SELECT coalesce(nullif(current_setting('samla.federation_units', true), ''), '{}')::text[] $$;
GRANT EXECUTE ON FUNCTION samla_current_federation_units() TO ${appRole};

ALTER POLICY tenant_read ON cases."case"
    USING (tenant_id = (SELECT samla_current_tenant())
           AND ((SELECT samla_current_federation()) IS NULL
                OR unit = ANY (samla_current_federation_units())));

CREATE FUNCTION cases.matching_cases(tenant uuid, query text, units text[], levels text[], max_rows int)
    RETURNS SETOF uuid
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public
    AS $$
        SELECT case_id FROM cases.case_search
        WHERE tenant_id = tenant AND tenant = samla_current_tenant()
          AND search @@ websearch_to_tsquery('swedish', query)
          AND unit = ANY (units) AND confidentiality = ANY (levels)
          AND (samla_current_federation() IS NULL OR unit = ANY (samla_current_federation_units()))
        ORDER BY submitted_at DESC, case_id
        LIMIT max_rows
    $$;

REVOKE ALL ON FUNCTION cases.index_case(uuid, uuid, text), cases.matching_cases(uuid, text, text[], text[], int)
    FROM PUBLIC;
GRANT EXECUTE ON FUNCTION cases.index_case(uuid, uuid, text), cases.matching_cases(uuid, text, text[], text[], int)
    TO ${appRole};
