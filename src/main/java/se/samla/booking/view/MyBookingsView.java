package se.samla.booking.view;

import java.util.List;

/**
 * The resident's coming bookings, their door codes, their places in line, their calendar feed and their meetings.
 *
 * @param feedUrl the address of a feed made just now, shown this once; else null
 * @param hasFeed whether a feed is in force
 */
public record MyBookingsView(
        List<Item> bookings,
        List<Access> access,
        List<Waiting> waiting,
        List<Standing> standing,
        List<Meeting> meetings,
        String feedUrl,
        boolean hasFeed,
        String notice,
        String error) {

    /**
     * @param forWhom the organisation booked for, or null
     * @param status  what the booker reads: confirmed, waiting for approval, offered, cancelled ...
     * @param offerUntil for an offered time, until when it can be taken, else null
     */
    public record Item(
            String id,
            String resource,
            String code,
            String when,
            String day,
            String forWhom,
            String price,
            String status,
            boolean active,
            boolean changeable,
            boolean inSeries,
            String offerUntil) {}

    /** A door code: the PIN and the QR code (as SVG) that open the door in the window. */
    public record Access(String resource, String door, String pin, String qrSvg, String window) {}

    public record Waiting(String id, String resource, String when, String status) {}

    /** A resource that gives standing access in its unmanned hours, and what the resident holds of it. */
    public record Standing(String code, String resource, String hours, boolean held) {}

    public record Meeting(
            String id,
            String when,
            String how,
            String officer,
            String caseReference,
            String status,
            boolean cancellable) {}
}
