-- Fees and invoices. A charge is what a case owes by its case type's taxa, fixed when it arises (with the officer's
-- adjustment and its reason); an invoice carries charges to their receiver under a number from the tenant's gapless
-- series and an OCR reference; a payment comes from Bankgirot's BgMax file and is matched to an invoice by its
-- reference and amount, or by a person.
CREATE SCHEMA fees;
GRANT USAGE ON SCHEMA fees TO ${appRole};

CREATE TABLE fees.charge (
    id                       uuid          NOT NULL PRIMARY KEY,
    tenant_id                uuid          NOT NULL,
    case_id                  uuid          NOT NULL,
    case_reference           text          NOT NULL,
    case_type                text          NOT NULL,
    fee_code                 text          NOT NULL,
    fee_name                 text          NOT NULL,
    charged                  text          NOT NULL CHECK (charged IN ('AT_SUBMISSION', 'AT_DECISION', 'MONTHLY')),
    -- what the taxa gives; null when the answers could not give it and a person set the amount
    computed_amount          numeric(12,2) CHECK (computed_amount >= 0),
    amount                   numeric(12,2) NOT NULL CHECK (amount >= 0),
    adjustment_reason        text,
    adjusted_by              text,
    vat_rate                 int           NOT NULL CHECK (vat_rate IN (0, 6, 12, 25)),
    account                  text          NOT NULL,
    receiver_person_id       uuid,
    receiver_identity_number text,
    receiver_name            text          NOT NULL,
    receiver_organisation    text,
    -- a monthly fee: the first day of the next month to invoice, how many months are left (null: until ended)
    next_period              date,
    months_left              int,
    ended_on                 date,
    created_at               timestamptz   NOT NULL,
    UNIQUE (case_id, fee_code, charged),
    CHECK ((computed_amount IS DISTINCT FROM amount) = (adjustment_reason IS NOT NULL))
);
CREATE INDEX charge_case ON fees.charge (case_id);
CREATE INDEX charge_monthly_due ON fees.charge (next_period) WHERE charged = 'MONTHLY' AND ended_on IS NULL;

CREATE TABLE fees.invoice_series (
    tenant_id   uuid   NOT NULL PRIMARY KEY,
    last_number bigint NOT NULL CHECK (last_number >= 0)
);

CREATE TABLE fees.invoice (
    id                       uuid          NOT NULL PRIMARY KEY,
    tenant_id                uuid          NOT NULL,
    number                   bigint        NOT NULL,
    kind                     text          NOT NULL CHECK (kind IN ('INVOICE', 'CREDIT_NOTE')),
    -- a credit note: the invoice it credits
    credits                  uuid REFERENCES fees.invoice (id),
    case_id                  uuid,
    case_reference           text,
    receiver_person_id       uuid,
    receiver_identity_number text,
    receiver_name            text          NOT NULL,
    receiver_organisation    text,
    -- how it leaves: a letter by the resident's chosen way of getting post, or Peppol to an organisation on it
    delivery                 text          NOT NULL CHECK (delivery IN ('LETTER', 'PEPPOL')),
    issued_on                date          NOT NULL,
    due_on                   date          NOT NULL,
    ocr                      text          NOT NULL,
    bankgiro                 text          NOT NULL,
    net                      numeric(12,2) NOT NULL,
    vat                      numeric(12,2) NOT NULL,
    total                    numeric(12,2) NOT NULL,
    paid                     numeric(12,2) NOT NULL DEFAULT 0,
    credited                 numeric(12,2) NOT NULL DEFAULT 0,
    reminded_on              date,
    reminder_fee             numeric(12,2) NOT NULL DEFAULT 0,
    created_at               timestamptz   NOT NULL,
    UNIQUE (tenant_id, number),
    UNIQUE (tenant_id, ocr),
    CHECK ((kind = 'INVOICE') = (total > 0)),
    CHECK ((kind = 'CREDIT_NOTE') = (credits IS NOT NULL))
);
CREATE INDEX invoice_receiver ON fees.invoice (receiver_person_id, issued_on DESC);
CREATE INDEX invoice_case ON fees.invoice (case_id);
CREATE INDEX invoice_open ON fees.invoice (due_on) WHERE kind = 'INVOICE';

CREATE TABLE fees.invoice_line (
    invoice_id  uuid          NOT NULL REFERENCES fees.invoice (id),
    tenant_id   uuid          NOT NULL,
    seq         int           NOT NULL,
    charge_id   uuid REFERENCES fees.charge (id),
    -- a monthly fee's month (its first day)
    period      date,
    description text          NOT NULL,
    net         numeric(12,2) NOT NULL,
    vat_rate    int           NOT NULL,
    vat         numeric(12,2) NOT NULL,
    account     text          NOT NULL,
    PRIMARY KEY (invoice_id, seq)
);
-- a charge, or a monthly charge's month, is invoiced once
CREATE UNIQUE INDEX invoice_line_charged_once ON fees.invoice_line (charge_id, coalesce(period, DATE '0001-01-01'))
    WHERE charge_id IS NOT NULL AND net > 0;

CREATE TABLE fees.payment_file (
    id           uuid          NOT NULL PRIMARY KEY,
    tenant_id    uuid          NOT NULL,
    sha256       text          NOT NULL,
    file_name    text          NOT NULL,
    produced_at  text          NOT NULL,
    bankgiro     text          NOT NULL,
    payments     int           NOT NULL,
    amount       numeric(14,2) NOT NULL,
    imported_at  timestamptz   NOT NULL,
    imported_by  text          NOT NULL,
    UNIQUE (tenant_id, sha256)
);

CREATE TABLE fees.payment (
    id              uuid          NOT NULL PRIMARY KEY,
    tenant_id       uuid          NOT NULL,
    file_id         uuid          NOT NULL REFERENCES fees.payment_file (id),
    line            int           NOT NULL,
    reference       text,
    amount          numeric(12,2) NOT NULL,
    paid_on         date          NOT NULL,
    sender_bankgiro text,
    payer_name      text,
    -- MATCHED: booked against its invoice; MANUAL: waits for a person; SETTLED: a person booked or wrote it off
    state           text          NOT NULL CHECK (state IN ('MATCHED', 'MANUAL', 'SETTLED')),
    -- why a person is needed: NO_REFERENCE, INVALID_REFERENCE, UNKNOWN_REFERENCE, PARTIAL, OVERPAID, ALREADY_PAID
    reason          text,
    -- the invoice it is booked against, or for a person to consider
    invoice_id      uuid REFERENCES fees.invoice (id),
    settled_at      timestamptz,
    settled_by      text,
    UNIQUE (file_id, line)
);
CREATE INDEX payment_manual ON fees.payment (paid_on) WHERE state = 'MANUAL';
CREATE INDEX payment_invoice ON fees.payment (invoice_id);

SELECT samla_isolate_by_tenant('fees.charge');
SELECT samla_isolate_by_tenant('fees.invoice_series');
SELECT samla_isolate_by_tenant('fees.invoice');
SELECT samla_isolate_by_tenant('fees.invoice_line');
SELECT samla_isolate_by_tenant('fees.payment_file');
SELECT samla_isolate_by_tenant('fees.payment');
GRANT SELECT, INSERT, UPDATE ON fees.charge, fees.invoice_series, fees.invoice, fees.invoice_line, fees.payment_file,
    fees.payment TO ${appRole};
