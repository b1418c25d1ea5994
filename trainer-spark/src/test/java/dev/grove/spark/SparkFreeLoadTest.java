package dev.grove.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.grove.data.CsvOptions;
import dev.grove.data.CsvReader;
import dev.grove.data.Table;
import dev.grove.train.FitProgress;
import dev.grove.train.PreparedSource;
import dev.grove.train.Predictions;
import dev.grove.train.TrainedModel;
import dev.grove.train.TrainingParams;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * grove predict on a laptop: a model Spark trained loads and predicts in a JVM with no Spark and no
 * Scala on the class path (Grove core, this module, Jackson, SLF4J), through ServiceLoader, exactly
 * as the model predicted in the training JVM — which {@link SparkAccuracyTest} holds to Spark's own
 * predictions on every test row.
 */
class SparkFreeLoadTest {

    @Test
    void loadsAndPredictsWithoutSpark(@TempDir Path dir) throws Exception {
        Path modelFile = dir.resolve("model.bin");
        List<String> expected = new ArrayList<>();
        try (PreparedSource prepared = TestSpark.trainer().prepare(TestSpark.csv("penguins"),
                TrainingParams.defaults().withNEstimators(10).withRandomState(11), 0.2)) {
            TrainedModel model = prepared.fit(FitProgress.NONE);
            PreparedSource.TestSample sample = prepared.testSample(model, Integer.MAX_VALUE);
            assertArrayEquals(sample.predicted(), model.predict(sample.rows().features()).predicted());
            try (OutputStream out = Files.newOutputStream(modelFile)) {
                model.write(out);
            }
            // every row of the file, as grove predict reads it (core's CSV reader), predicted in this JVM
            Table rows = CsvReader.readTable(TestSpark.data("penguins"),
                    CsvOptions.defaults().withCategorical(new HashSet<>(model.encoding().categoricalNames())));
            Predictions p = model.predict(rows);
            for (int i = 0; i < p.size(); i++) {
                expected.add(p.label(i) + " " + Arrays.toString(p.probabilities()[i]));
            }
        }

        List<String> cp = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            String name = Path.of(entry).toString();
            if (name.contains("trainer-spark") && (name.endsWith("classes") || name.endsWith("test-classes"))
                    || name.contains("grove-core") || name.matches(".*/core/target/[^/]*classes")
                    || name.contains("/jackson-core") || name.contains("/jackson-databind")
                    || name.contains("/jackson-annotations") || name.contains("/slf4j-api")) {
                cp.add(entry);
            }
        }
        assertFalse(cp.stream().anyMatch(e -> e.contains("spark-") || e.contains("scala")), cp.toString());
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx128m", "-cp", String.join(File.pathSeparator, cp), SparkFreePredict.class.getName(),
                modelFile.toString(), TestSpark.data("penguins").toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(child.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, child.exitValue(), out);
        List<String> lines = out.lines().toList();
        assertEquals("spark 4.2.0", lines.get(0), "name and version without Spark");
        assertEquals(expected, lines.subList(1, lines.size()));
        assertEquals(344, expected.size());
    }
}
