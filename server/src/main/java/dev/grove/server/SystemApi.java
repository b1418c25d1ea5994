package dev.grove.server;

import dev.grove.Grove;
import dev.grove.run.RunQuery;
import dev.grove.train.Trainer;
import dev.grove.train.TrainerRegistry;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/** Health, the trainers on the class path, the OpenAPI document, and the bundled chart library. */
final class SystemApi {
    static final String OPENAPI = "/dev/grove/server/openapi.json";
    private static final String CHART_JS_POM = "/META-INF/maven/org.webjars.npm/chart.js/pom.properties";

    private final Grove grove;
    private final TrainingQueue queue;
    private final byte[] openapi;
    private final byte[] chartJs;

    SystemApi(Grove grove, TrainingQueue queue) {
        this.grove = grove;
        this.queue = queue;
        this.openapi = resource(OPENAPI);
        this.chartJs = resource("/META-INF/resources/webjars/chart.js/" + chartJsVersion() + "/dist/chart.umd.min.js");
    }

    /** The Chart.js version the WebJar on the class path carries (so no page names a version). */
    static String chartJsVersion() {
        Properties p = new Properties();
        try (InputStream in = SystemApi.class.getResourceAsStream(CHART_JS_POM)) {
            if (in == null) {
                throw new IllegalStateException("the Chart.js WebJar (org.webjars.npm:chart.js) is not on the class path");
            }
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p.getProperty("version");
    }

    private static byte[] resource(String path) {
        try (InputStream in = SystemApi.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException(path + " is missing from the class path");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * GET /health: 200 when the run store answers, 503 when it does not; the queue's depth either
     * way. Open to all (a load balancer asks it), so it tells no paths.
     */
    void health(Context ctx) {
        Map<String, Object> store = new LinkedHashMap<>();
        boolean ok;
        long start = System.nanoTime();
        try {
            grove.runs().list(RunQuery.all().withLimit(1));
            ok = true;
        } catch (RuntimeException e) {
            ok = false;
            store.put("error", Problems.oneLine(e.getMessage()));
        }
        store.put("reachable", ok);
        store.put("millis", (System.nanoTime() - start) / 1_000_000.0);
        Map<String, Object> q = new LinkedHashMap<>();
        q.put("running", queue.runningCount());
        q.put("waiting", queue.waitingCount());
        q.put("concurrency", queue.concurrency());
        q.put("capacity", queue.capacity());
        Map<String, Object> h = new LinkedHashMap<>();
        h.put("status", ok ? "ok" : "unavailable");
        h.put("grove_version", Grove.version());
        h.put("store", store);
        h.put("queue", q);
        ctx.status(ok ? 200 : 503);
        Json.write(ctx, h);
    }

    /** GET /api/trainers: as {@code grove trainers --json}. */
    void trainers(Context ctx) {
        TrainerRegistry registry = grove.trainers();
        List<Trainer> all = registry.all();
        String preferred = all.isEmpty() ? "" : registry.defaultTrainer().name();
        Json.write(ctx, all.stream().map(t -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", t.name());
            m.put("version", t.version());
            m.put("default", t.name().equals(preferred));
            m.put("class", t.getClass().getName());
            m.put("description", t.description());
            return m;
        }).toList());
    }

    /** GET /openapi.json: the API's description, kept as a file (a test holds it to the routes). */
    void openapi(Context ctx) {
        ctx.contentType("application/json; charset=utf-8").result(openapi);
    }

    /** GET /vendor/chart.umd.js: Chart.js from its WebJar, for the dashboard (nothing comes from a CDN). */
    void chartJs(Context ctx) {
        ctx.header("Cache-Control", "max-age=86400").contentType("text/javascript; charset=utf-8").result(chartJs);
    }
}
