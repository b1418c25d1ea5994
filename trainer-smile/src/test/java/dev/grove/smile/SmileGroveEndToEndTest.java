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
        assertTrue(result.run().spec().trainerVersion().startsWith("3.1.1 (Grove "), result.run().spec().trainerVersion());
        assertTrue(result.evaluation().accuracy() > 0.6, "accuracy " + result.evaluation().accuracy());

        // The model read from disk predicts every row exactly as the model the training returned.
        LoadedModel loaded = grove.loadModel(result.modelPath());
        Dataset all = CsvReader.readDataset(csv, CsvOptions.defaults());
        Predictions fromFile = loaded.predict(csv, CsvOptions.defaults());
        Predictions trained = result.model().predict(all.features());
        assertEquals(all.size(), fromFile.size());
        assertArrayEquals(trained.predicted(), fromFile.predicted());
        assertArrayEquals(trained.probabilities(), fromFile.probabilities());
        assertEquals(all.classes(), loaded.model().classes());
        assertEquals(3, loaded.model().params().get("features_per_split"));
    }

    /**
     * Three rows per class: some trees draw every row of their bootstrap and have no out-of-bag
     * rows. Smile 3.1.1 weighs them NaN, which made every probability NaN and the file unloadable;
     * Grove weighs them as an average tree (see SmileForestGrower.unmeasuredAsMean).
     */
    @Test
    void tinyDataWithTreesThatHaveNoOutOfBagRowsTrainsToAModelThatLoadsAndPredicts() throws Exception {
        Path csv = dir.resolve("tiny.csv");
        java.nio.file.Files.writeString(csv, "a,b,y\n1,2,x\n2,3,x\n3,1,x\n7,8,z\n8,9,z\n9,7,z\n4,4,w\n5,5,w\n6,6,w\n");
        Grove grove = Grove.builder().trainers(TrainerRegistry.of(new SmileTrainer())).runs(new InMemoryRunRepository())
                .modelsDir(dir.resolve("models")).build();

        TrainingResult result = grove.train(TrainingRequest.of(csv).withModelVersion("tiny"));

        LoadedModel loaded = grove.loadModel(result.modelPath());
        Dataset all = CsvReader.readDataset(csv, CsvOptions.defaults());
        Predictions p = loaded.predict(all.features());
        int[] trainRows = dev.grove.internal.PortableStratifiedSplit.split(all.labels(), 3, 0.2, 42).train();
        assertEquals(6, trainRows.length);
        for (int i : trainRows) {
            assertEquals(all.classes().get(all.label(i)), p.label(i), "training row " + i);
        }
        assertTrue(result.evaluation().accuracy() >= 2 / 3.0, "accuracy " + result.evaluation().accuracy());
        for (int i = 0; i < all.size(); i++) {
            for (double v : p.probabilities()[i]) {
                assertTrue(Double.isFinite(v), "finite probabilities");
            }
        }
    }

    @Test
    void treesWithoutOutOfBagRowsWeighAsTheMeanOfTheMeasuredOnes() {
        assertArrayEquals(new double[] {0.5, 0.75, 1.0, 0.75}, SmileForestGrower.unmeasuredAsMean(
                new double[] {0.5, Double.NaN, 1.0, Double.NaN}));
        assertArrayEquals(new double[] {1.0, 1.0}, SmileForestGrower.unmeasuredAsMean(new double[] {Double.NaN, Double.NaN}));
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
