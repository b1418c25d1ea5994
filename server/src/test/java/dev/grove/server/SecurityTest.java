package dev.grove.server;

import static dev.grove.server.ProblemAssert.detail;
import static dev.grove.server.ProblemAssert.problem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.grove.InvalidRequestException;
import dev.grove.run.RunQuery;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Secure by default: the token for every write (nothing changes without it), for reads when asked, the data folder. */
class SecurityTest {
    @TempDir
    Path dir;

    private static String concrete(String path) {
        return path.replace("{id}", "fs-1").replace("{name}", "future_skills").replace("{alias}", "production");
    }

    @Test
    void everyWriteNeedsTheTokenAndWithoutItNothingChanges() throws Exception {
        try (TestServer s = new TestServer(dir)) {
            s.train("future_skills", "fs-1", 5);
            s.grove.models().setAlias("future_skills", "production", "fs-1", "t", "");
            String before = s.http.get("/api/models/future_skills").body() + s.runs.list(RunQuery.all()).size();
            List<Routes.Route> writes = s.server.routes().stream().filter(r -> r.access() == Access.WRITE).toList();
            assertEquals(6, writes.size());
            String body = "{\"dataset\":\"skills.csv\",\"version\":\"fs-1\",\"alias\":\"production\"}";
            for (Routes.Route r : writes) {
                Http.Response none = s.http.send(r.method().name(), concrete(r.path()), body);
                assertTrue(detail(none, 401).contains("Authorization: Bearer"), r.path());
                assertEquals("Bearer realm=\"grove\"", none.header("WWW-Authenticate").orElseThrow());
                Http.Response wrong = new Http(s.server.uri()).token("not-the-token-at-all-000").send(r.method().name(),
                        concrete(r.path()), body);
                assertTrue(detail(wrong, 401).contains("does not match"), r.path());
                Http.Response basic = s.http.send(s.http.request(concrete(r.path())).header("Authorization", "Basic "
                        + TestServer.TOKEN).method(r.method().name(), java.net.http.HttpRequest.BodyPublishers.noBody()).build());
                problem(basic, 401);
            }
            assertEquals(before, s.http.get("/api/models/future_skills").body() + s.runs.list(RunQuery.all()).size());
            assertEquals(0, s.http.get("/api/queue").json().get("jobs").size());
            // reads and predictions are open on loopback
            assertEquals(200, s.http.get("/api/runs").status());
            assertEquals(200, s.http.get("/api/models/future_skills").status());
        }
    }

    @Test
    void readsNeedTheTokenWhenTheServerSaysSoButHealthAndTheDashboardStayOpen() throws Exception {
        try (TestServer s = new TestServer(dir, b -> b.readsNeedToken(true))) {
            assertFalse(s.server.readsOpen());
            for (Routes.Route r : s.server.routes()) {
                if (r.access() == Access.READ && r.method().name().equals("GET")) {
                    problem(s.http.get(concrete(r.path())), 401);
                }
            }
            problem(s.http.post("/api/models/future_skills/predict?model=@production", "{\"rows\":[]}"), 401);
            assertEquals(200, s.writer().get("/api/runs").status());
            assertEquals(200, s.http.get("/health").status());
            assertEquals(200, s.http.get("/openapi.json").status());
            assertEquals(200, s.http.get("/").status());
            assertEquals(200, s.http.get("/js/app.js").status());
        }
    }

    @Test
    void aServerBoundBeyondLoopbackWantsTheTokenForReadsUnlessOpened() {
        assertTrue(Guard.isLoopback("127.0.0.1"));
        assertTrue(Guard.isLoopback("::1"));
        assertTrue(Guard.isLoopback("localhost"));
        assertFalse(Guard.isLoopback("0.0.0.0"));
        assertFalse(Guard.isLoopback("10.1.2.3"));
        assertFalse(new Guard("x".repeat(20), "0.0.0.0", false, false).readsOpen());
        assertTrue(new Guard("x".repeat(20), "0.0.0.0", true, false).readsOpen());
        assertTrue(new Guard("x".repeat(20), "127.0.0.1", false, false).readsOpen());
        assertFalse(new Guard("x".repeat(20), "127.0.0.1", false, true).readsOpen());
    }

    @Test
    void datasetsAreReadOnlyFromTheDataFolder() throws Exception {
        try (TestServer s = new TestServer(dir.resolve("srv"))) {
            Path outside = Files.createDirectories(dir.resolve("outside"));
            Path secret = Files.copy(s.data.resolve("skills.csv"), outside.resolve("secret.csv"));
            Files.createSymbolicLink(s.data.resolve("link.csv"), secret);
            Files.createSymbolicLink(s.data.resolve("linked-dir"), outside);
            Files.createDirectories(s.data.resolve("sub"));
            Files.copy(s.data.resolve("skills.csv"), s.data.resolve("sub").resolve("inside.csv"));
            Files.createSymbolicLink(s.data.resolve("sub").resolve("alias.csv"), s.data.resolve("skills.csv"));
            Http w = s.writer();
            for (String name : List.of("../outside/secret.csv", secret.toString(), "sub/../../outside/secret.csv",
                    "link.csv", "linked-dir/secret.csv")) {
                String d = detail(w.post("/api/runs", "{\"dataset\":\"" + name + "\",\"n_estimators\":5}"), 403);
                assertTrue(d.contains("data folder"), name + ": " + d);
            }
            assertEquals(List.of(), s.runs.list(RunQuery.all()), "nothing outside was read or recorded");
            for (String name : List.of("sub/inside.csv", "sub/alias.csv", s.data.resolve("skills.csv").toString())) {
                assertEquals(202, w.post("/api/runs", "{\"dataset\":\"" + name + "\",\"n_estimators\":5}").status(), name);
            }
            List<String> offered = new java.util.ArrayList<>();
            s.http.get("/api/datasets").json().get("datasets").forEach(d -> offered.add(d.get("path").asText()));
            assertEquals(List.of("skills.csv", "sub/alias.csv", "sub/inside.csv"), offered, "links out are not offered");
        }
    }

    @Test
    void theEmbeddingApiRefusesUnsafeSettingsWithOneLine() throws Exception {
        try (TestServer s = new TestServer(dir)) {
            GroveServer.Builder b = GroveServer.builder(s.grove);
            assertTrue(assertThrows(InvalidRequestException.class, () -> b.token("short")).getMessage().contains("at least 16"));
            assertThrows(InvalidRequestException.class, () -> b.port(70000));
            assertThrows(InvalidRequestException.class, () -> b.concurrency(0));
            assertTrue(assertThrows(InvalidRequestException.class, () -> GroveServer.builder(s.grove).dataDir(dir.resolve("none"))
                    .port(0).start()).getMessage().contains("data folder"));
            assertTrue(assertThrows(InvalidRequestException.class, () -> GroveServer.builder(s.grove).dataDir(s.data)
                    .port(s.server.port()).start()).getMessage().contains("cannot listen on 127.0.0.1:" + s.server.port()));
            try (GroveServer generated = GroveServer.builder(s.grove).dataDir(s.data).port(0).start()) {
                assertTrue(generated.tokenGenerated());
                assertTrue(generated.token().length() >= 40);
                Http w = new Http(generated.uri()).token(generated.token());
                assertEquals(202, w.post("/api/runs", "{\"dataset\":\"skills.csv\",\"n_estimators\":5}").status());
            }
        }
    }
}
