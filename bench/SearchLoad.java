import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Measures the one search (/sok): each query alone at one client, then a mix of what residents type at many clients
 * for a while, anonymously and as a logged-in resident (whose own cases are searched too). Reuses CaseLoad's client.
 */
public class SearchLoad {

    static final String[] QUERIES = {
        "bygglov för altan",
        "altanen",
        "bygglv",
        "attefall",
        "idrottshall",
        "trasig gatlampa",
        "ekonomiskt bistånd",
        "BENCH 471100",
        "Edsgatan 12",
        "förening",
        "xqzvw"
    };

    public static void main(String[] args) throws Exception {
        String base = args[0];
        int clients = Integer.parseInt(args[1]);
        int seconds = Integer.parseInt(args[2]);
        String tenant = base + "/t/vanersborg";

        HttpClient anonymous = CaseLoad.client();
        for (String q : QUERIES) {
            CaseLoad.report("'" + q + "', 1 client", CaseLoad.timed(anonymous, url(tenant, q), 50));
        }
        mixed("anonymous mix", anonymous, tenant, clients, 5);
        mixed("anonymous mix", anonymous, tenant, clients, seconds);
        HttpClient resident = CaseLoad.login(base, tenant, "resident", "tolvan");
        mixed("logged-in mix", resident, tenant, clients, seconds);
    }

    static String url(String tenant, String q) {
        return tenant + "/sok?q=" + CaseLoad.enc(q);
    }

    /** Each client asks for the queries in random order for the time given; throughput and latencies of all. */
    static void mixed(String what, HttpClient client, String tenant, int clients, int seconds) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        AtomicBoolean running = new AtomicBoolean(true);
        List<Future<List<Long>>> each = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            each.add(pool.submit(() -> {
                List<Long> micros = new ArrayList<>();
                while (running.get()) {
                    String q = QUERIES[ThreadLocalRandom.current().nextInt(QUERIES.length)];
                    long begin = System.nanoTime();
                    CaseLoad.get(client, url(tenant, q));
                    micros.add((System.nanoTime() - begin) / 1000);
                }
                return micros;
            }));
        }
        Thread.sleep(seconds * 1000L);
        running.set(false);
        List<Long> all = new ArrayList<>();
        for (var f : each) {
            all.addAll(f.get());
        }
        pool.shutdown();
        Collections.sort(all);
        System.out.printf(
                "%s at %d clients: %.1f searches/s over %d s%n", what, clients, all.size() / (double) seconds, seconds);
        CaseLoad.report("  " + what, all);
    }
}
