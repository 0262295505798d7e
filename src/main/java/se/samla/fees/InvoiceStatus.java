package se.samla.fees;

import java.math.BigDecimal;
import java.time.LocalDate;

/** Where an invoice stands, as its receiver and the unit see it; it follows from the payments and credits. */
public enum InvoiceStatus {
    SENT,
    PARTLY_PAID,
    PAID,
    OVERDUE,
    CREDITED;

    static InvoiceStatus of(BigDecimal total, BigDecimal paid, BigDecimal credited, LocalDate dueOn, LocalDate today) {
        if (credited.compareTo(total) >= 0) {
            return CREDITED;
        }
        BigDecimal left = total.subtract(credited).subtract(paid);
        if (left.signum() <= 0) {
            return PAID;
        }
        if (dueOn.isBefore(today)) {
            return OVERDUE;
        }
        return paid.signum() > 0 ? PARTLY_PAID : SENT;
    }
}
