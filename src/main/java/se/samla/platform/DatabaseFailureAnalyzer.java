package se.samla.platform;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns an unreachable database at start into one line that says what to check. */
class DatabaseFailureAnalyzer extends AbstractFailureAnalyzer<DatabaseUnreachableException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, DatabaseUnreachableException cause) {
        return new FailureAnalysis(
                "Samla cannot reach its database at " + cause.url() + " (" + cause.reason() + ").",
                "Check that PostgreSQL is running and reachable, and check SAMLA_DB_URL, SAMLA_DB_USER and "
                        + "SAMLA_DB_PASSWORD; unset SAMLA_DB_URL to use the embedded database.",
                cause);
    }
}
