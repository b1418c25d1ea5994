package dev.grove.server;

import static dev.grove.server.ProblemAssert.detail;
import static dev.grove.server.ProblemAssert.problem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.grove.InvalidRequestException;
import dev.grove.NotFoundException;
import dev.grove.internal.GroveJson;
import dev.grove.internal.RetrainView;
import dev.grove.retrain.RetrainOutcome;
import dev.grove.retrain.RetrainPolicy;
import dev.grove.retrain.TriggerEvaluation;
import dev.grove.testing.CsvCopies;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A model's trigger history over HTTP ({@code GET /api/models/{name}/retraining}) and the server
 * retraining a model on a schedule ({@link GroveServer.Builder#retrain}), on a real SQLite store.
 */
class RetrainingApiTest {
    private static final String MODEL = "future_skills";
    private static final String ROW = "{\"skill_name\":\"python\",\"job_family\":\"Engineering\",\"trend_score\":81,"
            + "\"internal_usage\":64,\"training_requests\":31,\"scarcity_index\":0.72,\"hiring_difficulty\":7,"
            + "\"avg_salary_k\":96,\"economic_indicator\":104}";

    @TempDir
    Path dir;

    /** The CSV the holder was trained on, with some values changed: new data. */
    private static void changeRows(Path csv) throws Exception {
        String before = Files.readString(csv);
        String after = before.replace(",5,", ",4,");
        assertTrue(!after.equals(before), "the sample has values to change");
        Files.writeString(csv, after);
    }

    private static List<String> outcomes(JsonNode history) {
        List<String> o = new ArrayList<>();
        history.forEach(e -> o.add(e.get("outcome").asText()));
        return o;
    }

    @Test
    void theTriggerHistoryHasTheKeysAndValuesOfRetrainHistoryJsonOldestFirst() throws Exception {
        try (TestServer s = new TestServer(dir)) {
            s.train(MODEL, "fs-1", 10);
            s.grove.models().setAlias(MODEL, "production", "fs-1", "ci", "");
            s.train("other", "o-1", 3);
            String path = "/api/models/" + MODEL + "/retraining";
            assertEquals("[]", s.http.get(path).body().replaceAll("\\s", ""), "an existing model never evaluated");

            TriggerEvaluation same = s.grove.retrainer().check(MODEL, RetrainPolicy.defaults().by("ci"));
            assertEquals(RetrainOutcome.UNCHANGED, same.outcome());
            changeRows(s.data.resolve("skills.csv"));
            TriggerEvaluation fresh = s.grove.retrainer().check(MODEL, RetrainPolicy.defaults().by("ci"));
            assertEquals(RetrainOutcome.TRAINED, fresh.outcome());

            Http.Response r = s.http.get(path);
            assertEquals(200, r.status(), r::toString);
            assertTrue(r.contentType().startsWith("application/json"), r.contentType());
            JsonNode served = r.json();
            List<TriggerEvaluation> recorded = s.runs.retraining().evaluations(MODEL);
            assertEquals(List.of("UNCHANGED", "TRAINED"), outcomes(served));
            // exactly what grove retrain --history NAME --json prints: the same maps, keys in the same order
            JsonNode expected = GroveJson.reader().readTree(GroveJson.pretty(recorded.stream().map(RetrainView::of).toList()));
            assertEquals(expected, served);
            for (int i = 0; i < recorded.size(); i++) {
                List<String> keys = new ArrayList<>();
                served.get(i).fieldNames().forEachRemaining(keys::add);
                assertEquals(List.copyOf(RetrainView.of(recorded.get(i)).keySet()), keys);
            }
            JsonNode trained = served.get(1);
            assertTrue(trained.get("reasons").get(0).asText().startsWith("new data: fingerprint"), trained.toString());
            long challenger = trained.get("challenger_run_id").asLong();
            assertEquals(challenger, s.http.get("/api/runs/" + challenger).json().get("run_id").asLong());
            assertTrue(served.get(0).get("challenger_run_id").isNull() && served.get(0).get("promoted").isNull());

            // the schema documents exactly these keys
            Set<String> documented = new TreeSet<>();
            s.http.get("/openapi.json").json().get("components").get("schemas").get("TriggerEvaluation").get("properties")
                    .fieldNames().forEachRemaining(documented::add);
            assertEquals(new TreeSet<>(RetrainView.of(fresh).keySet()), documented);

            // another model's history is its own; a missing model is a 404 like GET /api/models/{name}
            assertEquals(0, s.http.get("/api/models/other/retraining").json().size());
            assertTrue(detail(s.http.get("/api/models/nobody/retraining"), 404).contains("no model named 'nobody'"));
            problem(s.http.get("/api/models/nobody"), 404);
            assertTrue(detail(s.http.get("/api/models/bad!name/retraining"), 400).contains("model name 'bad!name'"));
            problem(s.writer().post(path, "{}"), 405);
        }
    }

    @Test
    void theHistoryIsAReadLikeTheOtherReads() throws Exception {
        try (TestServer s = new TestServer(dir, b -> b.readsNeedToken(true))) {
            s.train(MODEL, "fs-1", 3);
            String path = "/api/models/" + MODEL + "/retraining";
            problem(s.http.get(path), 401);
            problem(new Http(s.server.uri()).token("not-the-token-at-all-000").get(path), 401);
            assertEquals(200, s.writer().get(path).status());
            assertEquals(401, s.http.get("/api/models/" + MODEL).status(), "as its model");
        }
    }

    /**
     * Embedded with a retraining schedule: the first check finds nothing new; once the rows are
     * fixed a check trains a better challenger that the gate promotes, and the live model serves
     * it at once although the server polls aliases only hourly. Closing ends the schedule.
     */
    @Test
    void aServerRetrainsOnItsScheduleAndServesWhatThePromotionMoved() throws Exception {
        Path truth = dir.resolve("truth.csv");
        try (TestServer s = new TestServer(dir.resolve("srv"))) {
            Path csv = s.data.resolve("skills.csv");
            Files.copy(csv, truth);
            CsvCopies.shuffleLabels(truth, 3, csv); // the labels were wrong when the holder was trained
            s.train(MODEL, "fs-1", 20);
            s.grove.models().setAlias(MODEL, "production", "fs-1", "ci", "");

            GroveServer retraining = GroveServer.builder(s.grove).port(0).dataDir(s.data).token(TestServer.TOKEN)
                    .livePoll(Duration.ofHours(1)).retrain(MODEL, RetrainPolicy.defaults().by("scheduler"),
                            Duration.ofMillis(100)).start();
            Http http = new Http(retraining.uri());
            String history = "/api/models/" + MODEL + "/retraining";
            String predict = "/api/models/" + MODEL + "/predict?model=@production";
            try {
                JsonNode first = poll(http, history, h -> h.size() >= 1);
                assertEquals("UNCHANGED", first.get(0).get("outcome").asText(), first.toString());
                assertEquals("fs-1", http.post(predict, "{\"rows\":[" + ROW + "]}").json().get("model_version").asText());

                Path fixed = Files.copy(truth, s.dir.resolve("fixed.csv"));
                Files.move(fixed, csv, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING); // the rows fixed
                JsonNode trained = poll(http, history, h -> outcomes(h).contains("TRAINED"));
                JsonNode t = trained.get(outcomes(trained).indexOf("TRAINED"));
                assertTrue(t.get("promoted").asBoolean(), t.toString());
                assertEquals("scheduler", t.get("actor").asText());
                String challenger = s.http.get("/api/runs/" + t.get("challenger_run_id").asLong()).json()
                        .get("model_version").asText();
                assertEquals(challenger, s.grove.models().alias(MODEL, "production").orElseThrow().version());
                long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
                String servedVersion;
                do {
                    servedVersion = http.post(predict, "{\"rows\":[" + ROW + "]}").json().get("model_version").asText();
                } while (!servedVersion.equals(challenger) && System.nanoTime() < deadline && pause());
                assertEquals(challenger, servedVersion, "the promotion reached the served model without waiting for the poll");
                JsonNode later = poll(http, history, h -> h.size() >= outcomes(h).indexOf("TRAINED") + 2);
                assertEquals("UNCHANGED", later.get(later.size() - 1).get("outcome").asText(), later.toString());
            } finally {
                retraining.close();
            }
            int after = s.runs.retraining().evaluations(MODEL).size();
            Thread.sleep(400);
            assertEquals(after, s.runs.retraining().evaluations(MODEL).size(), "closed: no more checks");
        }
    }

    @Test
    void aScheduleForAModelOrAliasThatDoesNotExistStartsNothing() throws Exception {
        try (TestServer s = new TestServer(dir)) {
            s.train(MODEL, "fs-1", 3);
            int port;
            try (ServerSocket free = new ServerSocket(0)) {
                port = free.getLocalPort();
            }
            GroveServer.Builder unknown = GroveServer.builder(s.grove).port(port).dataDir(s.data)
                    .retrain("nobody", RetrainPolicy.defaults(), Duration.ofMillis(50));
            assertTrue(assertThrows(NotFoundException.class, unknown::start).getMessage()
                    .startsWith("cannot retrain nobody@production: no model named 'nobody'"));
            GroveServer.Builder noAlias = GroveServer.builder(s.grove).port(port).dataDir(s.data)
                    .retrain(MODEL, RetrainPolicy.defaults(), Duration.ofMillis(50));
            assertTrue(assertThrows(NotFoundException.class, noAlias::start).getMessage()
                    .contains("cannot retrain future_skills@production: model future_skills has no alias 'production'"));
            Thread.sleep(200);
            assertEquals(List.of(), s.runs.retraining().evaluations("nobody"), "no check ran");
            assertEquals(List.of(), s.runs.retraining().evaluations(MODEL), "no check ran");
            try (ServerSocket again = new ServerSocket(port)) {
                assertEquals(port, again.getLocalPort(), "the port was never bound");
            }
            GroveServer.Builder twice = GroveServer.builder(s.grove).retrain(MODEL, RetrainPolicy.defaults(), Duration.ofMinutes(1));
            assertTrue(assertThrows(InvalidRequestException.class, () -> twice.retrain(MODEL, RetrainPolicy.defaults()
                    .withNewData(false), Duration.ofMinutes(5))).getMessage().contains("scheduled for retraining twice"));
            assertThrows(InvalidRequestException.class, () -> twice.retrain("bad name", RetrainPolicy.defaults(),
                    Duration.ofMinutes(1)));
            assertThrows(InvalidRequestException.class, () -> twice.retrain("m", RetrainPolicy.defaults(), Duration.ZERO));
        }
    }

    private static boolean pause() {
        try {
            Thread.sleep(50);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Reads {@code path} until {@code done} holds of it (at most 60 s). */
    private static JsonNode poll(Http http, String path, java.util.function.Predicate<JsonNode> done) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        JsonNode j;
        do {
            j = http.get(path).json();
        } while (!done.test(j) && System.nanoTime() < deadline && pause());
        assertTrue(done.test(j), "not reached within 60 s: " + j);
        return j;
    }
}
