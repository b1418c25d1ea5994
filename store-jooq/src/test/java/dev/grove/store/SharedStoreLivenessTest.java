package dev.grove.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.grove.internal.StaleRuns;
import dev.grove.run.RunQuery;
import dev.grove.run.RunRepository;
import dev.grove.run.RunStatus;
import dev.grove.run.TrainingRun;
import dev.grove.testing.PostgresTestServer;
import dev.grove.testing.TestData;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Two processes with made-up host identities on one store, as two containers sharing a host name
 * or two machines would be. Liveness is the heartbeat alone:
 * <ul>
 *   <li>a live training on "shared-host" whose recorded pid means nothing here (another pid
 *       namespace) is never marked by a process on the same host name, and finishes SUCCEEDED with
 *       its model (Grove before heartbeats marked it INTERRUPTED and the run then lost its model);</li>
 *   <li>a training killed on "host-b" is marked INTERRUPTED by a process on "host-a" once its
 *       heartbeat is older than the timeout, and not before (before, it stayed RUNNING forever).</li>
 * </ul>
 */
class SharedStoreLivenessTest {
    private static final Duration STALE_AFTER = Duration.ofSeconds(3); // beats every 0.5 s: room for a loaded machine
    /** No process has this pid here: the old rule read it as "the process on this host is gone". */
    private static final long FOREIGN_PID = 999_999_999L;

    private static PostgresTestServer server;

    @TempDir
    Path dir;

    @AfterAll
    static void dropSchemas() {
        if (server != null) {
            server.dropAll();
        }
    }

    private String store(String kind) {
        if (kind.equals("sqlite")) {
            return dir.resolve("runs.db").toString();
        }
        if (server == null) {
            server = PostgresTestServer.require();
        }
        return server.freshSchemaUrl();
    }

    private Process train(String store, String version, String host, long pid, long fitMs) throws Exception {
        Path csv = dir.resolve("data.csv");
        if (!Files.exists(csv)) {
            TestData.copy(TestData.IRIS, dir).toFile().renameTo(csv.toFile());
        }
        return new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), LiveTrainingMain.class.getName(),
                store, csv.toString(), dir.resolve("models").toString(), version, host, Long.toString(pid),
                Long.toString(fitMs), Long.toString(STALE_AFTER.toMillis()))
                .redirectErrorStream(true).redirectOutput(dir.resolve(version + ".log").toFile()).start();
    }

    private static TrainingRun awaitRunning(RunRepository runs, String version, Process p) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            Optional<TrainingRun> r = runs.findByModelVersion(version);
            if (r.isPresent() && r.get().status() == RunStatus.RUNNING) {
                return r.get();
            }
            assertTrue(p.isAlive(), "the training ended before its run showed RUNNING");
            Thread.sleep(50);
        }
        throw new AssertionError("run " + version + " never showed RUNNING");
    }

    private static void awaitBeat(RunRepository runs, TrainingRun run) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            if (runs.findById(run.id()).orElseThrow().heartbeatAt().isAfter(run.spec().startedAt())) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("run " + run.id() + " never beat in 30 s");
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void aLiveTrainingIsNeverMarkedByAProcessWithTheSameHostName(String kind) throws Exception {
        String store = store(kind);
        Process live = train(store, "live", "shared-host", FOREIGN_PID, 6000);
        try (JooqRunRepository observer = JooqRunRepository.open(store)) {
            TrainingRun run = awaitRunning(observer, "live", live);
            assertEquals("shared-host", run.spec().host());
            assertEquals(FOREIGN_PID, run.spec().pid());
            // Another process on "shared-host" checks again and again for dead runs while the training goes on.
            while (live.isAlive()) {
                assertEquals(List.of(), StaleRuns.markInterrupted(observer, STALE_AFTER, Clock.systemUTC()));
                Thread.sleep(100);
            }
            assertEquals(0, live.waitFor(), Files.readString(dir.resolve("live.log"), StandardCharsets.UTF_8));
            TrainingRun done = observer.findById(run.id()).orElseThrow();
            assertEquals(RunStatus.SUCCEEDED, done.status());
            assertTrue(Files.isRegularFile(Path.of(done.spec().modelPath())), "the model is kept");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void aTrainingKilledOnAnotherHostIsMarkedOnceItsHeartbeatIsStale(String kind) throws Exception {
        String store = store(kind);
        Process doomed = train(store, "doomed", "host-b", 4242, 120_000);
        try (JooqRunRepository observer = JooqRunRepository.open(store)) {
            TrainingRun run = awaitRunning(observer, "doomed", doomed);
            awaitBeat(observer, run); // it beats while it lives
            doomed.destroyForcibly(); // SIGKILL: no last word
            assertTrue(doomed.waitFor(30, TimeUnit.SECONDS));

            TrainingRun silent = observer.findById(run.id()).orElseThrow();
            assertEquals(RunStatus.RUNNING, silent.status());
            assertTrue(silent.heartbeatAt().isAfter(silent.spec().startedAt()), "it beat while it lived");

            // From "host-a": not before the timeout has passed since the last beat, then marked with the reason.
            Clock justAfter = Clock.fixed(silent.heartbeatAt().plus(STALE_AFTER.dividedBy(2)), java.time.ZoneOffset.UTC);
            assertEquals(List.of(), StaleRuns.markInterrupted(observer, STALE_AFTER, justAfter));
            Thread.sleep(STALE_AFTER.toMillis() + 300);
            List<TrainingRun> marked = StaleRuns.markInterrupted(observer, STALE_AFTER, Clock.systemUTC());
            assertEquals(List.of(run.id()), marked.stream().map(TrainingRun::id).toList());
            String why = marked.get(0).error().orElseThrow();
            assertTrue(why.startsWith("no heartbeat from its process (pid 4242 on host-b) since " + silent.heartbeatAt()),
                    why);
            assertEquals(0, observer.list(RunQuery.all().withStatus(RunStatus.RUNNING)).size());
        }
    }
}
