-- Each accounting export (SIE 4I) made for a period: a period exported again is numbered, never silently repeated.
CREATE TABLE fees.accounting_export (
    id          uuid        NOT NULL PRIMARY KEY,
    tenant_id   uuid        NOT NULL,
    period_from date        NOT NULL,
    period_to   date        NOT NULL,
    sequence    int         NOT NULL CHECK (sequence >= 1),
    vouchers    int         NOT NULL,
    sha256      text        NOT NULL,
    created_at  timestamptz NOT NULL,
    created_by  text        NOT NULL,
    UNIQUE (tenant_id, period_from, period_to, sequence),
    CHECK (period_from <= period_to)
);
SELECT samla_isolate_by_tenant('fees.accounting_export');
GRANT SELECT, INSERT ON fees.accounting_export TO ${appRole};
