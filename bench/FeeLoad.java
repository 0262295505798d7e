import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The fees benchmark's driver, in two parts.
 *
 * <p>{@code invoices base jdbc threads}: decides every seeded "FEE n" building permit through the case API, and waits
 * until each decision's invoice is issued (number, OCR) and its letter rendered as PDF/A; reports invoices per second
 * from the first decision to the last invoice letter, and the time from decision to invoice letter.
 *
 * <p>{@code payments jdbc tenant count file}: seeds {@code count} open invoices straight into the database and writes
 * Bankgirot's BgMax file that pays them: 98 % exactly, 1 % in part, 1 % with a wrong check digit. bench/fees.sh then
 * uploads it as the invoicing unit would.
 */
public class FeeLoad {

    static final Pattern TOKEN = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "invoices" -> invoices(args[1], args[2], Integer.parseInt(args[3]));
            case "payments" -> payments(args[1], args[2], Integer.parseInt(args[3]), Path.of(args[4]));
            default -> throw new IllegalArgumentException(args[0]);
        }
    }

    static void invoices(String base, String jdbc, int threads) throws Exception {
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        String token = token(http, base);
        List<String> ids = new ArrayList<>();
        try (Connection db = DriverManager.getConnection(jdbc);
                var rs = db.createStatement()
                        .executeQuery("SELECT id FROM cases.\"case\" WHERE reference LIKE 'FEE %'")) {
            while (rs.next()) {
                ids.add(rs.getString(1));
            }
        }
        var failures = new ConcurrentLinkedQueue<String>();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long start = System.nanoTime();
        for (String id : ids) {
            pool.submit(() -> {
                try {
                    String body = "{\"outcome\":\"beviljat\",\"reasons\":\"Åtgärden följer detaljplanen.\","
                            + "\"legalReference\":\"9 kap. 30 § plan- och bygglagen\",\"version\":0}";
                    var response = http.send(
                            HttpRequest.newBuilder(URI.create(base + "/t/vanersborg/api/v1/cases/" + id + "/decision"))
                                    .timeout(Duration.ofSeconds(60))
                                    .header("Authorization", "Bearer " + token)
                                    .header("Content-Type", "application/json")
                                    .POST(HttpRequest.BodyPublishers.ofString(body))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
                    if (response.statusCode() != 200) {
                        failures.add(response.statusCode() + " " + response.body());
                    }
                } catch (Exception e) {
                    failures.add(e.toString());
                }
            });
        }
        pool.shutdown();
        pool.awaitTermination(1, TimeUnit.HOURS);
        double decideSeconds = (System.nanoTime() - start) / 1e9;
        if (!failures.isEmpty()) {
            throw new IllegalStateException(failures.size() + " decisions failed, e.g. " + failures.peek());
        }
        System.out.printf(
                "decisions through the API:   %8.1f /s (%d permits, %d clients)%n",
                ids.size() / decideSeconds, ids.size(), threads);
        try (Connection db = DriverManager.getConnection(jdbc)) {
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(30);
            int rendered = 0;
            while (System.nanoTime() < deadline) {
                rendered = count(db, """
                        SELECT count(*) FROM messaging.letter
                        WHERE kind = 'INVOICE' AND reference LIKE 'FEE %' AND pdf IS NOT NULL""");
                if (rendered >= ids.size()) {
                    break;
                }
                Thread.sleep(200);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("invoice letters rendered:    %8d of %d%n", rendered, ids.size());
            System.out.printf(
                    "invoices end to end:         %8.1f /s (first decision to last invoice letter, %.1f s)%n",
                    rendered / seconds, seconds);
            try (var rs = db.createStatement().executeQuery("""
                    SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY ms), percentile_cont(0.99) WITHIN GROUP (ORDER BY ms),
                        max(number) - min(number) + 1, count(*)
                    FROM (SELECT extract(epoch FROM l.created_at - d.decided_at) * 1000 AS ms, i.number
                          FROM fees.invoice i JOIN cases.decision d ON d.case_id = i.case_id
                          JOIN messaging.letter l ON l.kind = 'INVOICE' AND l.source_id = i.id
                          WHERE i.case_reference LIKE 'FEE %') t""")) {
                rs.next();
                System.out.printf(
                        "decision to invoice letter:  p50 %6.0f ms   p99 %6.0f ms%n", rs.getDouble(1), rs.getDouble(2));
                System.out.printf(
                        "invoice numbers:             %8d issued, %d numbers from first to last (no gaps)%n",
                        rs.getLong(4), rs.getLong(3));
            }
        }
    }

    static void payments(String jdbc, String tenant, int count, Path file) throws Exception {
        long start = System.nanoTime();
        List<String> lines = new ArrayList<>(count + 10);
        lines.add(pad("01BGMAX               01"
                + String.format("20261202%012d", System.currentTimeMillis() % 1_000_000_000_000L) + "P"));
        lines.add(pad("05" + zeros("50501055", 10) + "          SEK"));
        long sum = 0;
        try (Connection db = DriverManager.getConnection(jdbc)) {
            db.setAutoCommit(false);
            long first;
            try (var rs = db.createStatement()
                    .executeQuery("SELECT coalesce(max(last_number), 0) FROM fees.invoice_series WHERE tenant_id = '"
                            + tenant + "'")) {
                rs.next();
                first = rs.getLong(1) + 1;
            }
            var insert = db.prepareStatement("""
                    INSERT INTO fees.invoice (id, tenant_id, number, kind, receiver_name, delivery, issued_on, due_on, ocr,
                        bankgiro, net, vat, total, created_at)
                    VALUES (?, ?::uuid, ?, 'INVOICE', 'Bänkmark Betalare', 'LETTER', current_date, current_date + 30, ?,
                        '5050-1055', ?, 0, ?, now())""");
            for (int i = 0; i < count; i++) {
                long number = first + i;
                String ocr = ocr(Long.toString(number));
                long ore = 50_000 + (number % 1000) * 100;
                insert.setObject(1, UUID.randomUUID());
                insert.setString(2, tenant);
                insert.setLong(3, number);
                insert.setString(4, ocr);
                insert.setBigDecimal(5, java.math.BigDecimal.valueOf(ore, 2));
                insert.setBigDecimal(6, java.math.BigDecimal.valueOf(ore, 2));
                insert.addBatch();
                if (i % 5000 == 4999) {
                    insert.executeBatch();
                }
                String reference = ocr;
                long paid = ore;
                if (i % 100 == 37) {
                    paid = ore / 2;
                } else if (i % 100 == 71) {
                    char last = ocr.charAt(ocr.length() - 1);
                    reference = ocr.substring(0, ocr.length() - 1) + (char) ('0' + (last - '0' + 1) % 10);
                }
                lines.add(pad("20" + zeros("9912346", 10) + " ".repeat(25 - reference.length()) + reference
                        + zeros(Long.toString(paid), 18) + "21" + zeros(Integer.toString(i + 1), 12) + "0"));
                sum += paid;
            }
            insert.executeBatch();
            db.createStatement()
                    .executeUpdate("INSERT INTO fees.invoice_series VALUES ('" + tenant + "', " + (first + count - 1)
                            + ") ON CONFLICT (tenant_id) DO UPDATE SET last_number = EXCLUDED.last_number");
            db.commit();
        }
        lines.add(pad("15" + " ".repeat(35) + LocalDate.now().toString().replace("-", "") + "00001"
                + zeros(Long.toString(sum), 18) + "SEK" + zeros(Integer.toString(count), 8) + " "));
        lines.add(pad("70" + zeros(Integer.toString(count), 8) + zeros("0", 8) + zeros("0", 8) + zeros("1", 8)));
        Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.ISO_8859_1);
        System.out.printf(
                "seeded %d open invoices and wrote a BgMax file of %d payments (%.1f MB) in %.1f s%n",
                count, count, Files.size(file) / 1e6, (System.nanoTime() - start) / 1e9);
    }

    /** Bankgirot's OCR reference with the length digit and the Luhn check digit. */
    static String ocr(String base) {
        String body = base + (base.length() + 2) % 10;
        int sum = 0;
        for (int i = 0; i < body.length(); i++) {
            int d = body.charAt(body.length() - 1 - i) - '0';
            if (i % 2 == 0) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
        }
        return body + (10 - sum % 10) % 10;
    }

    static String pad(String line) {
        return line + " ".repeat(80 - line.length());
    }

    static String zeros(String digits, int width) {
        return "0".repeat(width - digits.length()) + digits;
    }

    static int count(Connection db, String sql) throws Exception {
        try (var rs = db.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        }
    }

    static String token(HttpClient http, String base) throws IOException, InterruptedException {
        String basic = Base64.getEncoder()
                .encodeToString("vanersborg-bygg-integration:demo-api-secret".getBytes(StandardCharsets.UTF_8));
        var response = http.send(
                HttpRequest.newBuilder(URI.create(base + "/demo-idp/token"))
                        .header("Authorization", "Basic " + basic)
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "grant_type=client_credentials&scope=cases:read%20cases:write"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher m = TOKEN.matcher(response.body());
        if (!m.find()) {
            throw new IllegalStateException("No token: " + response.statusCode() + " " + response.body());
        }
        return m.group(1);
    }
}
