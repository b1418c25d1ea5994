package dev.grove.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.grove.Grove;
import dev.grove.InvalidRequestException;
import dev.grove.TrainingRequest;
import dev.grove.TrainingResult;
import dev.grove.cli.Main;
import dev.grove.data.CsvOptions;
import dev.grove.run.RunRepository;
import dev.grove.run.RunStatus;
import dev.grove.run.TrainingRun;
import dev.grove.store.JooqRunRepository;
import dev.grove.testing.TestData;
import dev.grove.train.TrainerRegistry;
import dev.grove.train.TrainingParams;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class KnnTrainerTest {
    @TempDir
    Path dir;

    @Test
    void serviceLoaderAndGroveTrainersListIt() {
        assertTrue(TrainerRegistry.load().find("knn").isPresent());
        CommandLine cl = Main.commandLine();
        StringWriter out = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        assertEquals(0, cl.execute("trainers"));
        assertTrue(out.toString().lines().anyMatch(l -> l.startsWith("knn ")), out.toString());
    }

    @Test
    void trainsAndRecordsLikeTheBuiltInOnes() {
        Path data = TestData.copy(TestData.IRIS, dir);
        try (RunRepository runs = JooqRunRepository.open(dir.resolve("runs.db"))) {
            Grove grove = Grove.builder().runs(runs).modelsDir(dir.resolve("models")).build();
            TrainingResult r = grove.train(TrainingRequest.of(data).withTrainer("knn").withModelVersion("knn-1")
                    .withParams(TrainingParams.defaults().withExtra("k", "7")));
            TrainingRun run = runs.findByModelVersion("knn-1").orElseThrow();
            assertEquals(RunStatus.SUCCEEDED, run.status());
            assertEquals("knn", run.spec().trainerName());
            assertEquals(7, ((Number) run.params().get("k")).intValue());
            assertTrue(r.evaluation().accuracy() >= 0.9, "k-NN does well on iris: " + r.evaluation().accuracy());

            var loaded = grove.loadModel(r.modelPath());
            assertArrayEquals(r.sidecar().classes().toArray(), loaded.model().classes().toArray());
            assertEquals(150, loaded.predict(data, CsvOptions.defaults()).size());

            assertThrows(InvalidRequestException.class, () -> grove.train(TrainingRequest.of(data).withTrainer("knn")
                    .withParams(TrainingParams.defaults().withExtra("k", "zero"))));
        }
    }
}
