package dev.grove.cli.hardening;

import dev.grove.cli.Cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.grove.run.RunStatus;
import dev.grove.run.TrainingRun;
import dev.grove.testing.TestData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A failure after the run was recorded RUNNING: the run ends FAILED with the error, and no model file exists. */
class FailureRecordTest {
    @TempDir
    Path dir;

    @Test
    void aFitThatThrowsIsRecordedFailed() throws Exception {
        Path data = TestData.copy(TestData.IRIS, dir);
        Files.createDirectories(dir.resolve("models"));
        Cli.Result r = Cli.process(dir, "train", "--dataset", data.toString(), "--db", "runs.db",
                "--save-path", "models/m.bin", "--trainer", "centroid", "-P", "fail=fit", "--model-version", "doomed");

        assertEquals(1, r.exit(), r.toString());
        String line = r.oneErrorLine();
        assertEquals("grove train: error: fit failed: fit failed on purpose", line);
        TrainingRun run = only(Cli.runs(dir.resolve("runs.db")));
        assertEquals(RunStatus.FAILED, run.status());
        assertEquals("fit failed: fit failed on purpose", run.error().orElseThrow());
        assertTrue(run.finishedAt().isPresent());
        assertEquals(List.of(), Cli.files(dir.resolve("models")), "no model, sidecar or temporary file");
    }

    @Test
    void runningOutOfMemoryInFitIsRecordedFailedWithTheHeapAdvice() throws Exception {
        Path data = TestData.copy(TestData.IRIS, dir);
        Files.createDirectories(dir.resolve("models"));
        Cli.Result r = Cli.process(dir, List.of("-Xmx64m"), "train", "--dataset", data.toString(),
                "--db", "runs.db", "--save-path", "models/m.bin", "--trainer", "centroid", "-P", "fail=oom");

        assertEquals(1, r.exit(), r.toString());
        String line = r.oneErrorLine();
        assertTrue(line.startsWith("grove train: error: ran out of memory in the fit stage (heap limit "), line);
        assertTrue(line.contains("GROVE_HEAP=8g") && line.contains("-Xmx8g"), line);
        TrainingRun run = only(Cli.runs(dir.resolve("runs.db")));
        assertEquals(RunStatus.FAILED, run.status(), "recorded FAILED by the process itself, not left RUNNING");
        assertTrue(run.error().orElseThrow().startsWith("ran out of memory in the fit stage"), run.error().toString());
        assertEquals(List.of(), Cli.files(dir.resolve("models")));
    }

    static TrainingRun only(List<TrainingRun> runs) {
        assertEquals(1, runs.size(), runs.toString());
        return runs.get(0);
    }
}
