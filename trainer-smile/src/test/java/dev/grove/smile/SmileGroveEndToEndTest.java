package dev.grove.smile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.grove.Grove;
import dev.grove.TrainingRequest;
import dev.grove.TrainingResult;
import dev.grove.artifact.LoadedModel;
import dev.grove.data.CsvOptions;
import dev.grove.data.CsvReader;
import dev.grove.data.Dataset;
import dev.grove.run.InMemoryRunRepository;
import dev.grove.testing.IrisVariants;
import dev.grove.testing.TestData;
import dev.grove.train.Predictions;
import dev.grove.train.TrainerRegistry;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SmileGroveEndToEndTest {
    @TempDir
    Path dir;

    @Test
    void trainsSavesLoadsAndPredictsThroughTheGroveFacade() {
        Path csv = TestData.copy(TestData.FUTURE_SKILLS, dir);
        Grove grove = Grove.builder()
                .trainers(TrainerRegistry.of(new SmileTrainer()))
                .runs(new InMemoryRunRepository())
                .modelsDir(dir.resolve("models"))
                .build();

        TrainingResult result = grove.train(TrainingRequest.of(csv)
                .withTrainer("smile")
                .withModelVersion("fs-1")
                .withParams(Fixtures.params(30, 2)));

        assertEquals("smile", result.run().spec().trainerName());
        assertEquals("3.1.1", result.run().spec().trainerVersion());
        assertTrue(result.evaluation().accuracy() > 0.6, "accuracy " + result.evaluation().accuracy());

        LoadedModel loaded = grove.loadModel(result.modelPath());
        Dataset all = CsvReader.readDataset(csv, CsvOptions.defaults());
        Predictions fromFile = loaded.predict(csv, CsvOptions.defaults());
        Predictions again = loaded.predict(all.features());
        assertEquals(all.size(), fromFile.size());
        assertArrayEquals(fromFile.predicted(), again.predicted());
        assertArrayEquals(fromFile.probabilities(), again.probabilities());
        assertEquals(all.classes(), loaded.model().classes());
        assertEquals(3, loaded.model().params().get("features_per_split"));
    }

    @Test
    void serviceLoaderFindsTheSmileTrainer() {
        TrainerRegistry registry = TrainerRegistry.load();
        assertTrue(registry.find("smile").isPresent(), "found: " + registry.all());
        assertEquals("smile", registry.defaultTrainer().name());
    }

    @Test
    void irisFromExcelOrWrittenTheEuropeanWayTrainsAsThePlainFile() {
        TrainingResult plain = IrisVariants.assertTrainAsThePlainFile(new SmileTrainer(), Fixtures.params(25, 2), dir,
                true);
        assertTrue(plain.evaluation().accuracy() > 0.9, "accuracy " + plain.evaluation().accuracy());
    }
}
