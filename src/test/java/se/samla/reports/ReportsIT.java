package se.samla.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMultipartHttpServletRequestBuilder;
import se.samla.SamlaIntegrationTest;
import se.samla.identity.TestLogins;

/** Felanmälan through its pages: place, photos, duplicates, followers, staff publishing and merging, and who may do what. */
class ReportsIT extends SamlaIntegrationTest {

    private static final String HOST = "vanersborg.localhost";
    /** Each test reports at its own place, far from the others', so "nearby" is only what the test made. */
    private static final AtomicInteger PLACES = new AtomicInteger();

    @Autowired
    GreenMail mail;

    TestLogins.Login streets;
    TestLogins.Login social;
    double latitude;
    double longitude;
    String domain;

    @BeforeEach
    void setUp() {
        var logins = logins();
        streets = logins.staff(vanersborg, "gunnel", "Gunnel Gatuchef", List.of("handlaggare:SBF-GATA"), "intern");
        social = logins.staff(
                vanersborg, "sara", "Sara Socialsekreterare", List.of("handlaggare:SOC-EKB"), "konfidentiell");
        int n = PLACES.incrementAndGet();
        // a grid of places in Vänersborg centrum about 500 m apart
        latitude = 58.3700 + (n % 5) * 0.0045;
        longitude = 12.3020 + (n / 5) * 0.0085;
        domain = "r" + UUID.randomUUID().toString().substring(0, 8) + ".example.org";
    }

    static MockHttpServletRequestBuilder at(MockHttpServletRequestBuilder request) {
        return request.with(r -> {
            r.setServerName(HOST);
            return r;
        });
    }

    private MockMultipartHttpServletRequestBuilder reportForm(
            String category, UUID submission, MockMultipartFile... photos) {
        var request = multipart("/felanmalan/ny/" + category);
        for (MockMultipartFile photo : photos) {
            request.file(photo);
        }
        request.param("submissionId", submission.toString());
        request.with(csrf()).with(r -> {
            r.setServerName(HOST);
            return r;
        });
        return request;
    }

    /** Sends a report at this test's place and returns its public number. */
    private String report(
            String category, String description, String email, boolean confirmNew, MockMultipartFile... photos)
            throws Exception {
        var request = reportForm(category, UUID.randomUUID(), photos)
                .param("f.flow", "rinner")
                .param("f.offensive", "nej")
                .param("latitude", Double.toString(latitude))
                .param("longitude", Double.toString(longitude))
                .param("f.description", description)
                .param("f.name", "Rut Rapportör");
        if (email != null) {
            request.param("f.email", email);
        }
        if (confirmNew) {
            request.param("confirmNew", "1");
        }
        String location = mvc.perform(request)
                .andExpect(status().is3xxRedirection())
                .andReturn()
                .getResponse()
                .getRedirectedUrl();
        assertThat(location).startsWith("/felanmalan/").endsWith("?tack");
        return location.substring("/felanmalan/".length(), location.indexOf('?'));
    }

    private UUID caseOf(String publicId) {
        return transactions.read(
                vanersborg.id(),
                () -> jdbc.sql("SELECT case_id FROM reports.report WHERE public_id = :p")
                        .param("p", publicId)
                        .query(UUID.class)
                        .single());
    }

    private int version(String publicId) {
        return transactions.read(
                vanersborg.id(),
                () -> jdbc.sql("SELECT version FROM reports.report WHERE public_id = :p")
                        .param("p", publicId)
                        .query(Integer.class)
                        .single());
    }

    private List<String> subjectsTo(String address) {
        return Arrays.stream(mail.getReceivedMessages())
                .filter(m -> recipient(m).equals(address))
                .map(m -> {
                    try {
                        return m.getSubject();
                    } catch (jakarta.mail.MessagingException e) {
                        throw new IllegalStateException(e);
                    }
                })
                .toList();
    }

    private static String recipient(MimeMessage m) {
        try {
            return m.getAllRecipients()[0].toString();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void anAnonymousReportBecomesACaseOfTheAreasUnitWithAPublicPageThatNamesNoOne() throws Exception {
        String reporter = "rut@" + domain;
        String id = report("nedskrapning", "Soptunnan vid busshållplatsen är full", reporter, false);

        var row = transactions.read(
                vanersborg.id(),
                () -> jdbc.sql("""
                SELECT c.unit, c.channel, c.applicant_person_id IS NULL AS anonymous, r.northing, r.easting, r.area
                FROM reports.report r JOIN cases."case" c ON c.tenant_id = r.tenant_id AND c.id = r.case_id
                WHERE r.public_id = :p
                """)
                        .param("p", id)
                        .query((rs, n) -> List.of(
                                rs.getString(1),
                                rs.getString(2),
                                rs.getBoolean(3),
                                rs.getDouble(4),
                                rs.getDouble(5),
                                rs.getString(6)))
                        .single());
        assertThat(row.get(0))
                .as("nedskräpning in centrum is routed to Drift och underhåll")
                .isEqualTo("SBF-DRIFT");
        assertThat(row.get(1)).isEqualTo("E_SERVICE");
        assertThat(row.get(2)).isEqualTo(true);
        var grid = Sweref99Tm.fromWgs84(new Position(latitude, longitude));
        assertThat((double) row.get(3)).isCloseTo(grid.northing(), org.assertj.core.data.Offset.offset(0.01));
        assertThat((double) row.get(4)).isCloseTo(grid.easting(), org.assertj.core.data.Offset.offset(0.01));
        assertThat(row.get(5)).isEqualTo("centrum");

        mvc.perform(at(get("/felanmalan/" + id)))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Nedskräpning")))
                .andExpect(content().string(containsString("Mottagen")))
                .andExpect(content().string(containsString("SWEREF 99 TM")))
                .andExpect(content().string(not(containsString("Rut Rapportör"))))
                .andExpect(content().string(not(containsString(reporter))))
                .andExpect(content().string(not(containsString("Soptunnan"))));
        mvc.perform(at(get("/felanmalan")))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString(id)));
        mvc.perform(at(get("/felanmalan/karta.geojson")))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString(id)))
                .andExpect(content().string(not(containsString(reporter))));
        await().atMost(Duration.ofSeconds(20))
                .until(() ->
                        subjectsTo(reporter).stream().anyMatch(s -> s.contains("tagit emot din felanmälan " + id)));
        // the receipt leads to the public page, not to Mina sidor, which an anonymous reporter has not
        MimeMessage receipt = Arrays.stream(mail.getReceivedMessages())
                .filter(m -> recipient(m).equals(reporter))
                .findFirst()
                .orElseThrow();
        assertThat(receipt.getContent().toString())
                .contains("/felanmalan/" + id)
                .doesNotContain("Soptunnan");
    }

    @Test
    void sendingTheSameFormTwiceMakesOneReport() throws Exception {
        UUID submission = UUID.randomUUID();
        var sent = mvc.perform(reportForm("lekplats", submission)
                        .param("latitude", Double.toString(latitude))
                        .param("longitude", Double.toString(longitude))
                        .param("f.description", "Sandlådan är full av glas"))
                .andExpect(status().is3xxRedirection())
                .andReturn()
                .getResponse();
        String first = sent.getRedirectedUrl();
        String again = mvc.perform(reportForm("lekplats", submission)
                        .cookie(sent.getCookie("SAMLA_SESSION"))
                        .param("latitude", Double.toString(latitude))
                        .param("longitude", Double.toString(longitude))
                        .param("f.description", "Sandlådan är full av glas"))
                .andExpect(status().is3xxRedirection())
                .andReturn()
                .getResponse()
                .getRedirectedUrl();
        assertThat(again).isEqualTo(first);
        // the same post from another browser is not theirs to replay
        mvc.perform(reportForm("lekplats", submission)
                        .param("latitude", Double.toString(latitude))
                        .param("longitude", Double.toString(longitude))
                        .param("f.description", "Sandlådan är full av glas"))
                .andExpect(status().isNotFound());
        assertThat(transactions.read(
                        vanersborg.id(),
                        () -> jdbc.sql("SELECT count(*) FROM reports.report WHERE submission_id = :s")
                                .param("s", submission)
                                .query(Integer.class)
                                .single()))
                .isEqualTo(1);
    }

    @Test
    void aPlaceIsRequiredAndMustBeReal() throws Exception {
        mvc.perform(reportForm("klotter", UUID.randomUUID())
                        .param("f.description", "Klotter")
                        .param("f.offensive", "nej"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().string(containsString("Ange var felet finns")));
        mvc.perform(reportForm("klotter", UUID.randomUUID())
                        .param("latitude", "nord")
                        .param("longitude", "12.3")
                        .param("f.description", "Klotter")
                        .param("f.offensive", "nej"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().string(containsString("Skriv latitud och longitud som tal")));
        mvc.perform(reportForm("klotter", UUID.randomUUID())
                        .param("latitude", "59.3293")
                        .param("longitude", "18.0686")
                        .param("f.description", "Klotter i Stockholm")
                        .param("f.offensive", "nej"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().string(containsString("utanför kommunen")));
        mvc.perform(reportForm("klotter", UUID.randomUUID())
                        .param("address", "Påhittade gränd 99")
                        .param("f.description", "Klotter")
                        .param("f.offensive", "nej"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().string(containsString("Vi hittar inte adressen")))
                .andExpect(content().string(containsString("value=\"Påhittade gränd 99\"")))
                .andExpect(content().string(containsString(">Klotter</textarea>")));
        // a required question of the category unanswered, and an e-mail that is not one
        mvc.perform(reportForm("klotter", UUID.randomUUID())
                        .param("latitude", Double.toString(latitude))
                        .param("longitude", Double.toString(longitude))
                        .param("f.description", "")
                        .param("f.email", "inte-en-adress"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().string(containsString("Fyll i det här fältet.")))
                .andExpect(content().string(containsString("Skriv en e-postadress")))
                // the summary links each error to its question, and the question's group names its error
                .andExpect(content().string(containsString("href=\"#f-offensive\"")))
                .andExpect(content()
                        .string(containsString("<fieldset id=\"f-offensive\" aria-describedby=\"f-offensive-error\">")))
                .andExpect(content().string(containsString("<p class=\"field-error\" id=\"f-offensive-error\">")))
                .andExpect(content().string(containsString("href=\"#f-description\"")))
                .andExpect(content().string(containsString("aria-describedby=\"f-description-error\"")));
        // an unknown category is not found, and nothing was stored by any of it
        mvc.perform(reportForm("finns-inte", UUID.randomUUID())).andExpect(status().isNotFound());
        assertThat(transactions.read(
                        vanersborg.id(),
                        () -> jdbc.sql(
                                        "SELECT count(*) FROM reports.report WHERE abs(latitude - :lat) < 0.0001 AND abs(longitude - :lon) < 0.0001")
                                .param("lat", latitude)
                                .param("lon", longitude)
                                .query(Integer.class)
                                .single()))
                .isZero();
    }

    @Test
    void anAddressFromTheRegisterGivesThePlace() throws Exception {
        String location = mvc.perform(reportForm("lekplats", UUID.randomUUID())
                        .param("address", "fabriksv 10")
                        .param("f.description", "Gungan är trasig")
                        .param("confirmNew", "1"))
                .andExpect(status().is3xxRedirection())
                .andReturn()
                .getResponse()
                .getRedirectedUrl();
        String id = location.substring("/felanmalan/".length(), location.indexOf('?'));
        mvc.perform(at(get("/felanmalan/" + id)))
                .andExpect(content().string(containsString("Fabriksvägen 10, Vargön")))
                .andExpect(content().string(containsString("58.359500")));
    }

    @Test
    void aDisguisedPhotoIsRefusedAndAGoodOneIsKeptWithoutItsExif() throws Exception {
        var fake = new MockMultipartFile(
                "photos",
                "lampa.jpg",
                "image/jpeg",
                "<html><script>alert(1)</script></html>".getBytes(StandardCharsets.UTF_8));
        UUID submission = UUID.randomUUID();
        mvc.perform(reportForm("gatubelysning", submission, fake)
                        .param("latitude", Double.toString(latitude))
                        .param("longitude", Double.toString(longitude))
                        .param("f.description", "Lampan blinkar"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().string(containsString("Filen lampa.jpg är inte en bild vi kan läsa")));

        var photo = new MockMultipartFile(
                "photos", "IMG_0001.JPG", "image/jpeg", PhotoCleanerTest.photoWithGpsExif(800, 600));
        String location = mvc.perform(reportForm("gatubelysning", submission, photo)
                        .param("latitude", Double.toString(latitude))
                        .param("longitude", Double.toString(longitude))
                        .param("f.description", "Lampan blinkar"))
                .andExpect(status().is3xxRedirection())
                .andReturn()
                .getResponse()
                .getRedirectedUrl();
        String id = location.substring("/felanmalan/".length(), location.indexOf('?'));
        UUID caseId = caseOf(id);
        UUID file = transactions.read(
                vanersborg.id(),
                () -> jdbc.sql("SELECT id FROM cases.attachment WHERE case_id = :c")
                        .param("c", caseId)
                        .query(UUID.class)
                        .single());
        String photoUrl = "/felanmalan/" + id + "/foton/" + file;

        // not public until staff publish the photos
        mvc.perform(at(get(photoUrl))).andExpect(status().isNotFound());
        mvc.perform(at(get("/felanmalan/" + id))).andExpect(content().string(not(containsString("/foton/"))));
        mvc.perform(at(post("/personal/felanmalan/" + caseId + "/publicera"))
                        .with(streets.processor())
                        .with(csrf())
                        .param("version", Integer.toString(version(id)))
                        .param("publicText", "")
                        .param("publicDescription", "Gatlampan blinkar.")
                        .param("photosPublic", "ja"))
                .andExpect(status().is3xxRedirection());

        byte[] published = mvc.perform(at(get(photoUrl)))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Type", "image/jpeg"))
                .andReturn()
                .getResponse()
                .getContentAsByteArray();
        assertThat(PhotoCleanerTest.app1Segments(published)).as("no EXIF").isEmpty();
        assertThat(PhotoCleanerTest.contains(published, "SamlaCam".getBytes(StandardCharsets.US_ASCII)))
                .isFalse();
        assertThat(javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(published))
                        .getWidth())
                .isEqualTo(800);
        mvc.perform(at(get("/felanmalan/" + id)))
                .andExpect(content().string(containsString(photoUrl)))
                .andExpect(content().string(containsString("Gatlampan blinkar.")))
                .andExpect(content().string(not(containsString("Lampan blinkar"))));
        // another report's photo id under this report is not found
        mvc.perform(at(get("/felanmalan/" + id + "/foton/" + UUID.randomUUID())))
                .andExpect(status().isNotFound());
    }

    @Test
    void aSecondReporterIsShownTheOpenReportNearbyAndCanFollowItInstead() throws Exception {
        String first = "forsta@" + domain;
        String second = "andra@" + domain;
        String id = report("hal-i-gata", "Stort hål i asfalten", first, false);

        // 20 m away, same category: offered as the same problem
        double near = latitude + 0.00018;
        var offered = mvc.perform(reportForm("hal-i-gata", UUID.randomUUID())
                        .param("latitude", Double.toString(near))
                        .param("longitude", Double.toString(longitude))
                        .param("f.description", "Hål i gatan")
                        .param("f.email", second))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Är det här redan anmält?")))
                .andExpect(content().string(containsString(id)))
                .andExpect(content().string(containsString("name=\"confirmNew\"")))
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(offered).contains("20 meter bort");
        // another category at the same place is not offered
        mvc.perform(reportForm("klotter", UUID.randomUUID())
                        .param("latitude", Double.toString(near))
                        .param("longitude", Double.toString(longitude))
                        .param("f.description", "Klotter")
                        .param("f.offensive", "nej"))
                .andExpect(status().is3xxRedirection());

        mvc.perform(at(post("/felanmalan/" + id + "/samma-problem"))
                        .with(csrf())
                        .param("email", second))
                .andExpect(status().is3xxRedirection());
        mvc.perform(at(get("/felanmalan/" + id + "?stod")))
                .andExpect(content().string(containsString("också ser problemet")));
        assertThat(transactions.read(
                        vanersborg.id(),
                        () -> jdbc.sql("SELECT supporters FROM reports.report WHERE public_id = :p")
                                .param("p", id)
                                .query(Integer.class)
                                .single()))
                .isEqualTo(1);
        // a bad address is refused with nothing counted
        mvc.perform(at(post("/felanmalan/" + id + "/samma-problem"))
                        .with(csrf())
                        .param("email", "inte-en-adress"))
                .andExpect(status().isUnprocessableContent());

        // staff move it on: both followers are told
        UUID caseId = caseOf(id);
        int caseVersion = transactions.read(
                vanersborg.id(),
                () -> jdbc.sql("SELECT version FROM cases.\"case\" WHERE id = :c")
                        .param("c", caseId)
                        .query(Integer.class)
                        .single());
        mvc.perform(at(post("/personal/arenden/" + caseId + "/status"))
                        .with(streets.processor())
                        .with(csrf())
                        .param("version", Integer.toString(caseVersion))
                        .param("till", "planerad"))
                .andExpect(status().is3xxRedirection());
        await().atMost(Duration.ofSeconds(20))
                .until(() -> subjectsTo(first).stream().anyMatch(s -> s.contains("ny status"))
                        && subjectsTo(second).stream().anyMatch(s -> s.contains("ny status")));
        mvc.perform(at(get("/felanmalan/" + id)))
                .andExpect(content().string(containsString("Ny status: Åtgärd planerad.")));

        // one can stop the updates
        mvc.perform(at(post("/felanmalan/" + id + "/avsluta-bevakning"))
                        .with(csrf())
                        .param("email", second))
                .andExpect(status().is3xxRedirection());
        assertThat(transactions.read(
                        vanersborg.id(),
                        () -> jdbc.sql("SELECT email FROM reports.subscriber WHERE case_id = :c")
                                .param("c", caseId)
                                .query(String.class)
                                .list()))
                .containsExactly(first);
    }

    @Test
    void staffMergeADuplicateAndItsFollowersFollowTheKeptReport() throws Exception {
        String first = "forsta@" + domain;
        String second = "andra@" + domain;
        String kept = report("snorojning", "Inte plogat på hela dagen", first, false);
        String duplicate = report("snorojning", "Ingen har plogat", second, true);
        UUID keptCase = caseOf(kept);
        UUID duplicateCase = caseOf(duplicate);

        mvc.perform(at(get("/personal/felanmalan/" + duplicateCase)).with(streets.processor()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString(kept)))
                .andExpect(content().string(containsString("Sammanfoga: detta är samma problem som " + kept)));
        // a stale page is refused, with nothing changed
        mvc.perform(at(post("/personal/felanmalan/" + duplicateCase + "/sammanfoga"))
                        .with(streets.processor())
                        .with(csrf())
                        .param("version", Integer.toString(version(duplicate) - 1))
                        .param("keep", keptCase.toString()))
                .andExpect(status().isConflict());
        mvc.perform(at(post("/personal/felanmalan/" + duplicateCase + "/sammanfoga"))
                        .with(streets.processor())
                        .with(csrf())
                        .param("version", Integer.toString(version(duplicate)))
                        .param("keep", keptCase.toString()))
                .andExpect(status().is3xxRedirection());

        var closed = transactions.read(
                vanersborg.id(),
                () -> jdbc.sql("SELECT result, closed_at IS NOT NULL FROM cases.\"case\" WHERE id = :c")
                        .param("c", duplicateCase)
                        .query((rs, n) -> List.of(rs.getString(1), rs.getBoolean(2)))
                        .single());
        assertThat(closed).containsExactly("dubblett", true);
        assertThat(transactions.read(
                        vanersborg.id(),
                        () -> jdbc.sql("SELECT email FROM reports.subscriber WHERE case_id = :c ORDER BY email")
                                .param("c", keptCase)
                                .query(String.class)
                                .list()))
                .containsExactly(second, first);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> subjectsTo(second).stream().anyMatch(s -> s.contains("gäller samma problem som " + kept)));
        mvc.perform(at(get("/felanmalan/" + duplicate)))
                .andExpect(content().string(containsString("Hanteras tillsammans med")))
                .andExpect(content().string(containsString("/felanmalan/" + kept)));
        // merging again, or into a closed report, is refused
        mvc.perform(at(post("/personal/felanmalan/" + duplicateCase + "/sammanfoga"))
                        .with(streets.processor())
                        .with(csrf())
                        .param("version", Integer.toString(version(duplicate)))
                        .param("keep", keptCase.toString()))
                .andExpect(status().isConflict());

        // the kept report is fixed: both reporters are told
        int caseVersion = transactions.read(
                vanersborg.id(),
                () -> jdbc.sql("SELECT version FROM cases.\"case\" WHERE id = :c")
                        .param("c", keptCase)
                        .query(Integer.class)
                        .single());
        mvc.perform(at(post("/personal/arenden/" + keptCase + "/avsluta"))
                        .with(streets.processor())
                        .with(csrf())
                        .param("version", Integer.toString(caseVersion))
                        .param("result", "atgardad"))
                .andExpect(status().is3xxRedirection());
        await().atMost(Duration.ofSeconds(20))
                .until(() -> subjectsTo(first).stream().anyMatch(s -> s.contains("ny status"))
                        && subjectsTo(second).stream().anyMatch(s -> s.contains("ny status")));
        assertThat(transactions.read(
                        vanersborg.id(),
                        () -> jdbc.sql("SELECT supporters FROM reports.report WHERE case_id = :c")
                                .param("c", keptCase)
                                .query(Integer.class)
                                .single()))
                .isEqualTo(1);
    }

    @Test
    void aPublicStatusTextIsShownAndSentAndAStaleEditIsRefused() throws Exception {
        String follower = "foljare@" + domain;
        String id = report("vattenlacka", "Det sprutar vatten", follower, false);
        UUID caseId = caseOf(id);
        TestLogins.Login water =
                logins().staff(vanersborg, "vera", "Vera Vatten", List.of("handlaggare:SBF-KOV"), "intern");
        int seen = version(id);
        mvc.perform(at(post("/personal/felanmalan/" + caseId + "/publicera"))
                        .with(water.processor())
                        .with(csrf())
                        .param("version", Integer.toString(seen))
                        .param("publicText", "Vi stänger av vattnet i kvarteret kl. 13."))
                .andExpect(status().is3xxRedirection());
        mvc.perform(at(get("/felanmalan/" + id))).andExpect(content().string(containsString("Vi stänger av vattnet")));
        await().atMost(Duration.ofSeconds(20))
                .until(() -> subjectsTo(follower).stream().anyMatch(s -> s.contains("nytt om")));
        mvc.perform(at(post("/personal/felanmalan/" + caseId + "/publicera"))
                        .with(water.processor())
                        .with(csrf())
                        .param("version", Integer.toString(seen))
                        .param("publicText", "Något annat"))
                .andExpect(status().isConflict());
        mvc.perform(at(get("/felanmalan/" + id))).andExpect(content().string(not(containsString("Något annat"))));
    }

    @Test
    void staffOutsideTheOwningUnitAnotherTenantAndTheAnonymousCannotReachTheStaffSide() throws Exception {
        String id = report("lekplats", "Rutschkanan är trasig", null, false);
        UUID caseId = caseOf(id);
        mvc.perform(at(get("/personal/felanmalan/" + caseId)).with(social.processor()))
                .andExpect(status().isNotFound());
        mvc.perform(at(post("/personal/felanmalan/" + caseId + "/publicera"))
                        .with(social.processor())
                        .with(csrf())
                        .param("version", Integer.toString(version(id)))
                        .param("publicText", "Hackad"))
                .andExpect(status().isNotFound());
        mvc.perform(at(get("/personal/felanmalan/" + caseId))).andExpect(status().is3xxRedirection());
        mvc.perform(at(get("/personal/felanmalan/inte-ett-id")).with(streets.processor()))
                .andExpect(status().isNotFound());
        var trollhattan = tenants.bySlug("trollhattan").orElseThrow();
        var foreign =
                logins().staff(trollhattan, "tore", "Tore Trollhättan", List.of("handlaggare:SBF-BYGG"), "intern");
        mvc.perform(get("/personal/felanmalan/" + caseId)
                        .with(r -> {
                            r.setServerName("trollhattan.localhost");
                            return r;
                        })
                        .with(foreign.processor()))
                .andExpect(status().isNotFound());
        // the public page of one municipality's report is not found at the other's
        mvc.perform(get("/felanmalan/" + id).with(r -> {
                    r.setServerName("trollhattan.localhost");
                    return r;
                }))
                .andExpect(status().isNotFound());
        mvc.perform(at(get("/felanmalan/" + id))).andExpect(content().string(not(containsString("Hackad"))));
        // the refused look is in the audit log
        assertThat(transactions.read(
                        vanersborg.id(),
                        () -> jdbc.sql(
                                        "SELECT count(*) FROM audit.entry WHERE action = 'ACCESS_REFUSED' AND object_id = :c")
                                .param("c", caseId.toString())
                                .query(Integer.class)
                                .single()))
                .isPositive();
    }

    @Test
    void iSeeItTooCountsOncePerBrowserAndOncePerPerson() throws Exception {
        String sent = mvc.perform(reportForm("klotter", UUID.randomUUID())
                        .param("latitude", Double.toString(latitude))
                        .param("longitude", Double.toString(longitude))
                        .param("f.description", "Klotter på muren")
                        .param("f.offensive", "nej"))
                .andExpect(status().is3xxRedirection())
                .andReturn()
                .getResponse()
                .getRedirectedUrl();
        String id = sent.substring("/felanmalan/".length(), sent.indexOf('?'));
        java.util.function.Supplier<Integer> supporters = () -> transactions.read(
                vanersborg.id(),
                () -> jdbc.sql("SELECT supporters FROM reports.report WHERE public_id = :p")
                        .param("p", id)
                        .query(Integer.class)
                        .single());

        var first = mvc.perform(at(post("/felanmalan/" + id + "/samma-problem")).with(csrf()))
                .andExpect(status().is3xxRedirection())
                .andReturn()
                .getResponse();
        jakarta.servlet.http.Cookie browser = first.getCookie("SAMLA_SESSION");
        for (int i = 0; i < 5; i++) {
            mvc.perform(at(post("/felanmalan/" + id + "/samma-problem"))
                            .cookie(browser)
                            .with(csrf()))
                    .andExpect(status().is3xxRedirection());
        }
        assertThat(supporters.get()).as("one browser, however often it says so").isEqualTo(1);

        var resident = logins().resident(vanersborg, "Anna Testsson", "198705212382");
        for (int i = 0; i < 3; i++) {
            mvc.perform(at(post("/felanmalan/" + id + "/samma-problem"))
                            .with(resident.processor())
                            .with(csrf()))
                    .andExpect(status().is3xxRedirection());
        }
        assertThat(supporters.get()).as("and one person, from any browser").isEqualTo(2);
        mvc.perform(at(post("/felanmalan/" + id + "/samma-problem")).with(csrf()))
                .andExpect(status().is3xxRedirection());
        assertThat(supporters.get()).as("another browser counts").isEqualTo(3);

        // a double click from the report's page: every click lands, and they count once
        jakarta.servlet.http.Cookie fresh = mvc.perform(
                        at(get("/felanmalan/" + id)).with(csrf()))
                .andReturn()
                .getResponse()
                .getCookie("SAMLA_SESSION");
        assertThat(fresh).isNotNull();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(6);
        try {
            List<java.util.concurrent.Future<Integer>> clicks = new java.util.ArrayList<>();
            for (int i = 0; i < 6; i++) {
                clicks.add(pool.submit(() -> mvc.perform(at(post("/felanmalan/" + id + "/samma-problem"))
                                .cookie(fresh)
                                .with(csrf()))
                        .andReturn()
                        .getResponse()
                        .getStatus()));
            }
            for (var click : clicks) {
                assertThat(click.get()).isEqualTo(302);
            }
        } finally {
            pool.shutdown();
        }
        assertThat(supporters.get()).isEqualTo(4);
    }
}
