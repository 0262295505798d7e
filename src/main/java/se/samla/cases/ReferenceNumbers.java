package se.samla.cases;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import se.samla.shared.CurrentTenant;

/**
 * Reference numbers like "SBF 2026/000123": a series per administration and year. The number is taken
 * in the submission's own transaction, holding the series row until commit, so concurrent submissions
 * queue for the next number, none is skipped, and a rolled-back one gives its number back. A transaction
 * takes at most one series row, so the wait can never become a deadlock.
 */
@Component
class ReferenceNumbers {

    private final JdbcClient jdbc;

    ReferenceNumbers(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    String next(String series, int year) {
        int number = jdbc.sql("""
                INSERT INTO cases.reference_series (tenant_id, series, year, last_number) VALUES (:t, :series, :year, 1)
                ON CONFLICT (tenant_id, series, year) DO UPDATE SET last_number = cases.reference_series.last_number + 1
                RETURNING last_number
                """)
                .param("t", CurrentTenant.require().value())
                .param("series", series)
                .param("year", year)
                .query(Integer.class)
                .single();
        return "%s %d/%06d".formatted(series, year, number);
    }
}
