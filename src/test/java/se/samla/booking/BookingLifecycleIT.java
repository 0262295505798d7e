package se.samla.booking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.StringReader;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.component.VEvent;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import se.samla.SamlaIntegrationTest;
import se.samla.identity.Principal;
import se.samla.identity.SignedInUser;
import se.samla.identity.TestLogins;
import se.samla.shared.CurrentTenant;
import se.samla.shared.SwedishHolidays;
import se.samla.shared.SwedishTime;

/**
 * A booking's life: a season booked with its collisions shown first, a hall that waits for its unit's approval, a
 * freed time offered to the line with a deadline, a booking moved, and what the booker is told, in their calendar
 * too.
 */
class BookingLifecycleIT extends SamlaIntegrationTest {

    Bookings bookings;
    WaitingList waiting;
    Resources resources;
    TestLogins.Login tolvan;
    TestLogins.Login anna;
    TestLogins.Login erik;
    TestLogins.Login frida;
    TestLogins.Login bodil;

    @BeforeEach
    void setUp() {
        bookings = context.getBean(Bookings.class);
        waiting = context.getBean(WaitingList.class);
        resources = context.getBean(Resources.class);
        tolvan = logins().resident(vanersborg, "Tolvan Tolvansson", "191212121212");
        anna = logins().resident(vanersborg, "Anna Testsson", "198705212382");
        erik = logins().resident(vanersborg, "Erik Testsson", "199006022397");
        frida = logins().staff(
                        vanersborg,
                        "frida",
                        "Frida Fritidsson",
                        List.of("handlaggare:KFF-FRITID", "handlaggare:KFF-BIBL"),
                        "intern");
        bodil = logins().staff(vanersborg, "bodil", "Bodil Bygglovsson", List.of("handlaggare:SBF-BYGG"), "intern");
    }

    static SignedInUser.Resident resident(TestLogins.Login login) {
        return (SignedInUser.Resident) login.user();
    }

    Resource resource(String code) {
        return resources.of(vanersborg.id(), code).orElseThrow();
    }

    /**
     * A Thursday some weeks ahead, at the hour given, in Swedish time; each test its own weeks. A week later when it
     * is a holiday (Ascension Day is a Thursday), on which the halls are closed.
     */
    static Instant thursday(int weeks, int hour) {
        LocalDate day = thursdayIn(weeks);
        while (SwedishHolidays.isHoliday(day)) {
            day = day.plusWeeks(1);
        }
        return day.atTime(hour, 0).atZone(SwedishTime.ZONE).toInstant();
    }

    static LocalDate thursdayIn(int weeks) {
        return LocalDate.now(SwedishTime.ZONE).plusWeeks(weeks).with(TemporalAdjusters.nextOrSame(DayOfWeek.THURSDAY));
    }

    /** The first week from {@code from} on whose next {@code length} Thursdays are all ordinary days. */
    static int clearWeeks(int from, int length) {
        int week = from;
        while (true) {
            int start = week;
            if (java.util.stream.IntStream.range(0, length)
                    .noneMatch(i -> SwedishHolidays.isHoliday(thursdayIn(start + i)))) {
                return week;
            }
            week++;
        }
    }

    Bookings.Booking book(TestLogins.Login who, String code, Instant start) {
        var r = resident(who);
        return CurrentTenant.callAs(vanersborg.id(), () -> bookings.book(r, Principal.self(r), resource(code), start));
    }

    String statusOf(UUID booking) {
        return transactions.read(
                vanersborg.id(),
                () -> jdbc.sql("SELECT status FROM booking.booking WHERE id = :id")
                        .param("id", booking)
                        .query(String.class)
                        .single());
    }

    /** The newest booking letter's calendar file holding all the texts, parsed, once it is there. */
    Calendar latestCalendar(SignedInUser.Resident to, String... containing) throws Exception {
        return new CalendarBuilder().build(new StringReader(awaitCalendar(to, containing)));
    }

    /** Letters are made after the booking commits, so this waits a little for the one sought. */
    String awaitCalendar(SignedInUser.Resident to, String... containing) throws InterruptedException {
        for (int i = 0; i < 200; i++) {
            var found = calendars(to).stream()
                    .filter(c -> java.util.Arrays.stream(containing).allMatch(c::contains))
                    .findFirst();
            if (found.isPresent()) {
                return found.get();
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no booking letter with such a calendar file reached " + to.displayName());
    }

    List<String> calendars(SignedInUser.Resident to) {
        return transactions.read(
                vanersborg.id(),
                () -> jdbc.sql("""
                                SELECT calendar FROM messaging.letter WHERE person_id = :p AND kind = 'BOOKING'
                                  AND calendar IS NOT NULL ORDER BY created_at DESC
                                """)
                        .param("p", to.personId())
                        .query(String.class)
                        .list());
    }

    @Test
    void aSeasonShowsItsCollisionsBeforeAnythingIsBookedAndBooksTheRest() throws Exception {
        var annaR = resident(anna);
        int season = clearWeeks(10, 6);
        LocalDate first = LocalDate.ofInstant(thursday(season, 18), SwedishTime.ZONE);
        // someone else already has the third Thursday
        book(tolvan, "idrottshallen-b", thursday(season + 2, 18));
        var request = new Bookings.SeriesRequest(
                resource("idrottshallen-b"), DayOfWeek.THURSDAY, LocalTime.of(18, 0), first, first.plusWeeks(5));

        var weeks =
                CurrentTenant.callAs(vanersborg.id(), () -> bookings.preview(annaR, Principal.self(annaR), request));
        assertThat(weeks).hasSize(6);
        assertThat(weeks)
                .filteredOn(w -> !w.bookable())
                .extracting(Bookings.Occurrence::refusal)
                .containsExactly("booking.error.taken");

        var result =
                CurrentTenant.callAs(vanersborg.id(), () -> bookings.bookSeries(annaR, Principal.self(annaR), request));
        assertThat(result.booked()).hasSize(5).allMatch(b -> b.status().equals("CONFIRMED"));
        assertThat(result.notBooked()).extracting(Bookings.Occurrence::start).containsExactly(thursday(season + 2, 18));

        // one letter for the season, whose calendar file holds its five weeks
        String firstWeek = result.booked().get(0).id() + "@samla";
        Calendar calendar = latestCalendar(annaR, "METHOD:PUBLISH", firstWeek);
        assertThat(calendars(annaR)).filteredOn(c -> c.contains(firstWeek)).hasSize(1);
        assertThat(calendar.getComponents("VEVENT")).hasSize(5);
        assertThat(calendar.getProperty("METHOD").orElseThrow().getValue()).isEqualTo("PUBLISH");
        calendar.validate();

        // a week outside the opening hours, and a period the wrong way round, are told as such
        var closed = new Bookings.SeriesRequest(
                resource("idrottshallen-b"), DayOfWeek.SATURDAY, LocalTime.of(21, 0), first, first.plusWeeks(2));
        assertThat(CurrentTenant.callAs(vanersborg.id(), () -> bookings.preview(annaR, Principal.self(annaR), closed)))
                .allMatch(w -> "booking.error.closed".equals(w.refusal()));
        var backwards = new Bookings.SeriesRequest(
                resource("idrottshallen-b"), DayOfWeek.THURSDAY, LocalTime.of(18, 0), first, first.minusDays(1));
        assertThatThrownBy(() -> CurrentTenant.callAs(
                        vanersborg.id(), () -> bookings.preview(annaR, Principal.self(annaR), backwards)))
                .isInstanceOfSatisfying(
                        Bookings.Refused.class, r -> assertThat(r.messageKey).isEqualTo("booking.error.series-order"));
    }

    @Test
    void aSeasonIsPreviewedAndConfirmedThroughItsPagesWithoutJavaScript() throws Exception {
        LocalDate first = LocalDate.ofInstant(thursday(clearWeeks(14, 4), 19), SwedishTime.ZONE);
        mvc.perform(atVanersborg(post("/lokaler/idrottshallen-a/serie"))
                        .with(erik.processor())
                        .with(csrf())
                        .param("f.veckodag", "THURSDAY")
                        .param("f.tid", "19:00")
                        .param("f.fran", first.toString())
                        .param("f.till", first.plusWeeks(3).toString()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("4 av 4 veckor kan bokas")))
                .andExpect(content().string(containsString("Boka de 4 lediga veckorna")));
        mvc.perform(atVanersborg(post("/lokaler/idrottshallen-a/serie"))
                        .with(erik.processor())
                        .with(csrf())
                        .param("f.veckodag", "TORSDAG")
                        .param("f.tid", "sju")
                        .param("f.fran", first.toString())
                        .param("f.till", first.plusWeeks(3).toString()))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("Fyll i veckodag, starttid")));
        mvc.perform(atVanersborg(post("/lokaler/idrottshallen-a/serie/bekrafta"))
                        .with(erik.processor())
                        .with(csrf())
                        .param("f.veckodag", "THURSDAY")
                        .param("f.tid", "19:00")
                        .param("f.fran", first.toString())
                        .param("f.till", first.plusWeeks(3).toString()))
                .andExpect(status().isFound());
        mvc.perform(atVanersborg(get("/mina-sidor/bokningar")).with(erik.processor()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Avboka alla kommande veckor i serien")));
    }

    @Test
    void aHallThatWantsApprovalHoldsTheTimeUntilItsUnitDecides() throws Exception {
        var pending = book(tolvan, "idrottshallen", thursday(16, 20));
        assertThat(pending.status()).isEqualTo("PENDING");
        // the time is held: its halves cannot be booked meanwhile
        assertThatThrownBy(() -> book(anna, "idrottshallen-a", thursday(16, 20)))
                .isInstanceOf(Bookings.Refused.class);

        // staff of another unit cannot decide it, nor see it
        mvc.perform(atVanersborg(post("/personal/bokningar/" + pending.id() + "/godkann"))
                        .with(bodil.processor())
                        .with(csrf()))
                .andExpect(status().isNotFound());
        mvc.perform(atVanersborg(get("/personal/bokningar")).with(bodil.processor()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Inga bokningar väntar")));
        assertThat(statusOf(pending.id())).isEqualTo("PENDING");

        // a rejection needs a reason, and then frees the time
        mvc.perform(atVanersborg(get("/personal/bokningar")).with(frida.processor()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Tolvan Tolvansson")));
        mvc.perform(atVanersborg(post("/personal/bokningar/" + pending.id() + "/avsla"))
                        .with(frida.processor())
                        .with(csrf()))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("Skriv ett skäl")));
        assertThat(statusOf(pending.id())).isEqualTo("PENDING");
        mvc.perform(atVanersborg(post("/personal/bokningar/" + pending.id() + "/avsla"))
                        .with(frida.processor())
                        .with(csrf())
                        .param("skal", "Hallen är reserverad för skolans cup."))
                .andExpect(status().isOk());
        assertThat(statusOf(pending.id())).isEqualTo("REJECTED");
        Calendar rejected = latestCalendar(resident(tolvan), "METHOD:CANCEL", pending.id() + "@samla");
        assertThat(rejected.getProperty("METHOD").orElseThrow().getValue()).isEqualTo("CANCEL");
        assertThat(book(anna, "idrottshallen-a", thursday(16, 20)).status()).isEqualTo("CONFIRMED");

        var another = book(tolvan, "idrottshallen", thursday(16, 9));
        mvc.perform(atVanersborg(post("/personal/bokningar/" + another.id() + "/godkann"))
                        .with(frida.processor())
                        .with(csrf()))
                .andExpect(status().isOk());
        assertThat(statusOf(another.id())).isEqualTo("CONFIRMED");
        // deciding twice does nothing
        mvc.perform(atVanersborg(post("/personal/bokningar/" + another.id() + "/avsla"))
                        .with(frida.processor())
                        .with(csrf())
                        .param("skal", "Ångrar mig"))
                .andExpect(status().isNotFound());
        assertThat(statusOf(another.id())).isEqualTo("CONFIRMED");
    }

    @Test
    void aFreedTimeGoesToTheFirstInLineUntilItsDeadlineAndThenToTheNext() {
        Instant start = thursday(3, 11);
        var tolvanR = resident(tolvan);
        var annaR = resident(anna);
        var erikR = resident(erik);
        Resource room = resource("motesrum-kullen");
        var taken = book(tolvan, "motesrum-kullen", start);

        // a free time is booked, not queued for
        assertThatThrownBy(() -> CurrentTenant.callAs(
                        vanersborg.id(), () -> waiting.join(annaR, Principal.self(annaR), room, thursday(3, 13))))
                .isInstanceOfSatisfying(
                        Bookings.Refused.class, r -> assertThat(r.messageKey).isEqualTo("booking.error.free-book-it"));
        CurrentTenant.runAs(vanersborg.id(), () -> waiting.join(annaR, Principal.self(annaR), room, start));
        CurrentTenant.runAs(vanersborg.id(), () -> waiting.join(erikR, Principal.self(erikR), room, start));
        assertThatThrownBy(() -> CurrentTenant.callAs(
                        vanersborg.id(), () -> waiting.join(erikR, Principal.self(erikR), room, start)))
                .isInstanceOfSatisfying(
                        Bookings.Refused.class,
                        r -> assertThat(r.messageKey).isEqualTo("booking.error.already-waiting"));

        CurrentTenant.runAs(vanersborg.id(), () -> bookings.cancel(tolvanR, taken.id(), false));
        var offeredToAnna = offerTo(annaR, start);
        assertThat(offeredToAnna.offerExpiresAt()).isAfter(Instant.now());
        // held for Anna: nobody else can book it meanwhile
        assertThatThrownBy(() -> book(tolvan, "motesrum-kullen", start)).isInstanceOf(Bookings.Refused.class);
        // Erik cannot take Anna's offer
        assertThatThrownBy(() -> CurrentTenant.callAs(vanersborg.id(), () -> waiting.accept(erikR, offeredToAnna.id())))
                .isInstanceOfSatisfying(
                        Bookings.Refused.class, r -> assertThat(r.messageKey).isEqualTo("booking.error.no-offer"));

        // Anna lets the deadline pass: the time goes to Erik
        transactions.run(
                vanersborg.id(),
                () -> jdbc.sql(
                                "UPDATE booking.booking SET offer_expires_at = now() - interval '1 minute' WHERE id = :id")
                        .param("id", offeredToAnna.id())
                        .update());
        // (other tests' offers may run out in the same sweep)
        assertThat(transactions.call(vanersborg.id(), waiting::expireOffersNow)).isPositive();
        assertThat(statusOf(offeredToAnna.id())).isEqualTo("EXPIRED");
        var offeredToErik = offerTo(erikR, start);
        assertThatThrownBy(() -> CurrentTenant.callAs(vanersborg.id(), () -> waiting.accept(annaR, offeredToAnna.id())))
                .isInstanceOf(Bookings.Refused.class);

        var booked = CurrentTenant.callAs(vanersborg.id(), () -> waiting.accept(erikR, offeredToErik.id()));
        assertThat(booked.status()).isEqualTo("CONFIRMED");
        assertThat(CurrentTenant.callAs(vanersborg.id(), () -> bookings.of(erikR)))
                .anyMatch(b -> b.id().equals(offeredToErik.id()) && b.status().equals("CONFIRMED"));
    }

    private Bookings.Booking offerTo(SignedInUser.Resident who, Instant start) {
        return CurrentTenant.callAs(vanersborg.id(), () -> bookings.of(who)).stream()
                .filter(b -> b.startsAt().equals(start) && b.status().equals("OFFERED"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no offer to " + who.displayName()));
    }

    @Test
    void aMovedBookingTakesItsNewTimeBeforeLettingTheOldOneGo() throws Exception {
        var tolvanR = resident(tolvan);
        var mine = book(tolvan, "motesrum-kullen", thursday(5, 9));
        book(anna, "motesrum-kullen", thursday(5, 10));

        assertThatThrownBy(() -> CurrentTenant.callAs(
                        vanersborg.id(), () -> bookings.change(tolvanR, mine.id(), thursday(5, 10))))
                .isInstanceOfSatisfying(
                        Bookings.Refused.class, r -> assertThat(r.messageKey).isEqualTo("booking.error.taken"));
        assertThat(CurrentTenant.callAs(vanersborg.id(), () -> bookings.of(tolvanR)))
                .anyMatch(b -> b.id().equals(mine.id()) && b.startsAt().equals(thursday(5, 9)));

        var moved = CurrentTenant.callAs(vanersborg.id(), () -> bookings.change(tolvanR, mine.id(), thursday(5, 14)));
        assertThat(moved.startsAt()).isEqualTo(thursday(5, 14));
        // the old time is free for others, and the booker's calendar gets the change under the same uid
        assertThat(book(erik, "motesrum-kullen", thursday(5, 9)).status()).isEqualTo("CONFIRMED");
        Calendar changed = latestCalendar(tolvanR, "METHOD:REQUEST", "SEQUENCE:1", mine.id() + "@samla");
        VEvent event = (VEvent) changed.getComponents("VEVENT").get(0);
        assertThat(event.getUid().orElseThrow().getValue()).isEqualTo(mine.id() + "@samla");
        assertThat(Integer.parseInt(event.getProperty("SEQUENCE").orElseThrow().getValue()))
                .isPositive();
        changed.validate();

        // another resident cannot move it
        assertThatThrownBy(() -> CurrentTenant.callAs(
                        vanersborg.id(), () -> bookings.change(resident(anna), mine.id(), thursday(5, 15))))
                .isInstanceOfSatisfying(
                        Bookings.Refused.class, r -> assertThat(r.messageKey).isEqualTo("booking.error.not-yours"));
    }

    @Test
    void aPrivateFeedShowsTheBookersTimesUntilItIsRevoked() throws Exception {
        var mine = book(erik, "motesrum-kullen", thursday(7, 16));
        String page = mvc.perform(atVanersborg(post("/mina-sidor/bokningar/kalender"))
                        .with(erik.processor())
                        .with(csrf()))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        var matcher = Pattern.compile("/kalender/([A-Za-z0-9_-]{43})\\.ics").matcher(page);
        assertThat(matcher.find()).isTrue();
        String token = matcher.group(1);

        String feed = mvc.perform(atVanersborg(get("/kalender/" + token + ".ics")))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        Calendar calendar = new CalendarBuilder().build(new StringReader(feed));
        calendar.validate();
        assertThat(calendar.getComponents("VEVENT"))
                .extracting(c -> ((VEvent) c).getUid().orElseThrow().getValue())
                .contains(mine.id() + "@samla");
        // the page no longer shows the address, and only its hash is kept
        assertThat(transactions.read(
                        vanersborg.id(),
                        () -> jdbc.sql("SELECT count(*) FROM booking.feed WHERE token_sha256 = :t")
                                .param("t", token)
                                .query(Integer.class)
                                .single()))
                .isZero();
        // another municipality's address does not open it
        mvc.perform(get("/t/trollhattan/kalender/" + token + ".ics")).andExpect(status().isNotFound());

        mvc.perform(atVanersborg(post("/mina-sidor/bokningar/kalender/aterkalla"))
                        .with(erik.processor())
                        .with(csrf()))
                .andExpect(status().isOk());
        mvc.perform(atVanersborg(get("/kalender/" + token + ".ics"))).andExpect(status().isNotFound());
        mvc.perform(atVanersborg(get("/kalender/not-a-token.ics"))).andExpect(status().isNotFound());
    }

    @Test
    void aBookingsCalendarFileIsItsBookersOnly() throws Exception {
        var mine = book(anna, "motesrum-kullen", thursday(9, 12));
        String ics = mvc.perform(atVanersborg(get("/mina-sidor/bokningar/" + mine.id() + "/kalender.ics"))
                        .with(anna.processor()))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        Calendar calendar = new CalendarBuilder().build(new StringReader(ics));
        assertThat(calendar.getProperty("METHOD").orElseThrow().getValue()).isEqualTo("REQUEST");
        calendar.validate();
        mvc.perform(atVanersborg(get("/mina-sidor/bokningar/" + mine.id() + "/kalender.ics"))
                        .with(tolvan.processor()))
                .andExpect(status().isNotFound());
    }
}
