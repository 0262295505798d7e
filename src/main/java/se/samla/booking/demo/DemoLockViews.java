package se.samla.booking.demo;

/** What the demo lock's pages show. */
public final class DemoLockViews {

    private DemoLockViews() {}

    /** A door and the facility it leads to. */
    public record Door(String name, String resource) {}

    /**
     * @param at the moment at the door, local time yyyy-MM-ddTHH:mm
     * @param opened null before any code is entered, then whether the door opened
     */
    public record Keypad(String door, String resource, String at, Boolean opened, int grantsHeld) {}
}
