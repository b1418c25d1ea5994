package dev.grove.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The OpenAPI document is a file (Javalin 7 has no OpenAPI plugin): this holds it to the route
 * table, both ways, with each operation's security matching its route's access, and the training
 * request's keys matching what the server accepts.
 */
class OpenApiTest {
    @TempDir
    Path dir;

    @Test
    void theDocumentDescribesExactlyTheRoutesWithTheirSecurity() throws Exception {
        try (TestServer s = new TestServer(dir)) {
            JsonNode doc = s.http.get("/openapi.json").json();
            Map<String, String> documented = new TreeMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> paths = doc.get("paths").fields(); paths.hasNext(); ) {
                Map.Entry<String, JsonNode> p = paths.next();
                for (Iterator<Map.Entry<String, JsonNode>> ops = p.getValue().fields(); ops.hasNext(); ) {
                    Map.Entry<String, JsonNode> op = ops.next();
                    documented.put(op.getKey().toUpperCase() + " " + p.getKey(), access(op.getValue().get("security")));
                    assertTrue(op.getValue().get("responses").size() > 0, p.getKey());
                }
            }
            Map<String, String> routed = new TreeMap<>();
            for (Routes.Route r : s.server.routes()) {
                routed.put(r.method().name() + " " + r.path(), r.access().name());
            }
            assertEquals(routed, documented);
        }
    }

    /** OPEN: no requirement; READ: anonymous or bearer (open on loopback); WRITE: bearer only. */
    private static String access(JsonNode security) {
        if (security == null || security.isEmpty()) {
            return "OPEN";
        }
        boolean anonymous = false;
        boolean bearer = false;
        for (JsonNode req : security) {
            anonymous |= req.isEmpty();
            bearer |= req.has("bearer");
        }
        return anonymous && bearer ? "READ" : bearer ? "WRITE" : "?";
    }

    @Test
    void theTrainingRequestSchemaHasTheKeysTheServerAccepts() throws Exception {
        try (TestServer s = new TestServer(dir)) {
            JsonNode schema = s.http.get("/openapi.json").json().get("components").get("schemas").get("TrainingRequest");
            Set<String> keys = new TreeSet<>();
            schema.get("properties").fieldNames().forEachRemaining(keys::add);
            assertEquals(new TreeSet<>(TrainingRequests.KEYS), keys);
            JsonNode run = s.http.get("/openapi.json").json().get("components").get("schemas").get("Run").get("properties");
            s.train("m", "v-1", 3);
            Set<String> runKeys = new TreeSet<>();
            s.http.get("/api/runs/v-1").json().fieldNames().forEachRemaining(runKeys::add);
            Set<String> documentedRunKeys = new TreeSet<>();
            run.fieldNames().forEachRemaining(documentedRunKeys::add);
            assertEquals(runKeys, documentedRunKeys);
        }
    }
}
