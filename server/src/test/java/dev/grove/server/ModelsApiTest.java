package dev.grove.server;

import static dev.grove.server.ProblemAssert.detail;
import static dev.grove.server.ProblemAssert.problem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The registry and predictions over HTTP: every models route, the gate's refusal, the live model following the alias. */
class ModelsApiTest {
    private static final String ROW = "{\"skill_name\":\"python\",\"job_family\":\"Engineering\",\"trend_score\":81,"
            + "\"internal_usage\":64,\"training_requests\":31,\"scarcity_index\":0.72,\"hiring_difficulty\":7,"
            + "\"avg_salary_k\":96,\"economic_indicator\":104}";

    @TempDir
    Path dir;
    TestServer s;
    Http w;

    @BeforeEach
    void start() throws Exception {
        s = new TestServer(dir, b -> b.livePoll(Duration.ofMillis(200)));
        w = s.writer();
        s.train("future_skills", "fs-1", 20);
        s.train("future_skills", "fs-weak", 1);
    }

    @AfterEach
    void stop() {
        s.close();
    }

    @Test
    void aliasesAreSetPromotedThroughTheGateRolledBackAndDeletedWithHistory() {
        assertEquals("future_skills", s.http.get("/api/models").json().get(0).get("name").asText());
        JsonNode set = w.put("/api/models/future_skills/aliases/production", "{\"version\":\"fs-1\",\"reason\":\"first\"}").json();
        assertEquals("SET", set.get("action").asText());
        assertEquals("api", set.get("actor").asText());

        // the gate refuses the weak challenger: 409, the refusal recorded, the alias unmoved
        Http.Response refused = w.post("/api/models/future_skills/promote", "{\"version\":\"fs-weak\",\"alias\":\"production\","
                + "\"by\":\"ci\"}");
        JsonNode p = problem(refused, 409);
        assertTrue(p.get("detail").asText().startsWith("refused: future_skills@production stays at fs-1"), p.toString());
        assertEquals("REFUSE", p.get("change").get("action").asText());
        assertEquals("fs-1", s.grove.models().alias("future_skills", "production").orElseThrow().version());

        JsonNode forced = w.post("/api/models/future_skills/promote", "{\"version\":\"fs-weak\",\"alias\":\"production\","
                + "\"force\":true,\"reason\":\"testing\"}").json();
        assertTrue(forced.get("moved").asBoolean());
        assertEquals("FORCE", forced.get("action").asText());
        JsonNode back = w.send("POST", "/api/models/future_skills/aliases/production/rollback", null).json();
        assertEquals("ROLLBACK", back.get("action").asText());
        assertEquals("fs-1", back.get("to_version").asText());

        JsonNode model = s.http.get("/api/models/future_skills").json();
        assertEquals("fs-1", model.get("aliases").get(0).get("model_version").asText());
        assertEquals(2, model.get("versions").size());
        assertEquals(List.of("SET", "REFUSE", "FORCE", "ROLLBACK"), actions(model));

        assertEquals("DELETE", w.delete("/api/models/future_skills/aliases/production").json().get("action").asText());
        problem(w.delete("/api/models/future_skills/aliases/production"), 404);
        problem(s.http.get("/api/models/nobody"), 404);
        problem(w.put("/api/models/nobody/aliases/production", "{\"version\":\"fs-1\"}"), 404);
        assertTrue(detail(w.put("/api/models/future_skills/aliases/Bad", "{\"version\":\"fs-1\"}"), 400).contains("alias 'Bad'"));
        assertTrue(detail(w.put("/api/models/future_skills/aliases/production", "{\"version\":\"nope\"}"), 400)
                .contains("has no version 'nope'"));
        assertTrue(detail(w.put("/api/models/future_skills/aliases/production", "{\"versoin\":\"fs-1\"}"), 400)
                .contains("unknown key 'versoin'"));
        assertTrue(detail(w.post("/api/models/future_skills/promote", "{\"version\":\"fs-1\"}"), 400).contains("'alias'"));
        problem(w.send("POST", "/api/models/future_skills/aliases/staging/rollback", null), 404);
        problem(w.send(w.request("/api/models/future_skills/promote").header("Content-Type", "text/plain")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("version=fs-1")).build()), 415);
        problem(w.post("/api/models/future_skills/promote", "{not json"), 400);
    }

    private static List<String> actions(JsonNode model) {
        List<String> a = new java.util.ArrayList<>();
        model.get("history").forEach(c -> a.add(c.get("action").asText()));
        return a;
    }

    @Test
    void predictServesTheAliasFromALiveModelThatFollowsItAndAVersionByName() throws Exception {
        w.put("/api/models/future_skills/aliases/production", "{\"version\":\"fs-1\"}");
        JsonNode one = s.http.post("/api/models/future_skills/predict?model=@production", "{\"rows\":[" + ROW + "," + ROW + "]}").json();
        assertEquals("fs-1", one.get("model_version").asText());
        assertEquals(2, one.get("predictions").size());
        assertFalse(one.get("predictions").get(0).has("probabilities"));
        JsonNode withP = s.http.post("/api/models/future_skills/predict?model=fs-weak&probabilities=true", "{\"rows\":[" + ROW + "]}").json();
        assertEquals("fs-weak", withP.get("model_version").asText());
        JsonNode probs = withP.get("predictions").get(0).get("probabilities");
        double sum = 0;
        for (JsonNode v : probs) {
            sum += v.asDouble();
        }
        assertEquals(1.0, sum, 1e-9);

        // moved through this server: served at once
        w.post("/api/models/future_skills/promote", "{\"version\":\"fs-weak\",\"alias\":\"production\",\"force\":true}");
        assertEquals("fs-weak", s.http.post("/api/models/future_skills/predict?model=@production", "{\"rows\":[" + ROW + "]}")
                .json().get("model_version").asText());
        // moved by another process (the CLI on the same store): followed at the next poll
        s.grove.models().setAlias("future_skills", "production", "fs-1", "cli", "");
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        String served;
        do {
            Thread.sleep(50);
            served = s.http.post("/api/models/future_skills/predict?model=@production", "{\"rows\":[" + ROW + "]}")
                    .json().get("model_version").asText();
        } while (!served.equals("fs-1") && System.nanoTime() < deadline);
        assertEquals("fs-1", served);

        // a CSV body gives the same labels as JSON rows
        String csv = Files.readAllLines(s.data.resolve("skills.csv")).subList(0, 6).stream().reduce((a, b) -> a + "\n" + b).orElseThrow();
        JsonNode fromCsv = s.http.post("/api/models/future_skills/predict?model=fs-1&probabilities=1", "text/csv", csv).json();
        assertEquals(5, fromCsv.get("predictions").size());
        assertTrue(fromCsv.get("predictions").get(0).has("probabilities"));
    }

    @Test
    void predictErrorsSayWhatIsWrong() {
        w.put("/api/models/future_skills/aliases/production", "{\"version\":\"fs-1\"}");
        String path = "/api/models/future_skills/predict";
        assertTrue(detail(s.http.post(path, "{\"rows\":[]}"), 400).contains("?model=@ALIAS"));
        problem(s.http.post(path + "?model=@staging", "{\"rows\":[" + ROW + "]}"), 404);
        problem(s.http.post(path + "?model=nope", "{\"rows\":[" + ROW + "]}"), 404);
        problem(s.http.post("/api/models/nobody/predict?model=@production", "{\"rows\":[" + ROW + "]}"), 404);
        assertTrue(detail(s.http.post(path + "?model=@production", "{\"rows\":[{\"skill_name\":\"python\"}]}"), 422)
                .contains("no value for column"));
        assertTrue(detail(s.http.post(path + "?model=@production", "{\"rows\":[" + ROW.replace("81", "\"lots\"") + "]}"), 422)
                .contains("trend_score"));
        String missing = detail(s.http.post(path + "?model=fs-1", "text/csv", "skill_name,job_family\npython,Engineering"), 422);
        assertTrue(missing.contains("the request body") && !missing.contains("/tmp/"), missing);
        problem(s.http.post(path + "?model=@production", "application/xml", "<rows/>"), 415);
        assertTrue(detail(s.http.post(path + "?model=@production", "{\"rows\":[" + ROW + "], \"colour\": 1}"), 400)
                .contains("unknown key 'colour'"));
        s.train("other", "o-1", 3);
        assertTrue(detail(s.http.post(path + "?model=o-1", "{\"rows\":[" + ROW + "]}"), 400).contains("belongs to model other"));
    }
}
