package dev.grove.cli.hardening;

import dev.grove.cli.Cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.grove.run.RunHost;
import dev.grove.run.RunStatus;
import dev.grove.run.TrainingRun;
import dev.grove.testing.TestData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@code grove train} process that dies during fit: the store stays readable, the run is
 * RUNNING with that process's host and pid until the next invocation marks it INTERRUPTED
 * (SIGKILL), or is marked INTERRUPTED by the process itself on its way out (SIGTERM).
 */
class CrashTest {
    @TempDir
    Path dir;
    Path db;

    @BeforeEach
    void data() throws Exception {
        // 20k rows x 10 features and many single-threaded trees: a fit that lasts far longer than the test waits.
        Cli.syntheticCsv(dir.resolve("big.csv"), 20_000, 10, 7);
        Files.createDirectories(dir.resolve("models"));
        db = dir.resolve("runs.db");
    }

    @Test
    void sigkillDuringFitLeavesTheRunRunningUntilItsHeartbeatIsStale() throws Exception {
        Process p = startTraining("crash", dir.resolve("err-crash.txt"), Map.of("GROVE_STALE_AFTER", "1"));
        TrainingRun running = awaitRunning(p);
        p.destroyForcibly(); // SIGKILL on Linux
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(137, p.exitValue(), "killed by SIGKILL");

        TrainingRun after = FailureRecordTest.only(Cli.runs(db)); // the store is readable
        assertEquals(RunStatus.RUNNING, after.status());
        assertEquals(running.id(), after.id());
        assertTrue(after.heartbeatAt().isAfter(after.spec().startedAt()), "the training beat while it lived");

        // With a timeout longer than the silence so far the run still counts as alive: liveness is the heartbeat,
        // not whether a process with the recorded pid exists here.
        Cli.Result patient = Cli.process(dir, Cli.JVM, Map.of("GROVE_STALE_AFTER", "600"), "runs", "list", "--db",
                db.toString(), "--json");
        assertEquals("RUNNING", patient.json().get(0).get("status").asText(), patient.toString());

        Thread.sleep(1500); // past the one-second timeout since the last beat
        Cli.Result list = Cli.process(dir, Cli.JVM, Map.of("GROVE_STALE_AFTER", "1"), "runs", "list", "--db",
                db.toString(), "--json");
        assertEquals(0, list.exit(), list.toString());
        assertEquals("", list.err());
        JsonNode run = list.json().get(0);
        assertEquals("INTERRUPTED", run.get("status").asText());
        assertTrue(run.get("error").asText().matches("no heartbeat from its process \\(pid " + p.pid() + " on .+\\) since "
                + ".+, more than 1 s before .+; presumed dead"), run.get("error").asText());
        assertEquals(List.of(), Cli.files(dir.resolve("models")), "killed during fit: nothing was written");
    }

    @Test
    void temporaryFilesOfADeadWriterAreSweptByTheNextTrainingInThatFolder() throws Exception {
        Process p = startTraining("crash");
        awaitRunning(p);
        p.destroyForcibly();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        // What a writer killed between creating its temporary files and linking them leaves behind.
        long dead = p.pid();
        long alive = ProcessHandle.current().pid();
        Path models = dir.resolve("models");
        Files.writeString(models.resolve(".m.bin." + dead + ".8123.grove-tmp"), "partial model");
        Files.writeString(models.resolve(".m.bin.json." + dead + ".8124.grove-tmp"), "{");
        Files.writeString(models.resolve(".other.bin." + alive + ".8125.grove-tmp"), "a live writer's file");

        Path iris = TestData.copy(TestData.IRIS, dir);
        Cli.Result r = Cli.process(dir, "train", "--dataset", iris.toString(), "--db", db.toString(),
                "--save-path", "models/next.bin", "--n-estimators", "3");
        assertEquals(0, r.exit(), r.toString());
        assertEquals(List.of(".other.bin." + alive + ".8125.grove-tmp", "next.bin", "next.bin.json", "next.bin.rows"),
                Cli.files(models), "the dead writer's files are gone, the live writer's file is kept");
    }

    @Test
    void sigtermDuringFitMarksTheRunInterruptedOnTheWayOut() throws Exception {
        Path err = dir.resolve("err.txt");
        Process p = startTraining("stopped", err);
        awaitRunning(p);
        p.destroy(); // SIGTERM on Linux
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertNotEquals(0, p.exitValue());

        TrainingRun run = FailureRecordTest.only(Cli.runs(db)); // read directly: no invocation marked it
        assertEquals(RunStatus.INTERRUPTED, run.status());
        assertEquals("training cancelled: grove train (process " + p.pid() + ") was stopped by a signal",
                run.error().orElseThrow());
        String stderr = Files.readString(err);
        assertEquals("grove train: training cancelled: grove train (process " + p.pid() + ") was stopped by a signal; run "
                + run.id() + " (stopped) is INTERRUPTED and no model was kept", stderr.strip());
        assertFalse(stderr.contains("\tat "));
        assertEquals(List.of(), Cli.files(dir.resolve("models")), "no model, and no empty model folder either");
    }

    @Test
    void aSignalledTrainingLeavesNoEmptyModelFolderBehind() throws Exception {
        Path err = dir.resolve("err-default.txt");
        Process p = Cli.start(dir, Cli.JVM, err, "train", "--dataset", "big.csv", "--db", db.toString(),
                "--model-version", "default-path", "--trainer", "smile", "--n-estimators", "2000", "--threads", "1");
        awaitRunning(p);
        assertTrue(Files.isDirectory(dir.resolve("artifacts/models/default-path")), "the folder the model would go to");
        p.destroy(); // SIGTERM
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(RunStatus.INTERRUPTED, FailureRecordTest.only(Cli.runs(db)).status());
        assertEquals(List.of(), Cli.files(dir.resolve("artifacts/models")), "the folder made for the model is gone");
    }

    private Process startTraining(String version) throws Exception {
        return startTraining(version, dir.resolve("err-" + version + ".txt"));
    }

    private Process startTraining(String version, Path err) throws Exception {
        return startTraining(version, err, Map.of());
    }

    private Process startTraining(String version, Path err, Map<String, String> env) throws Exception {
        return Cli.start(dir, Cli.JVM, env, err, "train", "--dataset", "big.csv",
                "--db", db.toString(), "--save-path", "models/m.bin", "--model-version", version,
                "--trainer", "smile", "--n-estimators", "2000", "--threads", "1");
    }

    /** Polls the store until the process has recorded its run RUNNING, then gives fit a moment to start. */
    private TrainingRun awaitRunning(Process p) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            assertTrue(p.isAlive(), "grove train ended early with exit " + (p.isAlive() ? "" : p.exitValue()));
            if (Files.exists(db)) {
                try {
                    List<TrainingRun> runs = Cli.runs(db);
                    if (!runs.isEmpty() && runs.get(0).status() == RunStatus.RUNNING) {
                        Thread.sleep(300);
                        return runs.get(0);
                    }
                } catch (RuntimeException e) {
                    // the store is being created by the other process: try again
                }
            }
            Thread.sleep(100);
        }
        p.destroyForcibly();
        throw new AssertionError("the run never showed RUNNING");
    }
}
