package dev.grove.server;

import static dev.grove.server.ProblemAssert.detail;
import static dev.grove.server.ProblemAssert.problem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.grove.internal.RunView;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The read routes of runs, health, trainers, datasets and the API's error answers, on one started server. */
class RunsApiTest {
    @TempDir
    static Path dir;
    static TestServer s;

    @BeforeAll
    static void start() throws Exception {
        s = new TestServer(dir);
        s.train("future_skills", "fs-1", 10);
        s.train("future_skills", "fs-2", 30);
        s.train("other", "o-1", 5);
    }

    @AfterAll
    static void stop() {
        s.close();
    }

    @Test
    void healthSaysTheStoreAnswersAndHowDeepTheQueueIs() {
        Http.Response r = s.http.get("/health");
        assertEquals(200, r.status());
        JsonNode h = r.json();
        assertEquals("ok", h.get("status").asText());
        assertTrue(h.get("store").get("reachable").asBoolean());
        assertEquals(0, h.get("queue").get("waiting").asInt());
        assertEquals(1, h.get("queue").get("concurrency").asInt());
        assertFalse(r.body().contains(dir.toString()), "health is open to all: it names no paths");
    }

    @Test
    void aRunHasTheKeysOfRunsShowJsonByIdVersionOrAlias() {
        JsonNode byVersion = s.http.get("/api/runs/fs-1").json();
        List<String> keys = new ArrayList<>();
        byVersion.fieldNames().forEachRemaining(keys::add);
        assertEquals(List.copyOf(RunView.of(s.runs.findByModelVersion("fs-1").orElseThrow()).keySet()), keys);
        long id = byVersion.get("run_id").asLong();
        assertEquals("fs-1", s.http.get("/api/runs/" + id).json().get("model_version").asText());
        s.grove.models().setAlias("future_skills", "champion", "fs-2", "t", "");
        assertEquals("fs-2", s.http.get("/api/runs/future_skills@champion").json().get("model_version").asText());
        assertTrue(detail(s.http.get("/api/runs/nope"), 404).contains("no run with model version 'nope'"));
        problem(s.http.get("/api/runs/999"), 404);
        problem(s.http.get("/api/runs/future_skills@nobody"), 404);
        problem(s.http.get("/api/runs/bad@Alias!"), 400);
    }

    @Test
    void listingFiltersSortsAndPagesLikeTheCli() {
        JsonNode all = s.http.get("/api/runs").json();
        assertEquals(List.of("o-1", "fs-2", "fs-1"), versions(all));
        assertFalse(all.get("more").asBoolean());
        JsonNode page = s.http.get("/api/runs?limit=2").json();
        assertEquals(List.of("o-1", "fs-2"), versions(page));
        assertTrue(page.get("more").asBoolean());
        assertEquals(List.of("fs-1"), versions(s.http.get("/api/runs?limit=2&offset=2").json()));
        assertEquals(List.of("fs-2", "fs-1"), versions(s.http.get("/api/runs?model=future_skills").json()));
        assertEquals(List.of("fs-1", "fs-2", "o-1"), versions(s.http.get("/api/runs?sort=id&asc=true").json()));
        assertEquals(List.of("fs-2"), versions(s.http.get("/api/runs?version=fs-2*").json()));
        assertEquals(3, versions(s.http.get("/api/runs?status=succeeded&trainer=smile&since=2020-01-01").json()).size());
        assertEquals(0, versions(s.http.get("/api/runs?dataset_sha256=0000").json()).size());
        assertTrue(detail(s.http.get("/api/runs?colour=red"), 400).contains("unknown query parameter 'colour'"));
        assertTrue(detail(s.http.get("/api/runs?limit=0"), 400).contains("'limit'"));
        assertTrue(detail(s.http.get("/api/runs?status=DONE"), 400).contains("status 'DONE'"));
        assertTrue(detail(s.http.get("/api/runs?sort=colour"), 400).contains("unknown field 'colour'"));
        assertTrue(detail(s.http.get("/api/runs?since=yesterday"), 400).contains("'since'"));
    }

    private static List<String> versions(JsonNode page) {
        List<String> v = new ArrayList<>();
        page.get("runs").forEach(r -> v.add(r.get("model_version").asText()));
        return v;
    }

    @Test
    void compareMarksWhatDiffers() {
        JsonNode c = s.http.get("/api/compare?runs=fs-1,fs-2").json();
        assertEquals(2, c.get("runs").size());
        assertTrue(c.get("fields").get("n_estimators").get("differs").asBoolean());
        assertFalse(c.get("fields").get("dataset_sha256").get("differs").asBoolean());
        assertTrue(c.get("fields").get("param.n_estimators").get("differs").asBoolean());
        problem(s.http.get("/api/compare?runs=fs-1"), 400);
        problem(s.http.get("/api/compare?runs=fs-1,nope"), 404);
    }

    @Test
    void trainersDatasetsQueueAndTheOpenApiDocument() {
        JsonNode t = s.http.get("/api/trainers").json();
        assertEquals(List.of("gated", "smile"), List.of(t.get(0).get("name").asText(), t.get(1).get("name").asText()));
        assertTrue(t.get(1).get("default").asBoolean());
        assertEquals("skills.csv", s.http.get("/api/datasets").json().get("datasets").get(0).get("path").asText());
        assertEquals(0, s.http.get("/api/queue").json().get("jobs").size());
        Http.Response o = s.http.get("/openapi.json");
        assertEquals(200, o.status());
        assertEquals("3.1.0", o.json().get("openapi").asText());
        Http.Response chart = s.http.get("/vendor/chart.umd.js");
        assertEquals(200, chart.status());
        assertTrue(chart.body().contains("Chart.js v" + SystemApi.chartJsVersion()), "the bundled Chart.js");
    }

    @Test
    void unknownRoutesWrongMethodsAndPagesAnswerAsProblemsWithSafeHeaders() {
        problem(s.http.get("/api/nothing-here"), 404);
        Http.Response wrong = s.http.send("PATCH", "/api/runs", "{}");
        problem(wrong, 405);
        Http.Response page = s.http.get("/");
        assertEquals(200, page.status());
        assertTrue(page.body().contains("/js/app.js"));
        assertEquals("nosniff", page.header("X-Content-Type-Options").orElseThrow());
        assertTrue(page.header("Content-Security-Policy").orElseThrow().contains("default-src 'self'"));
        assertEquals("no-store", s.http.get("/api/runs").header("Cache-Control").orElseThrow());
    }

    @Test
    void aRequestToAnotherHostNameIsRefusedSoDnsRebindingCannotReadTheApi() {
        Http.Response r = s.http.send(s.http.request("/api/runs").header("Host", "evil.example:8080").GET().build());
        assertTrue(ProblemAssert.detail(r, 403).contains("'evil.example:8080'"));
        assertEquals(200, s.http.send(s.http.request("/api/runs").header("Host", "localhost:1234").GET().build()).status());
    }
}
