package se.samla.reports;

/** The report changed after the editor loaded it; nothing was written. */
class StaleReportException extends RuntimeException {

    StaleReportException() {
        super("stale report", null, false, false);
    }
}
