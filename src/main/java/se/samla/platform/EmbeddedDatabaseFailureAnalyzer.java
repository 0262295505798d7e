package se.samla.platform;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a failed start of the embedded database into one line that names the cause and the fix. */
class EmbeddedDatabaseFailureAnalyzer extends AbstractFailureAnalyzer<EmbeddedDatabaseException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, EmbeddedDatabaseException cause) {
        // the fix is on the same line as the cause: log collectors often keep only the line that matched
        return new FailureAnalysis(
                "Samla cannot start its embedded database: " + cause.problem() + " " + cause.fix(),
                "Start Samla again once that is done.",
                cause);
    }
}
