package dev.grove.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.grove.testing.PostgresTestServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/**
 * {@code .ci/run} never goes green without the PostgreSQL tests and the browser test. The script runs
 * in a copy of the project layout whose {@code browser-install.sh}, {@code postgres-start.sh},
 * {@code postgres-stop.sh} and {@code mvnw} are stand-ins that record what they were asked, so the
 * test takes a moment and starts nothing.
 */
class CiScriptTest {
    private static final Path SCRIPT = Path.of("..", ".ci", "run");

    @TempDir
    Path project;

    private Process run(String startScript) throws IOException, InterruptedException {
        return run(startScript, "exit 0\n");
    }

    private Process run(String startScript, String browserScript) throws IOException, InterruptedException {
        Files.createDirectories(project.resolve(".ci"));
        Files.writeString(project.resolve(".ci/browser-install.sh"), browserScript);
        Files.copy(SCRIPT, project.resolve(".ci/run"));
        Files.writeString(project.resolve(".ci/postgres-start.sh"), startScript);
        Files.writeString(project.resolve(".ci/postgres-stop.sh"), "touch \"$(dirname \"$0\")/../stopped\"\n");
        Path mvnw = project.resolve("mvnw");
        Files.writeString(mvnw, "#!/usr/bin/env bash\n"
                + "echo \"$* url=$GROVE_TEST_POSTGRES_URL require=$GROVE_REQUIRE_POSTGRES browser=$GROVE_REQUIRE_BROWSER\" > \"$(dirname \"$0\")/mvnw.ran\"\n");
        assertTrue(mvnw.toFile().setExecutable(true));
        Process p = new ProcessBuilder("bash", project.resolve(".ci/run").toString())
                .redirectErrorStream(true).redirectOutput(project.resolve("ci.log").toFile()).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the script finished");
        return p;
    }

    @Test
    void postgresqlTestsFailRatherThanSkipWhenRequired() {
        AssertionFailedError required = assertThrows(AssertionFailedError.class,
                () -> PostgresTestServer.require(Map.of(PostgresTestServer.REQUIRE_ENV, "1")));
        assertTrue(required.getMessage().startsWith("GROVE_REQUIRE_POSTGRES=1 but GROVE_TEST_POSTGRES_URL is not set"),
                required.getMessage());
        TestAbortedException skipped = assertThrows(TestAbortedException.class, () -> PostgresTestServer.require(Map.of()));
        assertTrue(skipped.getMessage().contains("GROVE_TEST_POSTGRES_URL not set: PostgreSQL tests skipped"),
                skipped.getMessage());
        assertEquals("jdbc:postgresql://h/db", PostgresTestServer.require(
                Map.of(PostgresTestServer.URL_ENV, "jdbc:postgresql://h/db", PostgresTestServer.REQUIRE_ENV, "1")).url());
    }

    @Test
    void failsWhenPostgresqlCannotBeStarted() throws Exception {
        Process p = run("echo 'postgres-start: initdb failed' >&2\nexit 1\n");
        String log = Files.readString(project.resolve("ci.log"), StandardCharsets.UTF_8);
        assertNotEquals(0, p.exitValue(), log);
        assertTrue(log.contains("ci: FAILED: could not start PostgreSQL"), log);
        assertFalse(Files.exists(project.resolve("mvnw.ran")), "no build without the server");
    }

    @Test
    void requiresThePostgresqlTestsWhenTheServerIsUp() throws Exception {
        Process p = run("echo 'jdbc:postgresql://127.0.0.1:55432/grove?user=postgres'\n");
        String log = Files.readString(project.resolve("ci.log"), StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), log);
        assertEquals(List.of("-B verify url=jdbc:postgresql://127.0.0.1:55432/grove?user=postgres require=1 browser=1"),
                Files.readAllLines(project.resolve("mvnw.ran")));
        assertTrue(Files.exists(project.resolve("stopped")), "the server is stopped afterwards");
    }

    @Test
    void failsWhenTheBrowserCannotBeInstalled() throws Exception {
        Process p = run("echo 'jdbc:postgresql://127.0.0.1:55432/grove?user=postgres'\n",
                "echo 'browser-install: apt-get failed' >&2\nexit 1\n");
        String log = Files.readString(project.resolve("ci.log"), StandardCharsets.UTF_8);
        assertNotEquals(0, p.exitValue(), log);
        assertTrue(log.contains("ci: FAILED: could not install chromium and chromium-driver"), log);
        assertFalse(Files.exists(project.resolve("mvnw.ran")), "no build without the browser");
    }
}
