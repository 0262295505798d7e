import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Load driver for bench/reports.sh (compiled with CaseLoad, whose timing helpers it uses; run as
 * java ReportLoad BASE_URL JDBC_URL API_KEY SECONDS THREADS). Measures Open311 request lists at the
 * specification's defaults and with filters, a single request, and report submissions per second through
 * POST /open311/v2/requests against the same writes over raw JDBC.
 */
public class ReportLoad {

    public static void main(String[] args) throws Exception {
        String base = args[0];
        String jdbc = args[1];
        String apiKey = args[2];
        int seconds = Integer.parseInt(args[3]);
        int threads = Integer.parseInt(args[4]);
        String open311 = base + "/open311/v2";
        String j = "jurisdiction_id=vanersborg.se";

        HttpClient client = CaseLoad.client();
        List<Long> services = CaseLoad.timed(client, open311 + "/services.json?" + j, 200);
        List<Long> defaults = CaseLoad.timed(client, open311 + "/requests.json?" + j, 100);
        List<Long> defaultsLoaded =
                CaseLoad.timedConcurrently(client, open311 + "/requests.json?" + j, CaseLoad.CLIENTS, 5);
        List<Long> xml = CaseLoad.timed(client, open311 + "/requests.xml?" + j, 100);
        List<Long> filtered = CaseLoad.timed(
                client, open311 + "/requests.json?" + j + "&service_code=gatubelysning,vattenlacka&status=open", 100);
        List<Long> paged = CaseLoad.timed(client, open311 + "/requests.json?" + j + "&page_size=100&page=50", 100);
        List<Long> one = CaseLoad.timed(client, open311 + "/requests/BENCH-4242.json?" + j, 200);
        int rows = CaseLoad.get(client, open311 + "/requests.json?" + j).split("\"service_request_id\"").length - 1;

        double http = submissions(open311, j, apiKey, seconds, threads);
        double raw = baseline(jdbc, seconds, threads);

        CaseLoad.report("services.json", services);
        CaseLoad.report("requests.json (" + rows + " rows)", defaults);
        CaseLoad.report("  at " + CaseLoad.CLIENTS + " clients", defaultsLoaded);
        CaseLoad.report("requests.xml (" + rows + " rows)", xml);
        CaseLoad.report("requests, 2 codes + open", filtered);
        CaseLoad.report("requests, page 50 of 100", paged);
        CaseLoad.report("requests/{id}.json", one);
        System.out.printf(
                "requests.json / services.json p50: %.1f%n",
                defaults.get(defaults.size() / 2) / (double) services.get(services.size() / 2));
        System.out.printf("reports through Open311:    %8.1f reports/s (%d threads, %d s)%n", http, threads, seconds);
        System.out.printf("same writes over JDBC:      %8.1f reports/s%n", raw);
        System.out.printf("Samla / raw SQL:            %8.2f%n", http / raw);
    }

    static double submissions(String open311, String j, String apiKey, int seconds, int threads) throws Exception {
        return CaseLoad.perSecond(seconds, threads, running -> {
            HttpClient client = CaseLoad.client();
            int count = 0;
            while (running.get()) {
                var random = ThreadLocalRandom.current();
                String form = j + "&api_key=" + CaseLoad.enc(apiKey) + "&service_code=hal-i-gata"
                        + "&lat=" + (58.37 + random.nextDouble() * 0.02) + "&long="
                        + (12.30 + random.nextDouble() * 0.04)
                        + "&description=" + CaseLoad.enc("Hål i gatan, mätning " + count)
                        + "&email=" + CaseLoad.enc("bench" + count + "@bench.example.org");
                var response = client.send(
                        HttpRequest.newBuilder(URI.create(open311 + "/requests.json"))
                                .header("Content-Type", "application/x-www-form-urlencoded")
                                .POST(HttpRequest.BodyPublishers.ofString(form))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 200) {
                    throw new IllegalStateException(
                            "POST requests answered " + response.statusCode() + ": " + response.body());
                }
                count++;
            }
            return count;
        });
    }

    /**
     * The writes one report makes, straight over JDBC: those of its case, then the report, its update and
     * its follower, and the second outbox row (the followers' e-mail).
     */
    static double baseline(String url, int seconds, int threads) throws Exception {
        try {
            return rawRate(url, seconds, threads);
        } finally {
            // the outbox rows of the raw writes have no listener: left, they would be the application's to retry
            try (Connection c = DriverManager.getConnection(url)) {
                CaseLoad.exec(c, "DELETE FROM event_publication WHERE listener_id = 'raw'");
            }
        }
    }

    static double rawRate(String url, int seconds, int threads) throws Exception {
        return CaseLoad.perSecond(seconds, threads, running -> {
            int count = 0;
            try (Connection c = DriverManager.getConnection(url)) {
                c.setAutoCommit(false);
                String tenant = CaseLoad.one(c, "SELECT id::text FROM tenancy.tenant WHERE slug = 'vanersborg'");
                while (running.get()) {
                    String[] made = CaseLoad.rawCase(
                            c,
                            tenant,
                            "RAWR",
                            "hal-i-gata",
                            "SBF-GATA",
                            "OPEN311",
                            "{\"description\":\"Hål i gatan\",\"email\":\"bench@bench.example.org\"}",
                            "Hål i gatan");
                    String id = made[0];
                    CaseLoad.exec(
                            c,
                            "INSERT INTO reports.report (case_id, tenant_id, public_id, submission_id, category, unit, "
                                    + "status, latitude, longitude, northing, easting, area, reported_at, updated_at) VALUES ('"
                                    + id
                                    + "', '" + tenant + "', '"
                                    + made[1].replace(' ', '-').replace('/', '-') + "', gen_random_uuid(), "
                                    + "'hal-i-gata', 'SBF-GATA', 'mottagen', 58.38, 12.32, 6473000, 343000, 'centrum', now(), now())");
                    CaseLoad.exec(
                            c,
                            "INSERT INTO reports.report_update VALUES (gen_random_uuid(), '" + tenant + "', '" + id
                                    + "', 'RECEIVED', 'mottagen', false, NULL, now())");
                    CaseLoad.exec(
                            c,
                            "INSERT INTO reports.subscriber VALUES ('" + tenant + "', '" + id
                                    + "', 'bench@bench.example.org', now())");
                    CaseLoad.exec(
                            c,
                            "INSERT INTO event_publication (id, listener_id, event_type, serialized_event, "
                                    + "publication_date) VALUES (gen_random_uuid(), 'raw', 'raw', '{}', now())");
                    c.commit();
                    count++;
                }
            }
            return count;
        });
    }
}
