package dev.grove.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.grove.run.RunStatus;
import dev.grove.run.TrainingRun;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddingExampleTest {
    @TempDir
    Path dir;

    @Test
    void trainsRecordsPicksTheBestByF1AndPredicts() throws IOException {
        EmbeddingExample.Outcome o = EmbeddingExample.run(dir);

        assertEquals(3, o.runs().size());
        for (TrainingRun r : o.runs()) {
            assertEquals(RunStatus.SUCCEEDED, r.status());
            assertEquals(o.trainer(), r.spec().trainerName());
            assertEquals(400, r.spec().totalSamples());
            assertEquals("embedding-example", r.spec().trainedBy());
            assertTrue(Files.exists(Path.of(r.spec().modelPath())));
        }
        double bestF1 = o.best().outcome().orElseThrow().evaluation().f1Weighted();
        for (TrainingRun r : o.runs()) {
            assertTrue(r.outcome().orElseThrow().evaluation().f1Weighted() <= bestF1);
        }
        assertEquals(400, o.predictions().size());
        assertTrue(Files.exists(dir.resolve("runs.db")));
    }

    /** The same app, only its dependencies changed: each trainer jar alone on the classpath. */
    @Test
    void switchingTrainerIsAChangeOfDependenciesOnly() throws Exception {
        assertEquals("smile", runWithout("tribuo"));
        assertEquals("tribuo", runWithout("smile"));
    }

    /** Runs the example with every classpath entry naming {@code library} (its module and its jars) removed. */
    private String runWithout(String library) throws Exception {
        String cp = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(e -> !Path.of(e).toString().contains(library))
                .collect(Collectors.joining(File.pathSeparator));
        Path work = Files.createTempDirectory(dir, "app");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                "-cp", cp, EmbeddingExample.class.getName(), work.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(5, TimeUnit.MINUTES));
        assertEquals(0, p.exitValue(), out);
        String first = out.lines().filter(l -> l.startsWith("trainer ")).findFirst().orElseThrow(() -> new AssertionError(out));
        return first.split("[ :]")[1];
    }
}
