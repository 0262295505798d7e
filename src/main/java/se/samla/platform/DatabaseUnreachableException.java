package se.samla.platform;

/** Samla could not reach its database at start; the message names what to check. */
class DatabaseUnreachableException extends RuntimeException {

    private final String url;

    DatabaseUnreachableException(String url, Throwable cause) {
        super("Cannot reach the database at " + url + ": " + rootMessage(cause), cause);
        this.url = url;
    }

    String url() {
        return url;
    }

    String reason() {
        return rootMessage(getCause());
    }

    private static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
