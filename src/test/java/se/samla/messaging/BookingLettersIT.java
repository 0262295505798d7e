package se.samla.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import net.fortuna.ical4j.data.CalendarBuilder;
import org.junit.jupiter.api.Test;
import se.samla.SamlaIntegrationTest;
import se.samla.booking.BookingEvents;
import se.samla.identity.SignedInUser;

/**
 * A booking notice reaches the booker by the way they chose: by e-mail, the calendar file goes along as a
 * text/calendar attachment; into the digital mailbox, it goes as a second attachment of the message.
 */
class BookingLettersIT extends SamlaIntegrationTest {

    static final String ICS = """
            BEGIN:VCALENDAR\r
            PRODID:-//Samla//Bokning 1.0//SV\r
            VERSION:2.0\r
            CALSCALE:GREGORIAN\r
            METHOD:REQUEST\r
            BEGIN:VEVENT\r
            DTSTART:20270112T170000Z\r
            DTEND:20270112T180000Z\r
            SUMMARY:Mötesrummet Kullen\r
            UID:%s@samla\r
            DTSTAMP:20261201T120000Z\r
            SEQUENCE:0\r
            STATUS:CONFIRMED\r
            ORGANIZER;CN=Fritid och kultur:mailto:no-reply@samla.example\r
            ATTENDEE;CN=Anna Testsson;ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED:urn:uuid:%s\r
            END:VEVENT\r
            END:VCALENDAR\r
            """;

    @Test
    void byEmailTheCalendarFileGoesAlongAsAnAttachment() throws Exception {
        // a booker of its own: a post choice is kept, and other tests count on the demo people's
        var anna = (SignedInUser.Resident)
                logins().resident(vanersborg, "Bo Bokare", se.samla.booking.TestBookings.personalIdentityNumber(990))
                        .user();
        transactions.run(
                vanersborg.id(),
                () -> context.getBean(PostChoices.class).choose(anna, "EMAIL", "bo.bokare@bokning.test"));
        GreenMail mail = context.getBean(GreenMail.class);
        UUID notice = UUID.randomUUID();
        String ics = ICS.formatted(notice, notice);
        transactions.run(
                vanersborg.id(),
                () -> context.publishEvent(new BookingEvents.BookerNotice(
                        vanersborg.id(),
                        notice,
                        anna.personId(),
                        anna.identityNumber().digits(),
                        "Bo Bokare",
                        "KFF-FRITID",
                        "B-" + notice.toString().substring(0, 8),
                        "Bokningsbekräftelse: Mötesrummet Kullen",
                        List.of(new BookingEvents.Part(null, "Du har bokat Mötesrummet Kullen.")),
                        ics)));

        MimeMessage sent = null;
        for (int i = 0; i < 200 && sent == null; i++) {
            sent = Arrays.stream(mail.getReceivedMessages())
                    .filter(m -> {
                        try {
                            return m.getAllRecipients()[0].toString().equals("bo.bokare@bokning.test");
                        } catch (jakarta.mail.MessagingException e) {
                            return false;
                        }
                    })
                    .findFirst()
                    .orElse(null);
            Thread.sleep(100);
        }
        assertThat(sent).as("the e-mail notice").isNotNull();
        MimeMultipart parts = (MimeMultipart) sent.getContent();
        String attached = null;
        for (int i = 0; i < parts.getCount(); i++) {
            if (parts.getBodyPart(i).getContentType().startsWith("text/calendar")) {
                assertThat(parts.getBodyPart(i).getContentType()).contains("method=REQUEST");
                attached = new String(parts.getBodyPart(i).getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            }
        }
        assertThat(attached).contains("UID:" + notice + "@samla");
        new CalendarBuilder().build(new StringReader(attached)).validate();
    }
}
