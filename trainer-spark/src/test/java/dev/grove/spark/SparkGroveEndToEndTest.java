package dev.grove.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.grove.Grove;
import dev.grove.TrainingRequest;
import dev.grove.TrainingResult;
import dev.grove.data.DataInput;
import dev.grove.data.Dataset;
import dev.grove.registry.Reproduction;
import dev.grove.run.RunRepository;
import dev.grove.run.RunStatus;
import dev.grove.run.TrainingRun;
import dev.grove.train.FitProgress;
import dev.grove.train.PreparedSource;
import dev.grove.train.Predictions;
import dev.grove.train.TrainedModel;
import dev.grove.train.TrainerRegistry;
import dev.grove.train.TrainingParams;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Through Grove's pipeline with a SQLite store: a spark run is recorded with the fields of every
 * run and core's metrics on Spark's test rows, its model file and Spark's folder sit side by side,
 * the model loads through Grove, and the run reproduces from its record to the same model file.
 */
class SparkGroveEndToEndTest {

    @Test
    void trainRecordLoadAndReproduce(@TempDir Path dir) {
        Path db = dir.resolve("grove.db");
        TrainingParams params = TrainingParams.defaults().withNEstimators(12).withRandomState(9)
                .withExtra("partitions", "2");
        String location = TestSpark.data("penguins").toString();
        TrainingRun run;
        try (Grove grove = Grove.builder().trainers(TrainerRegistry.of(TestSpark.trainer())).store(db.toString())
                .modelsDir(dir.resolve("models")).build()) {
            TrainingResult r = grove.train(TrainingRequest.of(DataInput.external(location, "csv"))
                    .withTrainer("spark").withModelVersion("s1").withParams(params).withTestSplit(0.2));
            run = r.run();
            assertEquals(RunStatus.SUCCEEDED, run.status());
            assertTrue(Files.isRegularFile(r.modelPath()));
            assertTrue(Files.isDirectory(r.modelPath().resolveSibling("model.spark")), "Spark's own model beside it");

            // core's metrics on Spark's test rows: the same as this model's predictions of them
            try (PreparedSource again = TestSpark.trainer().prepare(TestSpark.csv("penguins"), params, 0.2)) {
                TrainedModel twin = again.fit(FitProgress.NONE);
                PreparedSource.TestSample sample = again.testSample(twin, Integer.MAX_VALUE);
                Dataset test = sample.rows();
                Predictions loaded = grove.loadModel(r.modelPath()).predict(test.features());
                int correct = 0;
                for (int i = 0; i < test.size(); i++) {
                    correct += loaded.label(i).equals(test.classes().get(test.label(i))) ? 1 : 0;
                    assertEquals(again.classes().get(sample.predicted()[i]), loaded.label(i), "row " + i);
                }
                assertEquals((double) correct / test.size(), r.evaluation().accuracy(), 1e-12);
                assertEquals(again.source().sha256(), run.spec().datasetSha256());
            }

            Reproduction rep = grove.reproduce("s1", "ci");
            assertTrue(rep.identical(), rep.differences().toString());
        }
        // what the SQLite file holds, read by a new store
        try (RunRepository store = RunRepository.open(db.toString())) {
            TrainingRun stored = store.findById(run.id()).orElseThrow();
            assertEquals(RunStatus.SUCCEEDED, stored.status());
            assertEquals("spark", stored.spec().trainerName());
            assertEquals("4.2.0", stored.spec().trainerVersion());
            assertEquals(location, stored.spec().datasetPath());
            assertEquals(344, stored.spec().totalSamples());
            assertEquals(275, stored.spec().trainSamples());
            assertEquals(69, stored.spec().testSamples());
            assertEquals(Map.of("Adelie", 152, "Chinstrap", 68, "Gentoo", 124), stored.spec().classDistribution());
            assertEquals("2", String.valueOf(stored.spec().params().get("partitions")));
            assertEquals("30", String.valueOf(stored.spec().params().get("max_depth")));
            assertEquals("categorical", stored.spec().featureTypes().get("island"));
            assertEquals(run.outcome().orElseThrow().modelSha256(), stored.outcome().orElseThrow().modelSha256());
        }
    }
}
