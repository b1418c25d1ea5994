package dev.grove.smile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.grove.InvalidRequestException;
import dev.grove.data.CsvOptions;
import dev.grove.data.CsvReader;
import dev.grove.data.Dataset;
import dev.grove.eval.Evaluator;
import dev.grove.testing.TestData;
import dev.grove.train.FeatureEncoding;
import dev.grove.train.FitProgress;
import dev.grove.train.Predictions;
import dev.grove.train.TrainedModel;
import dev.grove.train.TrainingParams;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The smile trainer's binned split search ({@code max-bins}): what it deviates in, and what it keeps. */
class SmileBinnedTest {
    @TempDir
    Path dir;

    /**
     * With a bin per distinct value and no ties, the binned search sees the same cuts as Smile's scan
     * (a cut where the class does not change never scores best), so it grows the same trees; only a
     * cut's value differs: the lower value, where Smile takes the midpoint to the next one.
     */
    @Test
    void withABinPerValueGrowsSmilesTreesWithCutsAtTheLowerValue() throws IOException {
        Dataset train = distinctValues(600, 5, 7);
        FeatureEncoding encoding = FeatureEncoding.fit(train);
        TrainingParams params = TrainingParams.defaults().withNEstimators(5).withExtra("max-bins", "65536");
        SmileSettings binned = SmileSettings.resolve(params, encoding.size(), train.size(), train.classes());
        SmileSettings exact = SmileSettings.resolve(params.withExtra("max-bins", "0"), encoding.size(), train.size(),
                train.classes());
        CartData binnedData = CartData.of(train, encoding, binned.maxBins());
        CartData exactData = CartData.of(train, encoding, 0);
        long[] seeds = TreeSeeds.derive(42, 5);
        int splits = 0;
        for (long seed : seeds) {
            int[] samples = SmileForestGrower.bootstrap(exactData, exact, seed);
            CartNode smile = new SmileCart(exactData, exact).grow(samples);
            SmileForestGrower.bootstrap(binnedData, binned, seed); // the same draws reseed the generator alike
            CartNode grove = new SmileCart(binnedData, binned).grow(samples);
            List<Integer> inBag = new ArrayList<>();
            for (int i = 0; i < samples.length; i++) {
                if (samples[i] > 0) {
                    inBag.add(i);
                }
            }
            splits += sameTree(smile, grove, exactData.x(), inBag);
        }
        assertTrue(splits > 50, "the trees split " + splits + " times");
    }

    /** Compares two trees node by node over the rows that reach each node (in-bag ones); returns the splits. */
    private static int sameTree(CartNode smile, CartNode grove, double[][] x, List<Integer> rows) {
        assertEquals(smile.isLeaf(), grove.isLeaf());
        if (smile.isLeaf()) {
            assertArrayEquals(smile.count, grove.count);
            return 0;
        }
        assertEquals(smile.feature, grove.feature);
        assertTrue(grove.value <= smile.value);
        List<Integer> trueRows = new ArrayList<>();
        List<Integer> falseRows = new ArrayList<>();
        for (int i : rows) {
            double v = x[smile.feature][i];
            assertEquals(v <= smile.value, v <= grove.value, "row " + i + ": " + v + " vs cuts " + smile.value + ", "
                    + grove.value);
            (v <= smile.value ? trueRows : falseRows).add(i);
        }
        return 1 + sameTree(smile.trueChild, grove.trueChild, x, trueRows)
                + sameTree(smile.falseChild, grove.falseChild, x, falseRows);
    }

    /** Rows whose features are distinct integers (no ties), the class a noisy function of them. */
    private Dataset distinctValues(int rows, int features, long seed) throws IOException {
        Random r = new Random(seed);
        List<String> lines = new ArrayList<>();
        StringBuilder header = new StringBuilder();
        for (int j = 0; j < features; j++) {
            header.append('f').append(j).append(',');
        }
        lines.add(header + "label");
        int[][] values = new int[features][rows];
        for (int j = 0; j < features; j++) {
            for (int i = 0; i < rows; i++) {
                values[j][i] = i;
            }
            for (int i = rows - 1; i > 0; i--) {
                int k = r.nextInt(i + 1);
                int t = values[j][i];
                values[j][i] = values[j][k];
                values[j][k] = t;
            }
        }
        for (int i = 0; i < rows; i++) {
            StringBuilder line = new StringBuilder();
            for (int j = 0; j < features; j++) {
                line.append(values[j][i]).append(',');
            }
            boolean positive = values[0][i] + values[1][i] > rows + r.nextGaussian() * rows / 5;
            lines.add(line + (positive ? "yes" : "no"));
        }
        Path csv = dir.resolve("distinct.csv");
        Files.write(csv, lines);
        return CsvReader.readDataset(csv, CsvOptions.defaults().withLabel("label"));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {TestData.IRIS, TestData.PENGUINS, TestData.FUTURE_SKILLS})
    void accuracyOnTheSharedSetsIsWithinATestRowOfSmilesExactSearch(String dataset) {
        Fixtures.TrainTest data = Fixtures.split(dataset, dir, 0.2, 42);
        double exact = accuracy(data, Fixtures.params(100, 2));
        double binned = accuracy(data, Fixtures.params(100, 2).withExtra("max-bins", "255"));
        double oneRow = 1.0 / data.test().size();
        assertTrue(binned >= exact - oneRow - 1e-9, dataset + ": binned " + binned + " vs exact " + exact);
    }

    private static double accuracy(Fixtures.TrainTest data, TrainingParams params) {
        TrainedModel m = new SmileTrainer().fit(data.train(), params, FitProgress.NONE);
        Predictions p = m.predict(data.test().features());
        return Evaluator.evaluate(data.test().classes(), data.test().labels(), p.predicted()).accuracy();
    }

    @Test
    void sameSeedGivesTheSameBinnedModelOnOneTwoAndEightThreads() {
        // coarse bins on penguins, so values really share bins; categorical features keep Smile's own splits
        Fixtures.TrainTest data = Fixtures.split(TestData.PENGUINS, dir, 0.2, 42);
        TrainingParams params = Fixtures.params(30, 1).withExtra("max-bins", "8");
        String expected = Fixtures.sha256(Fixtures.bytes(new SmileTrainer().fit(data.train(), params, FitProgress.NONE)));
        String exact = Fixtures.sha256(Fixtures.bytes(new SmileTrainer().fit(data.train(), Fixtures.params(30, 1),
                FitProgress.NONE)));
        assertFalse(expected.equals(exact), "8 bins grow other trees than the exact search");
        for (int threads : new int[] {2, 8}) {
            TrainedModel m = new SmileTrainer().fit(data.train(), params.withThreads(threads), FitProgress.NONE);
            assertEquals(expected, Fixtures.sha256(Fixtures.bytes(m)), threads + " threads");
        }
    }

    @Test
    void largeDataIsBinnedByDefaultAndTheRunSaysSo() {
        TrainingParams defaults = TrainingParams.defaults();
        List<String> classes = List.of("a", "b");
        SmileSettings small = SmileSettings.resolve(defaults, 20, SmileSettings.BINNED_FROM_ROWS - 1, classes);
        SmileSettings large = SmileSettings.resolve(defaults, 20, SmileSettings.BINNED_FROM_ROWS, classes);
        assertEquals(0, small.maxBins());
        assertFalse(small.toParams().containsKey("max-bins"), "an exact fit records what it always did");
        assertEquals(255, large.maxBins());
        assertEquals(255, large.toParams().get("max-bins"));
        SmileSettings exact = SmileSettings.resolve(defaults.withExtra("max-bins", "0"), 20,
                SmileSettings.BINNED_FROM_ROWS, classes);
        assertEquals(0, exact.maxBins());
    }

    @ParameterizedTest
    @ValueSource(strings = {"1", "-3", "65537", "lots"})
    void refusesBinCountsItCannotHonour(String value) {
        var e = assertThrows(InvalidRequestException.class,
                () -> SmileSettings.check(TrainingParams.defaults().withExtra("max-bins", value)));
        assertTrue(e.getMessage().contains("max-bins=" + value) && e.getMessage().contains("0 (Smile's exact"),
                e.getMessage());
    }
}
