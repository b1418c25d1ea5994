package dev.grove.server;

import static dev.grove.server.ProblemAssert.detail;
import static dev.grove.server.ProblemAssert.problem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.grove.run.RunQuery;
import dev.grove.run.RunStatus;
import dev.grove.run.TrainingRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Training over HTTP against a started server: accepted at once with the run id, progress as
 * server-sent events, the bounded queue (429 with Retry-After), cancelling queued and running
 * trainings, refusals, and what stopping the server does to a training in progress.
 */
class TrainingApiTest {
    @TempDir
    Path dir;

    private static String gated(String version) {
        return "{\"dataset\":\"skills.csv\",\"trainer\":\"gated\",\"n_estimators\":10,\"name\":\"future_skills\","
                + "\"model_version\":\"" + version + "\"}";
    }

    @Test
    void aTrainingIsAcceptedAtOnceWithItsRunIdAndItsProgressStreamsToTheEnd() throws Exception {
        try (TestServer s = new TestServer(dir)) {
            Http.Response r = s.writer().post("/api/runs", "{\"dataset\":\"skills.csv\",\"n_estimators\":15,"
                    + "\"random_state\":7,\"features\":\"skill_name,trend_score,scarcity_index\",\"notes\":\"api\"}");
            assertEquals(202, r.status(), r::toString);
            JsonNode run = r.json();
            String version = run.get("model_version").asText();
            assertEquals("/api/runs/" + version, r.header("Location").orElseThrow());
            assertTrue(run.get("run_id").isIntegralNumber(), "an idle worker records the run before the answer: " + run);
            assertEquals("skills", run.get("model_name").asText());

            List<Sse.Event> events = Sse.readAll(s.http, "/api/runs/" + version + "/events", null);
            assertEquals("queued", events.get(0).type());
            assertEquals("started", events.get(1).type());
            assertTrue(events.stream().anyMatch(e -> e.type().equals("recorded")
                    && e.data().get("run_id").asLong() == run.get("run_id").asLong()));
            List<String> stagesDone = events.stream().filter(e -> e.type().equals("stage") && e.data().get("done").asBoolean())
                    .map(e -> e.data().get("stage").asText()).toList();
            assertEquals(List.of("validate", "read", "profile", "split", "record-start", "fit", "evaluate", "write-artifact",
                    "verify-artifact", "record-finish"), stagesDone);
            Sse.Event done = events.get(events.size() - 1);
            assertEquals("done", done.type());
            assertEquals("SUCCEEDED", done.data().get("status").asText());
            assertEquals(List.of("skill_name", "trend_score", "scarcity_index"),
                    List.of(done.data().get("run").get("features_used").get(0).asText(),
                            done.data().get("run").get("features_used").get(1).asText(),
                            done.data().get("run").get("features_used").get(2).asText()));
            assertEquals(7, done.data().get("run").get("random_state").asInt());
            assertEquals("api", done.data().get("run").get("trained_by").asText());
            // ids count up, so a client that reconnects misses nothing and sees nothing twice
            for (int i = 0; i < events.size(); i++) {
                assertEquals(Integer.toString(i + 1), events.get(i).id());
            }
            List<Sse.Event> resumed = Sse.readAll(s.http, "/api/runs/" + version + "/events", events.get(events.size() - 3).id());
            assertEquals(2, resumed.size());
            assertEquals("done", resumed.get(1).type());

            // a run trained elsewhere gets its end as one event; without Accept: text/event-stream, 406
            s.train("future_skills", "fs-cli", 5);
            List<Sse.Event> other = Sse.readAll(s.http, "/api/runs/fs-cli/events", null);
            assertEquals(1, other.size());
            assertEquals("SUCCEEDED", other.get(0).data().get("status").asText());
            problem(s.http.get("/api/runs/" + version + "/events"), 406);
            problem(s.http.get("/api/runs/nope/events", "text/event-stream"), 404);
        }
    }

    @Test
    void theQueueIsBoundedAndCancelLeavesNoRunOrModelBehind() throws Exception {
        try (TestServer s = new TestServer(dir, b -> b.concurrency(1).queueCapacity(1))) {
            Http w = s.writer();
            JsonNode first = w.post("/api/runs", gated("g-1")).json();
            assertEquals("RUNNING", first.get("status").asText(), first::toString);
            s.gated.awaitStarted(1);
            JsonNode second = w.post("/api/runs", gated("g-2")).json();
            assertEquals("QUEUED", second.get("status").asText());
            assertEquals(1, second.get("queue_position").asInt());
            assertTrue(second.get("run_id").isNull());

            Http.Response full = w.post("/api/runs", gated("g-3"));
            assertTrue(detail(full, 429).contains("queue is full"));
            long retry = Long.parseLong(full.header("Retry-After").orElseThrow());
            assertTrue(retry >= 1 && retry <= 600, "Retry-After " + retry);
            assertTrue(detail(w.post("/api/runs", gated("g-2")), 409).contains("'g-2' already exists"));
            assertEquals(2, s.http.get("/api/queue").json().get("jobs").size());
            assertEquals(1, s.http.get("/health").json().get("queue").get("waiting").asInt());

            // cancel the queued one: nothing was read or recorded
            JsonNode cancelled = w.post("/api/runs/g-2/cancel", "{\"reason\":\"not needed\"}").json();
            assertEquals("CANCELLED", cancelled.get("status").asText());
            assertTrue(cancelled.get("error").asText().contains("not needed"));
            assertTrue(s.runs.findByModelVersion("g-2").isEmpty());
            assertEquals("done", last(Sse.readAll(s.http, "/api/runs/g-2/events", null)).type());

            // cancel the running one: its run INTERRUPTED, no model file, no folder
            long runId = first.get("run_id").asLong();
            JsonNode interrupted = w.post("/api/runs/" + runId + "/cancel", null).json();
            assertEquals("INTERRUPTED", interrupted.get("status").asText(), interrupted::toString);
            assertTrue(interrupted.get("error").asText().contains("cancelled through the API by api"));
            assertFalse(Files.exists(s.models.resolve("g-1")), "no model left behind");
            assertTrue(detail(w.post("/api/runs/g-1/cancel", null), 409).contains("has already ended"));
            s.train("future_skills", "fs-done", 5);
            assertTrue(detail(w.post("/api/runs/fs-done/cancel", null), 409).contains("is SUCCEEDED"));
            problem(w.post("/api/runs/nope/cancel", null), 404);

            // room again: the next one runs and succeeds once let through
            JsonNode third = w.post("/api/runs", gated("g-3")).json();
            s.gated.awaitStarted(2);
            s.gated.release(1);
            Sse.Event end = last(Sse.readAll(s.http, "/api/runs/g-3/events", null));
            assertEquals("SUCCEEDED", end.data().get("status").asText());
            assertTrue(Files.isRegularFile(s.models.resolve("g-3").resolve("model.bin")));
            assertTrue(third.get("run_id").isIntegralNumber());
            assertEquals(List.of(), s.runs.list(RunQuery.all().withStatus(RunStatus.RUNNING)), "no run left RUNNING");
        }
    }

    private static Sse.Event last(List<Sse.Event> events) {
        return events.get(events.size() - 1);
    }

    @Test
    void aQueuedRequestThatTurnsOutInvalidIsRefusedWithTheStatusItWouldHaveHad() throws Exception {
        try (TestServer s = new TestServer(dir, b -> b.concurrency(1).queueCapacity(2))) {
            Http w = s.writer();
            w.post("/api/runs", gated("g-1"));
            s.gated.awaitStarted(1);
            JsonNode queued = w.post("/api/runs", "{\"dataset\":\"skills.csv\",\"label\":\"nope\",\"model_version\":\"bad-1\"}")
                    .json();
            assertEquals("QUEUED", queued.get("status").asText());
            s.gated.release(1);
            Sse.Event done = last(Sse.readAll(s.http, "/api/runs/bad-1/events", null));
            assertEquals("REFUSED", done.data().get("status").asText());
            assertEquals(422, done.data().get("http_status").asInt());
            assertTrue(done.data().get("error").asText().contains("column 'nope' is not in"));
            assertEquals("REFUSED", s.http.get("/api/runs/bad-1").json().get("status").asText());
            assertTrue(s.runs.findByModelVersion("bad-1").isEmpty(), "a refused request costs no run");
        }
    }

    @Test
    void requestsAreCheckedBeforeAnythingIsQueuedOrRecorded() throws Exception {
        try (TestServer s = new TestServer(dir)) {
            Http w = s.writer();
            assertTrue(detail(w.post("/api/runs", "{}"), 400).contains("'dataset' is required"));
            assertTrue(detail(w.post("/api/runs", "{\"dataset\":\"skills.csv\",\"n_estimators\":\"many\"}"), 400)
                    .contains("'n_estimators' must be a whole number"));
            assertTrue(detail(w.post("/api/runs", "{\"dataset\":\"skills.csv\",\"save_path\":\"/etc/x\"}"), 400)
                    .contains("'save_path' cannot be set"));
            assertTrue(detail(w.post("/api/runs", "{\"dataset\":\"skills.csv\",\"query\":\"select 1\"}"), 400)
                    .contains("'query' cannot be set through the API: the server trains on CSV files"));
            assertTrue(detail(w.post("/api/runs", "{\"dataset\":\"skills.csv\",\"format\":\"parquet\"}"), 400)
                    .contains("'format' cannot be set through the API: the server trains on CSV files"));
            assertTrue(detail(w.post("/api/runs", "{\"dataset\":\"skills.csv\",\"trees\":5}"), 400)
                    .contains("unknown key 'trees'"));
            assertTrue(detail(w.post("/api/runs", "{\"dataset\":\"skills.csv\",\"trainer\":\"xgboost\"}"), 400)
                    .contains("unknown trainer 'xgboost'"));
            assertTrue(detail(w.post("/api/runs", "{\"dataset\":\"skills.csv\",\"trainer\":\"table\"}"), 400)
                    .contains("trainer 'table' reads its data where it lives, but the server trains on CSV files in its "
                            + "data folder only"));
            assertTrue(detail(w.post("/api/runs", "{\"dataset\":\"skills.csv\",\"param\":{\"colour\":\"red\"}}"), 400)
                    .contains("colour"));
            assertTrue(detail(w.post("/api/runs", "{\"dataset\":\"skills.csv\",\"test_split\":1.5}"), 400)
                    .contains("test split"));
            assertTrue(detail(w.post("/api/runs", "{\"dataset\":\"skills.csv\",\"model_version\":\"123\"}"), 400)
                    .contains("all digits"));
            assertTrue(detail(w.post("/api/runs", "{\"dataset\":\"missing.csv\"}"), 422).contains("not in the data folder"));
            problem(w.post("/api/runs", "[1,2]"), 400);
            problem(w.post("/api/runs", "text/plain", "dataset=skills.csv"), 415);
            assertEquals(List.of(), s.runs.list(RunQuery.all()), "no refused request recorded a run");
            assertEquals(0, s.http.get("/api/queue").json().get("jobs").size());
        }
    }

    @Test
    void stoppingTheServerStopsItsTrainingsAndRecordsThemInterrupted() throws Exception {
        TestServer s = new TestServer(dir, b -> b.queueCapacity(4));
        Http w = s.writer();
        long running = w.post("/api/runs", gated("g-1")).json().get("run_id").asLong();
        s.gated.awaitStarted(1);
        w.post("/api/runs", gated("g-2"));
        s.server.close();
        TrainingRun stopped = s.runs.findById(running).orElseThrow();
        assertEquals(RunStatus.INTERRUPTED, stopped.status());
        assertTrue(stopped.error().orElseThrow().contains("the server stopped"));
        assertTrue(s.runs.findByModelVersion("g-2").isEmpty());
        assertFalse(Files.exists(s.models.resolve("g-1")));
        s.runs.close();
    }

    @Test
    void theTrainingsOfTwoWorkersRunAtOnce() throws Exception {
        try (TestServer s = new TestServer(dir, b -> b.concurrency(2).queueCapacity(0))) {
            Http w = s.writer();
            assertEquals("RUNNING", w.post("/api/runs", gated("g-1")).json().get("status").asText());
            assertEquals("RUNNING", w.post("/api/runs", gated("g-2")).json().get("status").asText());
            s.gated.awaitStarted(2);
            problem(w.post("/api/runs", gated("g-3")), 429);
            s.gated.release(2);
            for (String v : List.of("g-1", "g-2")) {
                assertEquals("SUCCEEDED", last(Sse.readAll(s.http, "/api/runs/" + v + "/events", null)).data()
                        .get("status").asText());
            }
            waitFor(() -> s.http.get("/health").json().get("queue").get("running").asInt() == 0);
        }
    }

    static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 10 s");
            }
            Thread.sleep(20);
        }
    }
}
