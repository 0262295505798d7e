package se.samla.shared;

import java.time.ZoneId;

/** The time zone of every date a resident or case officer sees: service norms, decision dates, disposal days. */
public final class SwedishTime {

    public static final ZoneId ZONE = ZoneId.of("Europe/Stockholm");

    /** A moment as people read it here, to the minute: 2026-12-01 10:40. */
    public static final java.time.format.DateTimeFormatter MINUTE =
            java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZONE);

    private SwedishTime() {}
}
