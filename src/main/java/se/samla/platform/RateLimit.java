package se.samla.platform;

/**
 * How many writes one client may make: {@code perMinute} on average, at most {@code burst} at once (a token
 * bucket that holds {@code burst} tokens and gets {@code perMinute} back each minute, a little at a time).
 */
public record RateLimit(int perMinute, int burst) {

    public static final int MAX = 1_000_000;

    public RateLimit {
        if (perMinute < 1 || perMinute > MAX) {
            throw new IllegalArgumentException("perMinute must be between 1 and " + MAX + ", not " + perMinute);
        }
        if (burst < 1 || burst > MAX) {
            throw new IllegalArgumentException("burst must be between 1 and " + MAX + ", not " + burst);
        }
    }
}
