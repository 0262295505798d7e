package se.samla.fees;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockMultipartFile;
import se.samla.SamlaIntegrationTest;
import se.samla.booking.TestBookings;
import se.samla.cases.TestCaseWork;
import se.samla.identity.SignedInUser;
import se.samla.identity.TestLogins;

/**
 * A decision carries its fee; the invoice reaches the resident's post and Mina sidor under the next number of the
 * municipality's series; Bankgirot's file pays it, once however often it is read; what cannot be matched waits for the
 * invoicing unit, and what cannot be worked out or read is refused with nothing written.
 */
class FeesIT extends SamlaIntegrationTest {

    private static final AtomicInteger RESIDENTS = new AtomicInteger(770);
    private static final AtomicInteger FILES = new AtomicInteger();

    TestCaseWork work;
    TestLogins.Login builder;
    TestLogins.Login economist;

    @BeforeEach
    void staff() {
        work = TestCaseWork.from(context);
        builder = logins().staff(vanersborg, "bodil", "Bodil Bygglovsson", List.of("handlaggare:SBF-BYGG"), "intern");
        economist = logins().staff(vanersborg, "elin", "Elin Ekonom", List.of("handlaggare:KSF-EKONOMI"), "intern");
    }

    record Applicant(TestLogins.Login login, UUID personId, String name, String pin) {}

    Applicant resident(String name) {
        String pin = TestBookings.personalIdentityNumber(RESIDENTS.getAndIncrement());
        var login = logins().resident(vanersborg, name, pin);
        return new Applicant(login, ((SignedInUser.Resident) login.user()).personId(), name, pin);
    }

    Map.Entry<UUID, String> permit(Applicant applicant, Map<String, Object> answers) {
        return work.submitted(
                vanersborg.id(), "bygglov", applicant.personId(), applicant.name(), applicant.pin(), answers);
    }

    int version(UUID caseId) {
        return transactions.read(
                vanersborg.id(),
                () -> jdbc.sql("SELECT version FROM cases.\"case\" WHERE id = :id")
                        .param("id", caseId)
                        .query(Integer.class)
                        .single());
    }

    <T> T read(String sql, Class<T> type, Object... params) {
        return transactions.read(vanersborg.id(), () -> {
            var statement = jdbc.sql(sql);
            for (int i = 0; i < params.length; i++) {
                statement = statement.param(i + 1, params[i]);
            }
            return statement.query(type).optional().orElse(null);
        });
    }

    record Invoice(long number, String ocr, BigDecimal total, BigDecimal paid, LocalDate dueOn) {}

    Invoice invoiceOf(UUID caseId) {
        TestBookings.until(
                () -> read("SELECT count(*) FROM fees.invoice WHERE case_id = ?", Long.class, caseId) > 0,
                "the invoice of the case");
        return transactions.read(
                vanersborg.id(),
                () -> jdbc.sql("SELECT number, ocr, total, paid, due_on FROM fees.invoice WHERE case_id = :c")
                        .param("c", caseId)
                        .query((rs, n) -> new Invoice(
                                rs.getLong(1),
                                rs.getString(2),
                                rs.getBigDecimal(3),
                                rs.getBigDecimal(4),
                                rs.getObject(5, LocalDate.class)))
                        .single());
    }

    org.springframework.test.web.servlet.ResultActions decide(UUID caseId, String outcome, String... fee)
            throws Exception {
        var request = post("/personal/arenden/" + caseId + "/beslut")
                .with(builder.processor())
                .with(csrf())
                .param("version", Integer.toString(version(caseId)))
                .param("outcome", outcome)
                .param("reasons", "Åtgärden följer detaljplanen.")
                .param("legalReference", "9 kap. 30 § PBL");
        for (int i = 0; i + 1 < fee.length; i += 2) {
            request = request.param(fee[i], fee[i + 1]);
        }
        return mvc.perform(atVanersborg(request));
    }

    /** A file of Bankgirot's with one deposit of these payments to Vänersborg's bankgiro, or another's. */
    static byte[] bgmax(String bankgiro, BgMaxFiles.Paid... payments) {
        String timestamp = String.format("20261202%06d%06d", FILES.incrementAndGet(), System.nanoTime() % 1_000_000);
        return new BgMaxFiles(timestamp)
                .deposit(bankgiro, "20261202", List.of(payments))
                .end();
    }

    org.springframework.test.web.servlet.ResultActions upload(byte[] file) throws Exception {
        return mvc.perform(atVanersborg(multipart("/personal/betalningar/fil")
                        .file(new MockMultipartFile("fil", "BgMax-" + FILES.get() + ".txt", "text/plain", file)))
                .with(economist.processor())
                .with(csrf()));
    }

    static long ore(BigDecimal kronor) {
        return kronor.movePointRight(2).longValueExact();
    }

    @Test
    void aPermitDecisionChargesItsFeeTheInvoiceReachesThePostAndBankgirotsFilePaysIt() throws Exception {
        var anna = resident("Anna Avgiftsson");
        var permit = permit(
                anna,
                Map.of(
                        "property", "Vänersborg Nordstaden 3:14",
                        "measure", "tillbyggnad",
                        "area", new BigDecimal("24"),
                        "description", "Inglasat uterum",
                        "applicantIsOwner", "ja"));

        // before deciding the case officer sees what the taxa gives
        mvc.perform(atVanersborg(get("/personal/arenden/" + permit.getKey())).with(builder.processor()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Avgift för bygglov")))
                .andExpect(content().string(containsString("7\u00a0308,00\u00a0kr")))
                .andExpect(content().string(containsString("Vid beslut: Bygglov beviljat, Avslag")));
        decide(permit.getKey(), "beviljat").andExpect(status().is3xxRedirection());

        Invoice invoice = invoiceOf(permit.getKey());
        assertThat(invoice.total()).isEqualByComparingTo("7308.00");
        // the OCR reference is the invoice's number with the length digit and the Luhn check digit
        assertThat(invoice.ocr())
                .isEqualTo(OcrReference.forNumber(Long.toString(invoice.number()), true)
                        .digits());
        assertThat(new OcrReference(invoice.ocr()).lengthDigitHolds()).isTrue();
        assertThat(invoice.dueOn()).isAfterOrEqualTo(LocalDate.now().plusDays(30));
        // the invoice is a letter by the resident's chosen way, here the digital mailbox by default
        TestBookings.until(
                () -> read(
                                "SELECT count(*) FROM messaging.letter WHERE kind = 'INVOICE' AND person_id = ?",
                                Long.class,
                                anna.personId())
                        == 1,
                "the invoice letter");
        assertThat(read(
                        "SELECT subject FROM messaging.letter WHERE kind = 'INVOICE' AND person_id = ?",
                        String.class,
                        anna.personId()))
                .isEqualTo("Faktura " + invoice.number() + " från Vänersborgs kommun");
        mvc.perform(atVanersborg(get("/mina-sidor/fakturor")).with(anna.login().processor()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Faktura " + invoice.number())))
                .andExpect(content().string(containsString(permit.getValue())))
                .andExpect(content().string(containsString("7\u00a0308,00\u00a0kr")))
                .andExpect(content().string(containsString(invoice.ocr())))
                .andExpect(content().string(containsString("5050-1055")))
                .andExpect(content().string(containsString("Skickad – inte betald ännu")));

        byte[] file = bgmax("50501055", BgMaxFiles.Paid.ocr(invoice.ocr(), ore(invoice.total())));
        upload(file)
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Filen är inläst: 1 betalningar")))
                .andExpect(content().string(containsString("1 matchades")));
        mvc.perform(atVanersborg(get("/mina-sidor/fakturor")).with(anna.login().processor()))
                .andExpect(content().string(containsString("Betald")))
                .andExpect(content().string(not(containsString("Kvar att betala"))));

        // the same file again changes nothing
        long payments = read("SELECT count(*) FROM fees.payment", Long.class);
        upload(file).andExpect(status().isOk()).andExpect(content().string(containsString("redan inläst")));
        assertThat(read("SELECT count(*) FROM fees.payment", Long.class)).isEqualTo(payments);
        assertThat(invoiceOf(permit.getKey()).paid()).isEqualByComparingTo("7308.00");
        // and another resident sees none of it
        var other = resident("Olle Annan");
        mvc.perform(atVanersborg(get("/mina-sidor/fakturor")).with(other.login().processor()))
                .andExpect(content().string(containsString("Du har inga fakturor")))
                .andExpect(content().string(not(containsString(invoice.ocr()))));
    }

    @Test
    void aFeeTheAnswersCannotGiveStopsTheDecisionUntilTheOfficerSetsItWithAReason() throws Exception {
        var bertil = resident("Bertil Byggare");
        // the area is not asked for certain: without it the taxa gives no amount
        var permit = permit(
                bertil,
                Map.of(
                        "property", "Vänersborg Nordstaden 3:15",
                        "measure", "nybyggnad",
                        "description", "Garage",
                        "applicantIsOwner", "ja"));

        decide(permit.getKey(), "beviljat")
                .andExpect(status().isUnprocessableContent())
                .andExpect(content()
                        .string(containsString(
                                "Avgiften kan inte räknas ut: svaret på ”Byggnadsarea (kvadratmeter)” saknas.")));
        decide(permit.getKey(), "beviljat", "avgift-bygglovsavgift", "12 000")
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().string(containsString("Skriv ett skäl")));
        decide(permit.getKey(), "beviljat", "avgift-bygglovsavgift", "tolv tusen", "avgift-bygglovsavgift-skal", "x")
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().string(containsString("är inte ett belopp i kronor")));
        assertThat(read("SELECT status FROM cases.\"case\" WHERE id = ?", String.class, permit.getKey()))
                .isEqualTo("mottagen");
        assertThat(read("SELECT count(*) FROM fees.charge WHERE case_id = ?", Long.class, permit.getKey()))
                .isZero();

        decide(
                        permit.getKey(),
                        "beviljat",
                        "avgift-bygglovsavgift",
                        "12 000,50",
                        "avgift-bygglovsavgift-skal",
                        "Garaget är 40 kvadratmeter enligt ritningen.")
                .andExpect(status().is3xxRedirection());
        assertThat(read("SELECT amount FROM fees.charge WHERE case_id = ?", BigDecimal.class, permit.getKey()))
                .isEqualByComparingTo("12000.50");
        assertThat(read(
                        "SELECT CAST(details AS jsonb)->>'reason' FROM audit.entry WHERE action = 'FEE_ADJUSTED' AND object_id = ?",
                        String.class,
                        permit.getKey().toString()))
                .isEqualTo("Garaget är 40 kvadratmeter enligt ritningen.");
        assertThat(invoiceOf(permit.getKey()).total()).isEqualByComparingTo("12000.50");
        // the decided case shows what was charged and why it differs from the taxa
        mvc.perform(atVanersborg(get("/personal/arenden/" + permit.getKey())).with(builder.processor()))
                .andExpect(content().string(containsString("12\u00a0000,50\u00a0kr")))
                .andExpect(content().string(containsString("Ändrat från taxan gav inget belopp")));
    }

    @Test
    void aDecisionWithoutAFeeAndAFreePermitSendNoInvoice() throws Exception {
        var cecilia = resident("Cecilia Gratis");
        var dismissed = permit(
                cecilia,
                Map.of(
                        "property", "Vänersborg Nordstaden 3:16",
                        "measure", "fasadandring",
                        "area", 10,
                        "description", "Ny färg",
                        "applicantIsOwner", "ja"));
        decide(dismissed.getKey(), "avvisat").andExpect(status().is3xxRedirection());
        var parking = work.submitted(
                vanersborg.id(),
                "parkeringstillstand",
                cecilia.personId(),
                cecilia.name(),
                cecilia.pin(),
                Map.of("role", "forare", "walkingDistance", 50));
        work.decide(vanersborg.id(), parking.getKey(), "beviljat", "Du har svårt att gå.", "13 kap. 8 § TrF");

        assertThat(read("SELECT amount FROM fees.charge WHERE case_id = ?", BigDecimal.class, parking.getKey()))
                .isEqualByComparingTo("0.00");
        assertThat(read("SELECT count(*) FROM fees.charge WHERE case_id = ?", Long.class, dismissed.getKey()))
                .isZero();
        Thread.sleep(500);
        assertThat(read(
                        "SELECT count(*) FROM fees.invoice WHERE receiver_person_id = ?",
                        Long.class,
                        cecilia.personId()))
                .isZero();
    }

    @Test
    void paymentsThatCannotBeMatchedWaitForAPersonAndABadFileIsRefusedWhole() throws Exception {
        var david = resident("David Delbetalare");
        var permit = permit(
                david,
                Map.of(
                        "property", "Vänersborg Nordstaden 3:17",
                        "measure", "andrad-anvandning",
                        "area", 10,
                        "description", "Kontor blir bostad",
                        "applicantIsOwner", "ja"));
        decide(permit.getKey(), "beviljat").andExpect(status().is3xxRedirection());
        Invoice invoice = invoiceOf(permit.getKey());
        assertThat(invoice.total()).isEqualByComparingTo("6020.00");
        String wrongCheckDigit = invoice.ocr().substring(0, invoice.ocr().length() - 1)
                + (char) ('0' + (invoice.ocr().charAt(invoice.ocr().length() - 1) - '0' + 1) % 10);

        long files = read("SELECT count(*) FROM fees.payment_file", Long.class);
        // another bankgiro's file, a file whose end record counts otherwise: refused whole, with the line
        upload(bgmax("9912346", BgMaxFiles.Paid.ocr(invoice.ocr(), 100)))
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().string(containsString("Rad 2: Filen gäller bankgiro 9912346")));
        String broken = new String(
                        bgmax("50501055", BgMaxFiles.Paid.ocr(invoice.ocr(), 100)),
                        java.nio.charset.StandardCharsets.ISO_8859_1)
                .replace("\n7000000001", "\n7000000002");
        upload(broken.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1))
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().string(containsString("Rad 5: Slutposten säger 2 betalningsposter (20)")));
        assertThat(read("SELECT count(*) FROM fees.payment_file", Long.class)).isEqualTo(files);

        // a wrong check digit, a wrong length digit (the bankgiro's agreement has one) and a part payment wait for a
        // person
        String wrongLength = OcrReference.forNumber("12345", false).digits();
        assertThat(new OcrReference(wrongLength).lengthDigitHolds()).isFalse();
        upload(bgmax(
                        "50501055",
                        BgMaxFiles.Paid.ocr(wrongCheckDigit, 602_000),
                        BgMaxFiles.Paid.ocr(wrongLength, 602_000),
                        BgMaxFiles.Paid.ocr(invoice.ocr(), 200_000)))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("0 matchades mot sina fakturor, 3 väntar på dig")))
                .andExpect(content().string(containsString("Referensen är inget giltigt OCR-nummer")))
                .andExpect(content().string(containsString("Delbetalning")));
        assertThat(invoiceOf(permit.getKey()).paid()).isEqualByComparingTo("0.00");
        assertThat(read("SELECT reason FROM fees.payment WHERE reference = ?", String.class, wrongLength))
                .isEqualTo("INVALID_REFERENCE");
        UUID partial = read(
                "SELECT id FROM fees.payment WHERE invoice_id = (SELECT id FROM fees.invoice WHERE case_id = ?)"
                        + " AND reason = 'PARTIAL'",
                UUID.class,
                permit.getKey());
        mvc.perform(atVanersborg(post("/personal/betalningar/" + partial + "/boka")
                                .param("faktura", Long.toString(invoice.number())))
                        .with(economist.processor())
                        .with(csrf()))
                .andExpect(status().is3xxRedirection());
        assertThat(invoiceOf(permit.getKey()).paid()).isEqualByComparingTo("2000.00");
        mvc.perform(atVanersborg(get("/mina-sidor/fakturor")).with(david.login().processor()))
                .andExpect(content().string(containsString("Delvis betald")))
                .andExpect(content().string(containsString("4\u00a0020,00\u00a0kr")));
        // booked once: the second time it no longer waits
        mvc.perform(atVanersborg(post("/personal/betalningar/" + partial + "/boka")
                                .param("faktura", Long.toString(invoice.number())))
                        .with(economist.processor())
                        .with(csrf()))
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().string(containsString("väntar inte längre")));
        assertThat(invoiceOf(permit.getKey()).paid()).isEqualByComparingTo("2000.00");
    }

    @Test
    void onlyTheInvoicingUnitReachesThePayments() throws Exception {
        mvc.perform(atVanersborg(get("/personal/betalningar")).with(builder.processor()))
                .andExpect(status().isForbidden());
        mvc.perform(atVanersborg(multipart("/personal/betalningar/fil")
                                .file(new MockMultipartFile("fil", "x.txt", "text/plain", new byte[] {1})))
                        .with(builder.processor())
                        .with(csrf()))
                .andExpect(status().isForbidden());
        var resident = resident("Rut Resident");
        mvc.perform(atVanersborg(get("/personal/betalningar"))
                        .with(resident.login().processor()))
                .andExpect(status().is(org.hamcrest.Matchers.either(org.hamcrest.Matchers.is(403))
                        .or(org.hamcrest.Matchers.is(302))));
        mvc.perform(atVanersborg(get("/personal/betalningar")).with(economist.processor()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Läs in betalningar från Bankgirot")));
        // the staff page links the desk for those who may use it only
        mvc.perform(atVanersborg(get("/personal")).with(economist.processor()))
                .andExpect(content().string(containsString("href=\"/personal/betalningar\"")));
        mvc.perform(atVanersborg(get("/personal")).with(builder.processor()))
                .andExpect(content().string(not(containsString("/personal/betalningar"))));
        // Trollhättan invoices nothing, so its staff have no payments to reach
        var trollhattan = tenants.bySlug("trollhattan").orElseThrow();
        var tore = logins().staff(trollhattan, "tore", "Tore Trollhättebo", List.of("administrator:KSF"), "intern");
        mvc.perform(get("/personal/betalningar")
                        .with(r -> {
                            r.setServerName("trollhattan.localhost");
                            return r;
                        })
                        .with(tore.processor()))
                .andExpect(status().isForbidden());
    }

    @Test
    void invoiceNumbersHaveNoGapsAndAreNeverGivenTwice() throws Exception {
        var erik = resident("Erik Serie");
        List<UUID> cases = new java.util.ArrayList<>();
        for (int i = 0; i < 6; i++) {
            cases.add(permit(
                            erik,
                            Map.of(
                                    "property", "Vänersborg Nordstaden 4:" + i,
                                    "measure", "fasadandring",
                                    "area", i + 1,
                                    "description", "Fasad " + i,
                                    "applicantIsOwner", "ja"))
                    .getKey());
        }
        // decided at once by six officers: the numbers come from one series, each once
        var pool = java.util.concurrent.Executors.newFixedThreadPool(6);
        try {
            var done = new java.util.ArrayList<java.util.concurrent.Future<?>>();
            for (UUID c : cases) {
                done.add(pool.submit(() -> {
                    work.decide(vanersborg.id(), c, "beviljat", "Följer planen.", "9 kap. 30 § PBL");
                    return null;
                }));
            }
            for (var f : done) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        List<Long> numbers = cases.stream().map(c -> invoiceOf(c).number()).toList();
        assertThat(numbers).doesNotHaveDuplicates();
        var series = transactions.read(
                vanersborg.id(),
                () -> jdbc.sql("SELECT min(number), max(number), count(*), (SELECT last_number FROM"
                                + " fees.invoice_series WHERE tenant_id = :t) FROM fees.invoice WHERE tenant_id = :t")
                        .param("t", vanersborg.id().value())
                        .query((rs, n) -> new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)})
                        .single());
        assertThat(series[0]).isEqualTo(1);
        assertThat(series[1]).isEqualTo(series[2]).isEqualTo(series[3]);
    }

    @Test
    void anOverdueInvoiceIsRemindedOnceWithItsFeeAndACreditNoteCancelsIt() throws Exception {
        var frida = resident("Frida Förfallen");
        var permit = permit(
                frida,
                Map.of(
                        "property", "Vänersborg Nordstaden 3:18",
                        "measure", "fasadandring",
                        "area", 5,
                        "description", "Ny fasad",
                        "applicantIsOwner", "ja"));
        decide(permit.getKey(), "beviljat").andExpect(status().is3xxRedirection());
        Invoice invoice = invoiceOf(permit.getKey());
        assertThat(invoice.total()).isEqualByComparingTo("3710.00");
        String number = Long.toString(invoice.number());
        var remind = atVanersborg(post("/personal/betalningar/faktura/" + number + "/paminn"))
                .with(economist.processor())
                .with(csrf());
        mvc.perform(remind)
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().string(containsString("Faktura " + number + " kan påminnas tidigast")));

        // a month later it is past due, and on the unit's list
        transactions.run(
                vanersborg.id(),
                () -> jdbc.sql("UPDATE fees.invoice SET due_on = current_date - 15 WHERE case_id = :c")
                        .param("c", permit.getKey())
                        .update());
        mvc.perform(atVanersborg(get("/personal/betalningar")).with(economist.processor()))
                .andExpect(content().string(containsString("Skicka påminnelse för faktura " + number)));
        mvc.perform(remind).andExpect(status().is3xxRedirection());
        TestBookings.until(
                () -> read(
                                "SELECT count(*) FROM messaging.letter WHERE kind = 'REMINDER' AND person_id = ?",
                                Long.class,
                                frida.personId())
                        == 1,
                "the reminder letter");
        mvc.perform(atVanersborg(get("/mina-sidor/fakturor")).with(frida.login().processor()))
                .andExpect(content().string(containsString("Förfallen – betala snarast")))
                .andExpect(content().string(containsString("3\u00a0770,00\u00a0kr")));
        mvc.perform(remind)
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().string(containsString("påmindes redan")));

        var credit = atVanersborg(post("/personal/betalningar/kreditera"))
                .with(economist.processor())
                .with(csrf())
                .param("faktura", number);
        mvc.perform(credit)
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().string(containsString("Skriv ett skäl till krediteringen")));
        mvc.perform(credit.param("skal", "Fasadändringen kräver inget lov.")).andExpect(status().is3xxRedirection());
        assertThat(read(
                        "SELECT total FROM fees.invoice WHERE kind = 'CREDIT_NOTE' AND credits = (SELECT id FROM"
                                + " fees.invoice WHERE case_id = ? AND kind = 'INVOICE')",
                        BigDecimal.class,
                        permit.getKey()))
                .isEqualByComparingTo("-3770.00");
        TestBookings.until(
                () -> read(
                                "SELECT count(*) FROM messaging.letter WHERE kind = 'CREDIT_NOTE' AND person_id = ?",
                                Long.class,
                                frida.personId())
                        == 1,
                "the credit note letter");
        mvc.perform(atVanersborg(get("/mina-sidor/fakturor")).with(frida.login().processor()))
                .andExpect(content().string(containsString("Krediterad – du behöver inte betala")));
        mvc.perform(atVanersborg(post("/personal/betalningar/kreditera"))
                        .with(economist.processor())
                        .with(csrf())
                        .param("faktura", number)
                        .param("skal", "Igen"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().string(containsString("Faktura " + number + " är redan krediterad")));
    }

    @Test
    void aMonthlyFeeIsInvoicedOnceForEachMonthThatHasBegun() throws Exception {
        var gustav = resident("Gustav Larmsson");
        var alarm = work.submitted(
                vanersborg.id(),
                "trygghetslarm",
                gustav.personId(),
                gustav.name(),
                gustav.pin(),
                Map.of("livesAlone", "ja", "need", "Jag har fallit två gånger.", "phone", "0701234567"));
        work.decide(vanersborg.id(), alarm.getKey(), "beviljat", "Du har behov av larm.", "4 kap. 1 § SoL");
        Invoices invoices = context.getBean(Invoices.class);
        LocalDate nextMonth = LocalDate.now(java.time.ZoneId.of("Europe/Stockholm"))
                .withDayOfMonth(1)
                .plusMonths(1);
        assertThat(read("SELECT next_period FROM fees.charge WHERE case_id = ?", LocalDate.class, alarm.getKey()))
                .isEqualTo(nextMonth);
        transactions.call(vanersborg.id(), invoices::invoiceMonths);
        assertThat(read("SELECT count(*) FROM fees.invoice WHERE case_id = ?", Long.class, alarm.getKey()))
                .isZero();

        // two months on: last month and this one are due, each once
        transactions.run(
                vanersborg.id(),
                () -> jdbc.sql("UPDATE fees.charge SET next_period = :p WHERE case_id = :c")
                        .param("p", nextMonth.minusMonths(2))
                        .param("c", alarm.getKey())
                        .update());
        transactions.call(vanersborg.id(), invoices::invoiceMonths);
        transactions.call(vanersborg.id(), invoices::invoiceMonths);
        List<String> lines = transactions.read(
                vanersborg.id(),
                () -> jdbc.sql("""
                                SELECT l.description FROM fees.invoice_line l JOIN fees.invoice i ON i.tenant_id = l.tenant_id AND i.id = l.invoice_id
                                WHERE i.case_id = :c ORDER BY l.period
                                """)
                        .param("c", alarm.getKey())
                        .query(String.class)
                        .list());
        var swedish = java.util.Locale.forLanguageTag("sv");
        assertThat(lines)
                .containsExactly(
                        "Avgift för trygghetslarm, "
                                + nextMonth
                                        .minusMonths(2)
                                        .getMonth()
                                        .getDisplayName(java.time.format.TextStyle.FULL_STANDALONE, swedish)
                                + " " + nextMonth.minusMonths(2).getYear(),
                        "Avgift för trygghetslarm, "
                                + nextMonth
                                        .minusMonths(1)
                                        .getMonth()
                                        .getDisplayName(java.time.format.TextStyle.FULL_STANDALONE, swedish)
                                + " " + nextMonth.minusMonths(1).getYear());
        assertThat(read("SELECT next_period FROM fees.charge WHERE case_id = ?", LocalDate.class, alarm.getKey()))
                .isEqualTo(nextMonth);
        assertThat(read("SELECT sum(total) FROM fees.invoice WHERE case_id = ?", BigDecimal.class, alarm.getKey()))
                .isEqualByComparingTo("500.00");

        // the alarm is returned: the officer ends the fee, and no month after this one is invoiced
        var sara = logins().staff(
                        vanersborg,
                        "sara",
                        "Sara Socialsekreterare",
                        List.of("handlaggare:SOC-OMSORG"),
                        "konfidentiell");
        mvc.perform(atVanersborg(get("/personal/arenden/" + alarm.getKey())).with(sara.processor()))
                .andExpect(content().string(containsString("Avsluta Avgift för trygghetslarm efter den här månaden")));
        mvc.perform(atVanersborg(post("/personal/arenden/" + alarm.getKey() + "/avgift/larmavgift/avsluta"))
                        .with(builder.processor())
                        .with(csrf()))
                .andExpect(status().isNotFound());
        mvc.perform(atVanersborg(post("/personal/arenden/" + alarm.getKey() + "/avgift/larmavgift/avsluta"))
                        .with(sara.processor())
                        .with(csrf()))
                .andExpect(status().is3xxRedirection());
        assertThat(read("SELECT ended_on FROM fees.charge WHERE case_id = ?", LocalDate.class, alarm.getKey()))
                .isEqualTo(nextMonth.minusDays(1));
        transactions.run(
                vanersborg.id(),
                () -> jdbc.sql("UPDATE fees.charge SET next_period = :p WHERE case_id = :c")
                        .param("p", nextMonth.plusMonths(1))
                        .param("c", alarm.getKey())
                        .update());
        transactions.call(vanersborg.id(), invoices::invoiceMonths);
        assertThat(read("SELECT count(*) FROM fees.invoice WHERE case_id = ?", Long.class, alarm.getKey()))
                .isEqualTo(2);
    }

    /** The SIE file's vouchers: each #VER line with its #TRANS lines' accounts and amounts. */
    static Map<String, Map<String, BigDecimal>> vouchers(String sie) {
        Map<String, Map<String, BigDecimal>> vouchers = new java.util.LinkedHashMap<>();
        Map<String, BigDecimal> current = null;
        for (String line : sie.split("\r\n")) {
            if (line.startsWith("#VER ")) {
                current = new java.util.LinkedHashMap<>();
                vouchers.put(line.substring(5, line.indexOf('"')).strip(), current);
            } else if (line.strip().startsWith("#TRANS ")) {
                String[] parts = line.strip().split(" ");
                current.merge(parts[1], new BigDecimal(parts[3]), BigDecimal::add);
            }
        }
        return vouchers;
    }

    @Test
    void theAccountingExportBalancesEveryVoucherAndIsNeverMadeTwiceWithoutSayingSo() throws Exception {
        var hugo = resident("Hugo Bokföring");
        var paid = permit(
                hugo,
                Map.of(
                        "property", "Vänersborg Nordstaden 3:19",
                        "measure", "fasadandring",
                        "area", 1,
                        "description", "Fönster",
                        "applicantIsOwner", "ja"));
        var partly = permit(
                hugo,
                Map.of(
                        "property", "Vänersborg Nordstaden 3:20",
                        "measure", "fasadandring",
                        "area", 2,
                        "description", "Dörr",
                        "applicantIsOwner", "ja"));
        decide(paid.getKey(), "beviljat").andExpect(status().is3xxRedirection());
        decide(partly.getKey(), "beviljat").andExpect(status().is3xxRedirection());
        Invoice first = invoiceOf(paid.getKey());
        Invoice second = invoiceOf(partly.getKey());
        upload(bgmax(
                        "50501055",
                        BgMaxFiles.Paid.ocr(first.ocr(), ore(first.total())),
                        BgMaxFiles.Paid.ocr(second.ocr(), 100_000)))
                .andExpect(status().isOk());
        UUID partial = read(
                "SELECT id FROM fees.payment WHERE reason = 'PARTIAL' AND invoice_id = (SELECT id FROM fees.invoice"
                        + " WHERE case_id = ?)",
                UUID.class,
                partly.getKey());
        mvc.perform(atVanersborg(post("/personal/betalningar/" + partial + "/boka")
                                .param("faktura", Long.toString(second.number())))
                        .with(economist.processor())
                        .with(csrf()))
                .andExpect(status().is3xxRedirection());
        // all of it happened in March 2019, a month nothing else in these tests touches
        transactions.run(vanersborg.id(), () -> {
            jdbc.sql("UPDATE fees.invoice SET issued_on = '2019-03-14' WHERE case_id IN (:a, :b)")
                    .param("a", paid.getKey())
                    .param("b", partly.getKey())
                    .update();
            jdbc.sql("""
                            UPDATE fees.payment_file SET imported_at = TIMESTAMPTZ '2019-03-15 09:00+01' WHERE id IN (
                                SELECT file_id FROM fees.payment
                                WHERE invoice_id IN (SELECT id FROM fees.invoice WHERE case_id IN (:a, :b)))
                            """).param("a", paid.getKey()).param("b", partly.getKey()).update();
            jdbc.sql("""
                            UPDATE fees.payment SET paid_on = '2019-03-14',
                                settled_at = CASE WHEN settled_at IS NULL THEN NULL
                                    ELSE TIMESTAMPTZ '2019-03-20 10:00+01' END
                            WHERE invoice_id IN (SELECT id FROM fees.invoice WHERE case_id IN (:a, :b))
                            """).param("a", paid.getKey()).param("b", partly.getKey()).update();
        });

        var export = atVanersborg(post("/personal/betalningar/bokforing"))
                .with(economist.processor())
                .with(csrf())
                .param("period", "2019-03");
        var response =
                mvc.perform(export).andExpect(status().isOk()).andReturn().getResponse();
        assertThat(response.getHeader("Content-Disposition")).contains("samla-vanersborg-2019-03.si");
        byte[] bytes = response.getContentAsByteArray();
        String sie = new String(bytes, java.nio.charset.Charset.forName("IBM437"));
        assertThat(sie).startsWith("#FLAGGA 0\r\n#PROGRAM \"Samla\"");
        assertThat(sie).contains("#FORMAT PC8", "#SIETYP 4", "#ORGNR 212000-1439", "#RAR 0 20190101 20191231");
        // code page 437: å is 0x86
        assertThat(new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1))
                .contains("P\u0086minnelseavgifter");
        var vouchers = vouchers(sie);
        vouchers.forEach(
                (voucher, lines) -> assertThat(lines.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add))
                        .as(voucher + " balances")
                        .isEqualByComparingTo("0"));
        assertThat(vouchers.get("F " + first.number() + " 20190314"))
                .containsEntry("1510", first.total())
                .containsEntry("3411", first.total().negate());
        // the payments read in on the 15th, paid the day before
        assertThat(vouchers.get("B 20190315 20190315"))
                .containsEntry("1930", first.total().add(new BigDecimal("1000.00")))
                .containsEntry("1510", first.total().negate())
                .containsEntry("2990", new BigDecimal("-1000.00"));
        assertThat(vouchers.get("M 20190320 20190320"))
                .containsEntry("2990", new BigDecimal("1000.00"))
                .containsEntry("1510", new BigDecimal("-1000.00"));

        // the same month again only when asked, and then as its second export
        mvc.perform(export)
                .andExpect(status().isConflict())
                .andExpect(content().string(containsString("Perioden 2019-03-01–2019-03-31 exporterades redan")))
                .andExpect(content().string(containsString("Exportera perioden igen")));
        assertThat(mvc.perform(export.param("igen", "true"))
                        .andExpect(status().isOk())
                        .andReturn()
                        .getResponse()
                        .getHeader("Content-Disposition"))
                .contains("samla-vanersborg-2019-03-export2.si");
        // a day of the month exported is the same vouchers again
        mvc.perform(atVanersborg(post("/personal/betalningar/bokforing"))
                        .with(economist.processor())
                        .with(csrf())
                        .param("period", "2019-03-15"))
                .andExpect(status().isConflict())
                .andExpect(content().string(containsString("Perioden 2019-03-01–2019-03-31 exporterades redan")));
        // a period that has not ended, and one that is neither a day nor a month
        mvc.perform(atVanersborg(post("/personal/betalningar/bokforing"))
                        .with(economist.processor())
                        .with(csrf())
                        .param("period", LocalDate.now().toString().substring(0, 7)))
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().string(containsString("är inte slut")));
        mvc.perform(atVanersborg(post("/personal/betalningar/bokforing"))
                        .with(economist.processor())
                        .with(csrf())
                        .param("period", "mars"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().string(containsString("Skriv en dag som 2026-11-30")));
    }

    @Test
    void aCompanyOnPeppolGetsAnEInvoiceThatPassesBothRuleSetsAndAnotherGetsALetter() {
        // a made-up signatory (the public register lists a company's name, and other tests look for Tolvan's there)
        var fia = resident("Fia Firmatecknare");
        var onPeppol = work.submittedFor(
                vanersborg.id(),
                "registrering-livsmedelsanlaggning",
                "5598765435",
                "Vänerns Fiskrökeri AB",
                fia.personId(),
                fia.name(),
                fia.pin(),
                Map.of("facilityName", "Rökeriet vid hamnen"));
        var byPost = work.submittedFor(
                vanersborg.id(),
                "registrering-livsmedelsanlaggning",
                "5590123450",
                "Testbygg i Vänersborg AB",
                fia.personId(),
                fia.name(),
                fia.pin(),
                Map.of("facilityName", "Byggbodens kök"));
        work.decide(vanersborg.id(), onPeppol.getKey(), "registrerad", "Anläggningen är registrerad.", "EG 852/2004");
        work.decide(vanersborg.id(), byPost.getKey(), "registrerad", "Anläggningen är registrerad.", "EG 852/2004");

        Invoice invoice = invoiceOf(onPeppol.getKey());
        assertThat(invoice.total()).isEqualByComparingTo("1380.00");
        TestBookings.until(
                () -> read(
                                "SELECT count(*) FROM fees.peppol_message WHERE invoice_id = (SELECT id FROM"
                                        + " fees.invoice WHERE case_id = ?)",
                                Long.class,
                                onPeppol.getKey())
                        == 1,
                "the e-invoice at the access point");
        String document = read(
                "SELECT document FROM fees.peppol_message WHERE invoice_id = (SELECT id FROM fees.invoice WHERE"
                        + " case_id = ?)",
                String.class,
                onPeppol.getKey());
        assertThat(PeppolRules.fatal(document)).isEmpty();
        assertThat(document)
                .contains("<cbc:EndpointID schemeID=\"0007\">5598765435</cbc:EndpointID>")
                .contains("<cbc:BuyerReference>" + onPeppol.getValue() + "</cbc:BuyerReference>")
                .contains("<cbc:PaymentID>" + invoice.ocr() + "</cbc:PaymentID>");
        assertThat(read("SELECT receiver FROM fees.peppol_message WHERE document = ?", String.class, document))
                .isEqualTo("0007:5598765435");
        // the company not on Peppol gets its invoice by post, to whoever registered it for the company
        Invoice posted = invoiceOf(byPost.getKey());
        TestBookings.until(
                () -> read(
                                "SELECT count(*) FROM messaging.letter WHERE kind = 'INVOICE' AND person_id = ?",
                                Long.class,
                                fia.personId())
                        == 1,
                "the posted invoice");
        assertThat(read(
                        "SELECT subject FROM messaging.letter WHERE kind = 'INVOICE' AND person_id = ?",
                        String.class,
                        fia.personId()))
                .isEqualTo("Faktura " + posted.number() + " från Vänersborgs kommun");
    }

    @Test
    void aFileDroppedInThePaymentFolderIsTakenInAndABadOneSetAsideWithItsReason(
            @org.junit.jupiter.api.io.TempDir java.nio.file.Path folder) throws Exception {
        var ingrid = resident("Ingrid Mapp");
        var permit = permit(
                ingrid,
                Map.of(
                        "property", "Vänersborg Nordstaden 3:21",
                        "measure", "fasadandring",
                        "area", 3,
                        "description", "Tak",
                        "applicantIsOwner", "ja"));
        decide(permit.getKey(), "beviljat").andExpect(status().is3xxRedirection());
        Invoice invoice = invoiceOf(permit.getKey());
        var incoming = java.nio.file.Files.createDirectories(folder.resolve("vanersborg"));
        var good = java.nio.file.Files.write(
                incoming.resolve("BGMAX-1.txt"),
                bgmax("50501055", BgMaxFiles.Paid.ocr(invoice.ocr(), ore(invoice.total()))));
        var bad = java.nio.file.Files.write(
                incoming.resolve("BGMAX-2.txt"),
                bgmax("9912346", BgMaxFiles.Paid.ocr(invoice.ocr(), ore(invoice.total()))));
        PaymentFolder watcher = context.getBean(PaymentFolder.class);

        assertThat(watcher.takeIn(vanersborg, good)).isEqualTo(incoming.resolve("done/BGMAX-1.txt"));
        assertThat(watcher.takeIn(vanersborg, bad)).isEqualTo(incoming.resolve("refused/BGMAX-2.txt"));

        assertThat(invoiceOf(permit.getKey()).paid()).isEqualByComparingTo(invoice.total());
        assertThat(java.nio.file.Files.readString(incoming.resolve("refused/BGMAX-2.txt.reason.txt")))
                .startsWith("Rad 2: Filen gäller bankgiro 9912346");
        assertThat(incoming.resolve("BGMAX-1.txt")).doesNotExist();
    }
}
