package se.samla.booking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import se.samla.SamlaIntegrationTest;
import se.samla.identity.Principal;
import se.samla.identity.SignedInUser;
import se.samla.identity.TestLogins;
import se.samla.shared.CurrentTenant;
import se.samla.shared.SwedishTime;

/** Booking a facility: under its rules, never twice, a whole hall against its halves, and free again when cancelled. */
class BookingIT extends SamlaIntegrationTest {

    Bookings bookings;
    Resources resources;
    TestLogins.Login tolvan;
    TestLogins.Login anna;

    @BeforeEach
    void setUp() {
        bookings = context.getBean(Bookings.class);
        resources = context.getBean(Resources.class);
        tolvan = logins().resident(vanersborg, "Tolvan Tolvansson", "191212121212");
        anna = logins().resident(vanersborg, "Anna Testsson", "198705212382");
    }

    SignedInUser.Resident resident(TestLogins.Login login) {
        return (SignedInUser.Resident) login.user();
    }

    Resource resource(String code) {
        return resources.of(vanersborg.id(), code).orElseThrow();
    }

    /**
     * A Wednesday some weeks ahead, at the hour given, in Swedish time, different for every test; a week later when
     * it is a holiday, on which the halls are closed.
     */
    static Instant wednesday(int weeks, int hour) {
        LocalDate day = LocalDate.now(SwedishTime.ZONE)
                .plusWeeks(weeks)
                .with(TemporalAdjusters.nextOrSame(DayOfWeek.WEDNESDAY));
        while (se.samla.shared.SwedishHolidays.isHoliday(day)) {
            day = day.plusWeeks(1);
        }
        return day.atTime(hour, 0).atZone(SwedishTime.ZONE).toInstant();
    }

    Bookings.Booking book(TestLogins.Login who, String code, Instant start) {
        var resident = resident(who);
        return CurrentTenant.callAs(
                vanersborg.id(), () -> bookings.book(resident, Principal.self(resident), resource(code), start));
    }

    @Test
    void aTimeIsBookedOnceAndTheSecondBookerIsTold() {
        Instant start = wednesday(2, 9);
        var first = book(tolvan, "motesrum-kullen", start);
        assertThat(first.priceSek()).isZero();

        assertThatThrownBy(() -> book(anna, "motesrum-kullen", start))
                .isInstanceOfSatisfying(
                        Bookings.Refused.class, r -> assertThat(r.messageKey).isEqualTo("booking.error.taken"));
        var day = CurrentTenant.callAs(
                vanersborg.id(),
                () -> bookings.day(resource("motesrum-kullen"), LocalDate.ofInstant(start, SwedishTime.ZONE)));
        assertThat(day)
                .filteredOn(t -> t.slot().start().equals(start))
                .extracting(Bookings.Time::free)
                .containsExactly(false);
    }

    @Test
    void aWholeHallAndItsHalvesTakeEachOthersTimes() {
        Instant whole = wednesday(3, 18);
        book(tolvan, "idrottshallen", whole);
        assertThatThrownBy(() -> book(anna, "idrottshallen-a", whole)).isInstanceOf(Bookings.Refused.class);
        assertThatThrownBy(() -> book(anna, "idrottshallen-b", whole)).isInstanceOf(Bookings.Refused.class);

        Instant half = wednesday(3, 19);
        book(anna, "idrottshallen-a", half);
        book(tolvan, "idrottshallen-b", half);
        assertThatThrownBy(() -> book(tolvan, "idrottshallen", half)).isInstanceOf(Bookings.Refused.class);
    }

    @Test
    void aCancelledTimeIsFreeAgainAndOnlyItsBookerCanCancelIt() throws Exception {
        Instant start = wednesday(4, 10);
        var booked = book(tolvan, "motesrum-kullen", start);

        mvc.perform(atVanersborg(post("/mina-sidor/bokningar/" + booked.id() + "/avboka"))
                        .with(anna.processor())
                        .with(csrf()))
                .andExpect(status().isNotFound());
        mvc.perform(atVanersborg(post("/mina-sidor/bokningar/" + booked.id() + "/avboka"))
                        .with(tolvan.processor())
                        .with(csrf()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Bokningen är avbokad")));

        assertThat(book(anna, "motesrum-kullen", start).id()).isNotEqualTo(booked.id());
    }

    @Test
    void theRulesOfTheFacilityAreKept() {
        Instant now = context.getBean(Clock.class).instant();
        // the hall needs a day's notice and is open 07-22
        assertRefused(
                () -> book(
                        tolvan,
                        "idrottshallen-b",
                        now.plusSeconds(3600).truncatedTo(java.time.temporal.ChronoUnit.HOURS)),
                "booking.error.too-soon",
                "booking.error.no-such-time");
        assertRefused(() -> book(tolvan, "idrottshallen-b", wednesday(1, 23)), "booking.error.no-such-time");
        assertRefused(
                () -> book(tolvan, "idrottshallen-b", wednesday(1, 9).plusSeconds(1800)), "booking.error.no-such-time");
        assertRefused(() -> book(tolvan, "idrottshallen-b", wednesday(30, 9)), "booking.error.too-far");
        // the meeting room allows six hours a week per booker
        for (int hour = 9; hour < 15; hour++) {
            book(anna, "motesrum-kullen", wednesday(6, hour));
        }
        assertRefused(() -> book(anna, "motesrum-kullen", wednesday(6, 15)), "booking.error.week-full");
    }

    @Test
    void fiftyBookersAtOnceGetOneTime() throws Exception {
        Instant start = wednesday(8, 20);
        List<SignedInUser.Resident> people = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            String number = personalIdentityNumber(700 + i);
            people.add(resident(logins().resident(vanersborg, "Bokare " + i, number)));
        }
        var pool = Executors.newFixedThreadPool(50);
        var ready = new CountDownLatch(1);
        List<Future<Boolean>> tries = new ArrayList<>();
        for (var person : people) {
            tries.add(pool.submit(() -> {
                ready.await();
                try {
                    CurrentTenant.callAs(
                            vanersborg.id(),
                            () -> bookings.book(person, Principal.self(person), resource("idrottshallen-a"), start));
                    return true;
                } catch (Bookings.Refused refused) {
                    assertThat(refused.messageKey).isEqualTo("booking.error.taken");
                    return false;
                }
            }));
        }
        ready.countDown();
        int won = 0;
        for (var attempt : tries) {
            won += attempt.get() ? 1 : 0;
        }
        pool.shutdown();

        assertThat(won).isEqualTo(1);
        Integer active = transactions.read(
                vanersborg.id(),
                () -> jdbc.sql(
                                "SELECT count(*) FROM booking.occupancy WHERE unit = 'idrottshallen-a' AND active"
                                        + " AND during && tstzrange(CAST(:s AS timestamptz), CAST(:s AS timestamptz) + interval '1 hour')")
                        .param("s", java.sql.Timestamp.from(start))
                        .query(Integer.class)
                        .single());
        assertThat(active).isEqualTo(1);
    }

    @Test
    void theDayIsShownWithoutJavaScriptAndBookedByItsForm() throws Exception {
        Instant start = wednesday(5, 8);
        String day = LocalDate.ofInstant(start, SwedishTime.ZONE).toString();
        mvc.perform(atVanersborg(get("/lokaler/motesrum-kullen").param("dag", day)))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Logga in med e-legitimation för att boka")))
                .andExpect(content().string(containsString("08:00–09:00: ledig")));
        mvc.perform(atVanersborg(post("/lokaler/motesrum-kullen/boka"))
                        .with(tolvan.processor())
                        .with(csrf())
                        .param("start", start.toString()))
                .andExpect(status().isFound());
        mvc.perform(atVanersborg(post("/lokaler/motesrum-kullen/boka"))
                        .with(anna.processor())
                        .with(csrf())
                        .param("start", start.toString()))
                .andExpect(status().isConflict())
                .andExpect(content().string(containsString("Tiden hann bokas av någon annan")));
        mvc.perform(atVanersborg(post("/lokaler/motesrum-kullen/boka"))
                        .with(anna.processor())
                        .with(csrf())
                        .param("start", "inte en tid"))
                .andExpect(status().isBadRequest());
        mvc.perform(atVanersborg(get("/mina-sidor/bokningar")).with(tolvan.processor()))
                .andExpect(content().string(containsString("Mötesrummet Kullen")));
        mvc.perform(atVanersborg(get("/lokaler/finns-inte"))).andExpect(status().isNotFound());
    }

    /** A valid made-up personal identity number, born 1961-02-03. */
    static String personalIdentityNumber(int serial) {
        String nine = String.format("610203%03d", serial);
        int sum = 0;
        for (int i = 0; i < 9; i++) {
            int product = (nine.charAt(i) - '0') * (i % 2 == 0 ? 2 : 1);
            sum += product > 9 ? product - 9 : product;
        }
        return "19" + nine + (10 - sum % 10) % 10;
    }

    private static void assertRefused(Runnable booking, String... reasons) {
        assertThatThrownBy(booking::run)
                .isInstanceOfSatisfying(
                        Bookings.Refused.class, r -> assertThat(r.messageKey).isIn((Object[]) reasons));
    }
}
