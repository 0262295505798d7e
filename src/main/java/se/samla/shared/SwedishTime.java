package se.samla.shared;

import java.time.ZoneId;

/** The time zone of every date a resident or case officer sees: service norms, decision dates, disposal days. */
public final class SwedishTime {

    public static final ZoneId ZONE = ZoneId.of("Europe/Stockholm");

    private SwedishTime() {}
}
