// A load run against a running `grove serve` (bench/serve-load.sh starts one): many readers and
// predict calls at once while trainings are queued, run and promoted; then proves that every
// accepted training ended and none is left RUNNING. Runs as a single-file program on grove.jar's
// class path (for Jackson and, with `sql`, the JDBC drivers):
//
//   java -cp cli/target/grove.jar bench/ServeLoad.java URL TOKEN [SECONDS=30] [READERS=16] [PREDICTORS=4] [TRAININGS=12]
//   java -cp cli/target/grove.jar bench/ServeLoad.java sql JDBC-URL "create schema x"
//
// Prints one Markdown table: per kind of request, how many, throughput, p50/p99/max latency, errors;
// then the trainings' outcome. Exit 1 when a training was lost or left RUNNING, or a read failed.
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

public class ServeLoad {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String ROW = "{\"skill_name\":\"python\",\"job_family\":\"Engineering\",\"trend_score\":81,\"internal_usage\":64,"
            + "\"training_requests\":31,\"scarcity_index\":0.72,\"hiring_difficulty\":7,\"avg_salary_k\":96,\"economic_indicator\":104}";

    /** Latencies (ns) and errors of one kind of request. */
    static final class Stats {
        final List<Long> nanos = Collections.synchronizedList(new ArrayList<>());
        final AtomicInteger errors = new AtomicInteger();
        final List<String> samples = new CopyOnWriteArrayList<>();
    }

    static final Map<String, Stats> STATS = new ConcurrentHashMap<>();
    static HttpClient client;
    static URI base;
    static String token;

    public static void main(String[] args) throws Exception {
        if (args[0].equals("sql")) {
            try (var c = java.sql.DriverManager.getConnection(args[1]); var st = c.createStatement()) {
                st.execute(args[2]);
            }
            return;
        }
        base = URI.create(args[0].endsWith("/") ? args[0] : args[0] + "/");
        token = args[1];
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 30;
        int readers = args.length > 3 ? Integer.parseInt(args[3]) : 16;
        int predictors = args.length > 4 ? Integer.parseInt(args[4]) : 4;
        int trainings = args.length > 5 ? Integer.parseInt(args[5]) : 12;
        client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

        AtomicBoolean stop = new AtomicBoolean();
        List<Thread> threads = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < readers; i++) {
            long seed = i;
            threads.add(new Thread(() -> read(stop, new Random(seed)), "reader-" + i));
        }
        for (int i = 0; i < predictors; i++) {
            long seed = 100 + i;
            threads.add(new Thread(() -> predict(stop, new Random(seed)), "predictor-" + i));
        }
        threads.forEach(Thread::start);
        List<String> accepted = train(trainings, seconds);
        long trainedBy = System.nanoTime();
        while ((System.nanoTime() - start) / 1e9 < seconds) {
            Thread.sleep(100);
        }
        stop.set(true);
        for (Thread t : threads) {
            t.join();
        }
        double elapsed = (System.nanoTime() - start) / 1e9;

        // every accepted training ended, and the store holds no RUNNING run
        Map<String, Integer> outcomes = new TreeMap<>();
        for (String v : accepted) {
            outcomes.merge(call("GET", "api/runs/" + v, null, "check").path("status").asText("LOST"), 1, Integer::sum);
        }
        int running = call("GET", "api/runs?status=RUNNING&limit=1000", null, "check").path("runs").size();
        int waiting = call("GET", "health", null, "check").path("queue").path("waiting").asInt(-1);

        System.out.printf("%n| request | count | per s | p50 ms | p99 ms | max ms | errors |%n|---|---:|---:|---:|---:|---:|---:|%n");
        long total = 0;
        for (var e : new TreeMap<>(STATS).entrySet()) {
            if (e.getKey().equals("check")) {
                continue;
            }
            List<Long> n = new ArrayList<>(e.getValue().nanos);
            Collections.sort(n);
            total += n.size();
            System.out.printf("| %s | %d | %.1f | %.1f | %.1f | %.1f | %d |%n", e.getKey(), n.size(), n.size() / elapsed,
                    pct(n, 0.50), pct(n, 0.99), n.isEmpty() ? 0 : n.get(n.size() - 1) / 1e6, e.getValue().errors.get());
        }
        System.out.printf("%nAll requests: %d in %.1f s = %.0f per second, with %d readers and %d predictors.%n", total,
                elapsed, total / elapsed, readers, predictors);
        System.out.printf("Trainings: %d accepted (all done %.1f s after the start), outcomes %s; RUNNING after: %d; "
                + "waiting: %d.%n", accepted.size(), (trainedBy - start) / 1e9, outcomes, running, waiting);
        STATS.forEach((k, s) -> s.samples.stream().limit(3).forEach(x -> System.out.println("  sample " + k + " error: " + x)));
        boolean lost = outcomes.getOrDefault("SUCCEEDED", 0) != accepted.size() || running != 0;
        boolean readErrors = STATS.entrySet().stream().filter(e -> !e.getKey().startsWith("POST /api/runs"))
                .anyMatch(e -> e.getValue().errors.get() > 0);
        if (lost || readErrors) {
            System.out.println("FAILED: " + (lost ? "a training was lost or left RUNNING" : "some requests failed"));
            System.exit(1);
        }
    }

    static double pct(List<Long> sorted, double p) {
        return sorted.isEmpty() ? 0 : sorted.get((int) Math.min(sorted.size() - 1, Math.floor(p * sorted.size()))) / 1e6;
    }

    static void read(AtomicBoolean stop, Random r) {
        while (!stop.get()) {
            switch (r.nextInt(4)) {
                case 0 -> call("GET", "api/runs?limit=20", null, "GET /api/runs");
                case 1 -> call("GET", "api/runs/" + (1 + r.nextInt(2)), null, "GET /api/runs/{id}");
                case 2 -> call("GET", "api/models/future_skills", null, "GET /api/models/{name}");
                default -> call("GET", "health", null, "GET /health");
            }
        }
    }

    static void predict(AtomicBoolean stop, Random r) {
        String rows = "{\"rows\":[" + String.join(",", Collections.nCopies(10, ROW)) + "],\"probabilities\":true}";
        while (!stop.get()) {
            String alias = r.nextBoolean() ? "@production" : "@staging";
            call("POST", "api/models/future_skills/predict?model=" + alias, rows, "POST predict (10 rows)");
        }
    }

    /** Submits the trainings at an even pace (waiting out 429s), promotes each finished one to staging. */
    static List<String> train(int n, int seconds) throws Exception {
        List<String> accepted = new ArrayList<>();
        long gap = Math.max(0, seconds * 1000L / 2 / Math.max(1, n));
        for (int i = 1; i <= n; i++) {
            String version = "load-" + System.currentTimeMillis() + "-" + i;
            String body = "{\"dataset\":\"future_skills_dataset.csv\",\"name\":\"future_skills\",\"model_version\":\""
                    + version + "\",\"n_estimators\":200,\"random_state\":" + i + "}";
            while (true) {
                HttpResponse<String> r = send("POST", "api/runs", body, "POST /api/runs");
                if (r != null && r.statusCode() == 202) {
                    accepted.add(version);
                    break;
                }
                if (r != null && r.statusCode() == 429) {
                    STATS.computeIfAbsent("POST /api/runs → 429", k -> new Stats()).nanos.add(0L);
                    Thread.sleep(1000L * Long.parseLong(r.headers().firstValue("Retry-After").orElse("1")));
                    continue;
                }
                throw new IllegalStateException("training refused: " + (r == null ? "no answer" : r.statusCode() + " " + r.body()));
            }
            Thread.sleep(gap);
        }
        for (String v : accepted) { // wait for each, then move staging to it (a write while readers read)
            while (!call("GET", "api/runs/" + v, null, "check").path("finished_at").isTextual()) {
                Thread.sleep(200);
            }
            call("PUT", "api/models/future_skills/aliases/staging", "{\"version\":\"" + v + "\"}", "PUT alias");
        }
        return accepted;
    }

    static JsonNode call(String method, String path, String json, String kind) {
        HttpResponse<String> r = send(method, path, json, kind);
        try {
            return r == null ? JSON.createObjectNode() : JSON.readTree(r.body());
        } catch (Exception e) {
            return JSON.createObjectNode();
        }
    }

    static HttpResponse<String> send(String method, String path, String json, String kind) {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(60))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            b.header("Content-Type", "application/json");
        }
        if (!method.equals("GET")) {
            b.header("Authorization", "Bearer " + token);
        }
        Stats s = STATS.computeIfAbsent(kind, k -> new Stats());
        long t0 = System.nanoTime();
        try {
            HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
            if (!kind.equals("check")) {
                s.nanos.add(System.nanoTime() - t0);
            }
            if (r.statusCode() >= 400 && !(kind.equals("POST /api/runs") && r.statusCode() == 429)) {
                s.errors.incrementAndGet();
                s.samples.add(r.statusCode() + " " + r.body());
            }
            return r;
        } catch (Exception e) {
            s.errors.incrementAndGet();
            s.samples.add(e.toString());
            return null;
        }
    }
}
