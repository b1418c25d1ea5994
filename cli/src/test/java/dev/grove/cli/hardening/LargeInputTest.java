package dev.grove.cli.hardening;

import dev.grove.cli.Cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.grove.run.RunStatus;
import dev.grove.run.TrainingRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.io.TempDir;

/**
 * Input too large for the heap ends in one line advising a bigger heap, not an OutOfMemoryError
 * trace. The default-heap million-row training runs only with GROVE_LARGE_TESTS set (minutes).
 */
class LargeInputTest {
    @TempDir
    Path dir;

    @Test
    void aCsvTooLargeForTheHeapFailsWithTheHeapAdvice() throws Exception {
        Cli.syntheticCsv(dir.resolve("big.csv"), 300_000, 10, 3); // about 20 MB: more than a 32 MB heap holds
        Files.createDirectories(dir.resolve("models"));

        Cli.Result r = Cli.process(dir, List.of("-Xmx32m"), "train", "--dataset", "big.csv", "--db", "runs.db",
                "--save-path", "models/m.bin", "--n-estimators", "3");

        assertEquals(1, r.exit(), r.toString());
        String line = r.oneErrorLine();
        assertTrue(line.startsWith("grove train: error: ran out of memory in the read stage (heap limit "), line);
        assertTrue(line.contains("GROVE_HEAP=8g for the grove launcher, or -Xmx8g"), line);
        assertEquals(List.of(), Cli.runs(dir.resolve("runs.db")), "no run is recorded before the data is read");
        assertEquals(List.of(), Cli.files(dir.resolve("models")));
    }

    @Test
    void predictingACsvLargerThanTheHeapStreamsIt() throws Exception {
        Cli.syntheticCsv(dir.resolve("small.csv"), 300, 10, 3);
        Cli.Result trained = Cli.run("train", "--dataset", dir.resolve("small.csv").toString(), "--db",
                dir.resolve("runs.db").toString(), "--save-path", dir.resolve("m.bin").toString(), "--n-estimators", "3");
        assertEquals(0, trained.exit(), trained.toString());
        Cli.syntheticCsv(dir.resolve("big.csv"), 300_000, 10, 4); // about 20 MB: more than a 32 MB heap holds at once

        Cli.Result r = Cli.process(dir, List.of("-Xmx32m"), "predict", "--model", "m.bin", "--input", "big.csv",
                "--output", "out.csv");

        assertEquals(0, r.exit(), r.toString());
        try (var lines = Files.lines(dir.resolve("out.csv"))) {
            assertEquals(300_001, lines.count());
        }
    }

    @Test
    void aRowTooLargeForTheHeapFailsWithTheHeapAdvice() throws Exception {
        // Outside Grove.train the error escapes the command: Main must still make it one line.
        Cli.syntheticCsv(dir.resolve("small.csv"), 300, 10, 3);
        Cli.Result trained = Cli.run("train", "--dataset", dir.resolve("small.csv").toString(), "--db",
                dir.resolve("runs.db").toString(), "--save-path", dir.resolve("m.bin").toString(), "--n-estimators", "3");
        assertEquals(0, trained.exit(), trained.toString());
        String header = Files.readAllLines(dir.resolve("small.csv")).get(0);
        Cli.write(dir.resolve("wide.csv"), header + "\n" + "7".repeat(24 << 20) + ",1,2,3,4,5,6,7,8,9,A\n");

        Cli.Result r = Cli.process(dir, List.of("-Xmx32m"), "predict", "--model", "m.bin", "--input", "wide.csv");

        assertEquals(1, r.exit(), r.toString());
        String line = r.oneErrorLine();
        assertTrue(line.startsWith("grove predict: error: ran out of memory (heap limit "), line);
        assertTrue(line.contains("GROVE_HEAP=8g for the grove launcher, or -Xmx8g"), line);
        assertEquals("", r.out());
    }

    @Test
    @EnabledIfEnvironmentVariable(named = "GROVE_LARGE_TESTS", matches = ".+")
    void aMillionRowsTrainWithinTheLaunchersDefaultHeap() throws Exception {
        Cli.syntheticCsv(dir.resolve("1m.csv"), 1_000_000, 10, 5);
        Cli.Result r = Cli.process(dir, List.of("-XX:MaxRAMPercentage=50"), "train", "--dataset", "1m.csv",
                "--db", "runs.db", "--save-path", "m.bin", "--n-estimators", "20");
        assertEquals(0, r.exit(), r.toString());
        TrainingRun run = FailureRecordTest.only(Cli.runs(dir.resolve("runs.db")));
        assertEquals(RunStatus.SUCCEEDED, run.status());
    }
}
