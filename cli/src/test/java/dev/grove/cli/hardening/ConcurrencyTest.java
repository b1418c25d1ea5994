package dev.grove.cli.hardening;

import dev.grove.cli.Cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.grove.run.RunStatus;
import dev.grove.run.TrainingRun;
import dev.grove.testing.TestData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Several real {@code grove train} processes on one SQLite file at once. */
class ConcurrencyTest {
    @TempDir
    Path dir;

    @Test
    void eightTrainingsAtOnceOnANewStoreAllSucceedAndRecordEightRuns() throws Exception {
        Path data = TestData.copy(TestData.FUTURE_SKILLS, dir);
        Files.createDirectories(dir.resolve("models"));
        List<Process> processes = new ArrayList<>();
        for (int i = 1; i <= 8; i++) {
            processes.add(Cli.start(dir, Cli.JVM, dir.resolve("err" + i + ".txt"), "train",
                    "--dataset", data.toString(), "--db", "runs.db", "--save-path", "models/m" + i + ".bin",
                    "--model-version", "c" + i, "--n-estimators", "10", "--threads", "1"));
        }
        for (int i = 0; i < 8; i++) {
            Process p = processes.get(i);
            p.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
            assertTrue(p.waitFor(3, TimeUnit.MINUTES));
            String err = Files.readString(dir.resolve("err" + (i + 1) + ".txt"));
            assertEquals(0, p.exitValue(), "process " + (i + 1) + ": " + err);
            assertEquals("", err, "process " + (i + 1) + " wrote to stderr");
        }

        List<TrainingRun> runs = Cli.runs(dir.resolve("runs.db"));
        assertEquals(8, runs.size());
        assertTrue(runs.stream().allMatch(r -> r.status() == RunStatus.SUCCEEDED), runs.toString());
        assertEquals(8, runs.stream().map(TrainingRun::id).distinct().count());
        assertEquals(8, runs.stream().map(r -> r.spec().uuid()).distinct().count());
        assertEquals(8, runs.stream().map(r -> r.spec().pid()).distinct().count());
        assertEquals(Set.of("c1", "c2", "c3", "c4", "c5", "c6", "c7", "c8"),
                runs.stream().map(TrainingRun::modelVersion).collect(Collectors.toSet()));
        assertEquals(24, Cli.files(dir.resolve("models")).size(), "8 models, 8 sidecars, 8 training-rows files");
    }

    @Test
    void twoTrainingsAskingForTheSameVersionExactlyOneWins() throws Exception {
        Path data = TestData.copy(TestData.FUTURE_SKILLS, dir);
        Files.createDirectories(dir.resolve("models"));
        // Create the store first so both race on the version, not on creating the schema.
        assertEquals(List.of(), Cli.runs(dir.resolve("runs.db"))); // (read-only commands never create a store)
        List<Process> ps = new ArrayList<>();
        for (int i = 1; i <= 2; i++) {
            ps.add(Cli.start(dir, Cli.JVM, dir.resolve("err" + i + ".txt"), "train",
                    "--dataset", data.toString(), "--db", "runs.db", "--save-path", "models/r" + i + ".bin",
                    "--model-version", "race", "--n-estimators", "10", "--threads", "1"));
        }
        List<Integer> exits = new ArrayList<>();
        List<String> errs = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            ps.get(i).getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
            assertTrue(ps.get(i).waitFor(3, TimeUnit.MINUTES));
            exits.add(ps.get(i).exitValue());
            errs.add(Files.readString(dir.resolve("err" + (i + 1) + ".txt")));
        }
        assertEquals(new HashSet<>(List.of(0, 1)), new HashSet<>(exits), exits + " " + errs);
        int winner = exits.indexOf(0) + 1;
        int loser = exits.indexOf(1) + 1;
        assertEquals("", errs.get(winner - 1));
        assertEquals("grove train: error: model version 'race' already exists in the run store; choose another "
                + "--model-version, or omit it for a fresh timestamp", errs.get(loser - 1).strip());

        List<TrainingRun> runs = Cli.runs(dir.resolve("runs.db"));
        assertEquals(1, runs.size(), "the loser recorded nothing (it failed before training): " + runs);
        assertEquals(RunStatus.SUCCEEDED, runs.get(0).status());
        assertTrue(runs.get(0).spec().modelPath().endsWith("r" + winner + ".bin"));
        assertEquals(List.of("r" + winner + ".bin", "r" + winner + ".bin.json", "r" + winner + ".bin.rows"),
                Cli.files(dir.resolve("models")));
    }
}
