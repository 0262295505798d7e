package se.samla.reports;

/**
 * An answer GeoReport v2 defines as an error: its HTTP status and the description a client reads (English, the
 * argument first: "lat: not a decimal number").
 */
final class Open311Refusal extends RuntimeException {

    private final int status;
    /** Seconds, for a 429; 0 for other errors. */
    private final long retryAfterSeconds;

    Open311Refusal(int status, String description) {
        this(status, description, 0);
    }

    Open311Refusal(int status, String description, long retryAfterSeconds) {
        super(description, null, false, false);
        this.status = status;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    int status() {
        return status;
    }

    long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    static Open311Refusal notFound(String description) {
        return new Open311Refusal(404, description);
    }

    static Open311Refusal badArgument(String argument, String reason) {
        return new Open311Refusal(400, argument + ": " + reason);
    }
}
