package dev.grove.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.grove.run.RunQuery;
import dev.grove.run.RunStatus;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The API on a PostgreSQL store (GROVE_TEST_POSTGRES_URL, in a schema of its own): train, follow,
 * cancel, promote and predict, nothing left RUNNING. Skipped without a server, failed when
 * GROVE_REQUIRE_POSTGRES=1 (as .ci/run sets it).
 */
class PostgresServerTest {
    @TempDir
    Path dir;

    @Test
    void theApiWorksTheSameOnPostgresql() throws Exception {
        String url = System.getenv("GROVE_TEST_POSTGRES_URL");
        if (url == null || url.isBlank()) {
            if ("1".equals(System.getenv("GROVE_REQUIRE_POSTGRES"))) {
                fail("GROVE_REQUIRE_POSTGRES=1 but GROVE_TEST_POSTGRES_URL is not set");
            }
            Assumptions.abort("GROVE_TEST_POSTGRES_URL not set: PostgreSQL tests skipped");
        }
        String schema = "grove_server_" + UUID.randomUUID().toString().substring(0, 8);
        sql(url, "create schema " + schema);
        try (TestServer s = new TestServer(dir, url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema,
                b -> b.concurrency(2).queueCapacity(4))) {
            Http w = s.writer();
            String train = "{\"dataset\":\"skills.csv\",\"n_estimators\":10,\"name\":\"future_skills\",\"model_version\":\"%s\"%s}";
            assertEquals(202, w.post("/api/runs", String.format(train, "pg-1", "")).status());
            assertEquals(202, w.post("/api/runs", String.format(train, "pg-2", ",\"trainer\":\"gated\"")).status());
            s.gated.awaitStarted(1);
            JsonNode done = last(Sse.readAll(s.http, "/api/runs/pg-1/events", null));
            assertEquals("SUCCEEDED", done.get("status").asText());
            assertEquals("INTERRUPTED", w.post("/api/runs/pg-2/cancel", null).json().get("status").asText());
            assertTrue(w.post("/api/models/future_skills/promote", "{\"version\":\"pg-1\",\"alias\":\"production\"}").json()
                    .get("moved").asBoolean());
            JsonNode p = s.http.post("/api/models/future_skills/predict?model=@production", "{\"rows\":[{\"skill_name\":"
                    + "\"python\",\"job_family\":\"Engineering\",\"trend_score\":81,\"internal_usage\":64,"
                    + "\"training_requests\":31,\"scarcity_index\":0.72,\"hiring_difficulty\":7,\"avg_salary_k\":96,"
                    + "\"economic_indicator\":104}]}").json();
            assertEquals("pg-1", p.get("model_version").asText());
            assertEquals(2, s.http.get("/api/runs?model=future_skills").json().get("runs").size());
            assertEquals(List.of(), s.runs.list(RunQuery.all().withStatus(RunStatus.RUNNING)));
        } finally {
            sql(url, "drop schema if exists " + schema + " cascade");
        }
    }

    private static JsonNode last(List<Sse.Event> events) {
        return events.get(events.size() - 1).data();
    }

    private static void sql(String url, String statement) throws Exception {
        try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement()) {
            st.execute(statement);
        }
    }
}
