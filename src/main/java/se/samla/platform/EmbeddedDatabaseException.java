package se.samla.platform;

/**
 * The embedded PostgreSQL could not start. Carries what went wrong and what to do about it, so the start
 * failure is one readable line instead of a stack trace from pg_ctl.
 */
class EmbeddedDatabaseException extends RuntimeException {

    private final String fix;

    EmbeddedDatabaseException(String problem, String fix, Throwable cause) {
        super(problem, cause);
        this.fix = fix;
    }

    String problem() {
        return getMessage();
    }

    String fix() {
        return fix;
    }
}
