package dev.grove.smile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.grove.data.Table;
import dev.grove.testing.TestData;
import dev.grove.train.FeatureEncoding;
import dev.grove.train.FitProgress;
import dev.grove.train.Prediction;
import dev.grove.train.Predictions;
import dev.grove.train.TrainedModel;
import dev.grove.train.TrainingParams;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import smile.classification.RandomForest;

class SmileDeterminismTest {
    private static final int TREES = 30;

    @TempDir
    Path dir;

    @Test
    void sameSeedGivesTheSameModelOnOneTwoAndEightThreads() {
        // penguins: categorical features and missing values, so the encoding takes part too
        Fixtures.TrainTest data = Fixtures.split(TestData.PENGUINS, dir, 0.2, 42);
        SmileTrainer trainer = new SmileTrainer();

        TrainedModel one = trainer.fit(data.train(), Fixtures.params(TREES, 1), FitProgress.NONE);
        Predictions expected = one.predict(data.test().features());
        String expectedSha = Fixtures.sha256(Fixtures.bytes(one));
        for (int threads : new int[] {2, 8}) {
            TrainedModel m = trainer.fit(data.train(), Fixtures.params(TREES, threads), FitProgress.NONE);
            Predictions p = m.predict(data.test().features());
            assertArrayEquals(expected.predicted(), p.predicted(), threads + " threads");
            assertArrayEquals(expected.probabilities(), p.probabilities(), threads + " threads");
            assertEquals(expectedSha, Fixtures.sha256(Fixtures.bytes(m)), "model file SHA-256 on " + threads + " threads");
        }
    }

    @Test
    void flatForestPredictsSmilesOwnPerRowPredictionBitForBit() {
        // penguins (categorical + missing values), future-skills (categorical features), iris (numeric
        // only: every tree walks its rows four at a time); the batch and the one-row path both
        for (String dataset : List.of(TestData.PENGUINS, TestData.FUTURE_SKILLS, TestData.IRIS)) {
            Fixtures.TrainTest data = Fixtures.split(dataset, dir, 0.2, 42);
            TrainingParams params = Fixtures.params(TREES, 2);
            FeatureEncoding encoding = FeatureEncoding.fit(data.train());
            SmileSettings settings = SmileSettings.resolve(params, encoding.size(), data.train().size(),
                    data.train().classes());
            RandomForest own = SmileReference.fit(data.train(), encoding, settings);
            TrainedModel model = new SmileTrainer().fit(data.train(), params, FitProgress.NONE);

            for (Table rows : List.of(data.train().features(), data.test().features())) {
                Predictions batch = model.predict(rows);
                smile.data.DataFrame x = SmileFrames.features(rows, encoding);
                for (int i = 0; i < x.size(); i++) {
                    double[] p = new double[model.classes().size()];
                    assertEquals(own.predict(x.get(i), p), batch.predicted()[i], dataset + " row " + i);
                    assertArrayEquals(p, batch.probabilities()[i], dataset + " row " + i);
                    Prediction one = model.predict(dev.grove.testing.MapRows.of(rows, i));
                    assertEquals(batch.label(i), one.label(), dataset + " row " + i + " alone");
                    assertArrayEquals(p, one.probabilities().values().stream().mapToDouble(Double::doubleValue).toArray(),
                            dataset + " row " + i + " alone");
                }
            }
        }
    }

    @Test
    void allFeaturesPerSplitIsDeterministicToo() {
        // with mtry = p no features are drawn: every split searches them all
        Fixtures.TrainTest data = Fixtures.split(TestData.IRIS, dir, 0.2, 42);
        SmileTrainer trainer = new SmileTrainer();
        String one = Fixtures.sha256(Fixtures.bytes(trainer.fit(data.train(),
                Fixtures.params(TREES, 1).withFeaturesPerSplit(4), FitProgress.NONE)));
        String eight = Fixtures.sha256(Fixtures.bytes(trainer.fit(data.train(),
                Fixtures.params(TREES, 8).withFeaturesPerSplit(4), FitProgress.NONE)));
        assertEquals(one, eight);
    }

    @Test
    void anotherSeedGivesAnotherModel() {
        Fixtures.TrainTest data = Fixtures.split(TestData.FUTURE_SKILLS, dir, 0.2, 42);
        SmileTrainer trainer = new SmileTrainer();
        byte[] a = Fixtures.bytes(trainer.fit(data.train(), Fixtures.params(10, 2), FitProgress.NONE));
        byte[] b = Fixtures.bytes(trainer.fit(data.train(), Fixtures.params(10, 2).withRandomState(7), FitProgress.NONE));
        assertNotEquals(Fixtures.sha256(a), Fixtures.sha256(b));
    }

    @Test
    void anotherJvmWritesTheSameBytes() throws IOException, InterruptedException {
        String here = FitInFreshJvm.modelSha(dir.resolve("here"));
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process child = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                FitInFreshJvm.class.getName(), dir.resolve("there").toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        child.waitFor(2, TimeUnit.MINUTES);
        assertEquals(0, child.exitValue(), "child JVM failed");
        List<String> lines = out.lines().toList();
        assertEquals(here, lines.get(lines.size() - 1));
    }
}
