package dev.grove.smile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.grove.data.CsvOptions;
import dev.grove.data.CsvReader;
import dev.grove.data.Dataset;
import dev.grove.internal.Split;
import dev.grove.testing.TestData;
import dev.grove.train.FeatureEncoding;
import dev.grove.train.FitProgress;
import dev.grove.train.Predictions;
import dev.grove.train.TrainedModel;
import dev.grove.train.TrainingParams;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Grove grows the smile trainer's trees itself ({@link SmileCart}, {@link SmileForestGrower}) only
 * to be faster: on the same rows, settings and seeds, its forest must be byte for byte the one
 * Smile's own {@code RandomForest.fit} grows, tree weights included, wherever Smile's fit succeeds.
 */
class SmileCartMatchesSmileTest {
    private static final int TREES = 12;

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}: max-depth {1}, min-leaf {2}, mtry {3}, {4}")
    @CsvSource(delimiter = ';', value = {
            TestData.IRIS + ";0;1;0;",
            TestData.PENGUINS + ";0;1;0;",
            TestData.FUTURE_SKILLS + ";0;1;0;",
            "noisy;0;1;0;",
            "edges;0;1;0;",
            "noisy;5;3;0;",
            "noisy;0;2;5;",                                  // every feature at every split
            "noisy;0;1;0;max_nodes=12",                      // the best-first leaf budget binds
            "noisy;0;1;0;max_nodes=2147483647",              // Smile grows depth first
            "noisy;0;1;0;subsample=0.7",                     // without replacement
            "noisy;0;1;0;class_weight=c0:3,c2:2",            // classes down-sampled
            "noisy;6;1;0;max_nodes=2147483647",              // depth first, depth-limited
            "noisy;0;1;0;subsample=0.7&class_weight=c1:2",   // both samplings at once
            TestData.PENGUINS + ";0;1;0;split_rule=entropy",
            TestData.FUTURE_SKILLS + ";0;4;0;split_rule=classification_error",
    })
    void growsTheForestSmileGrows(String dataset, int maxDepth, int minLeaf, int mtry, String extra)
            throws IOException {
        Dataset train = TestData.trainingRows(dataset, dir);
        TrainingParams params = TrainingParams.defaults().withNEstimators(TREES).withRandomState(42).withThreads(2)
                .withMinLeaf(minLeaf);
        if (maxDepth > 0) {
            params = params.withMaxDepth(maxDepth);
        }
        if (mtry > 0) {
            params = params.withFeaturesPerSplit(mtry);
        }
        for (String kv : extra == null ? new String[0] : extra.split("&")) {
            params = params.withExtra(kv.substring(0, kv.indexOf('=')), kv.substring(kv.indexOf('=') + 1));
        }
        FeatureEncoding encoding = FeatureEncoding.fit(train);
        SmileSettings s = SmileSettings.resolve(params, encoding.size(), train.size(), train.classes());

        FlatSmileForest smiles = SmileReference.flat(train, encoding, s);
        FlatSmileForest groves = SmileForestGrower.grow(CartData.of(train, encoding, s.maxBins()), s,
                TreeSeeds.derive(s.randomState(), s.trees()), FitProgress.NONE);

        assertEquals(TREES, groves.trees());
        assertTrue(groves.nodes() > TREES, "the trees split");
        assertEquals(smiles.nodes(), groves.nodes(), "nodes");
        assertArrayEquals(bytes(smiles), bytes(groves));
    }

    /**
     * Where Smile 3.1.1 itself fails, Grove trains: with three or more classes, a tree whose
     * out-of-bag rows hold exactly two classes, one of them not class 0 or 1, makes Smile compute
     * binary-only metrics it does not use for the forest, and throw. Grove needs only the accuracy.
     */
    @Test
    void aRareThirdClassThatBreaksSmilesOwnFitStillTrains() throws IOException {
        Random r = new Random(1);
        StringBuilder csv = new StringBuilder("x1,x2,y\n");
        int[] sizes = {40, 40, 3};
        for (int c = 0; c < sizes.length; c++) {
            for (int i = 0; i < sizes[c]; i++) {
                csv.append(String.format(Locale.ROOT, "%.3f,%.3f,c%d%n", r.nextGaussian() + c, r.nextGaussian() - c, c));
            }
        }
        Dataset train = CsvReader.readDataset(Files.writeString(dir.resolve("rare.csv"), csv), CsvOptions.defaults());
        TrainingParams params = TrainingParams.defaults().withNEstimators(50).withRandomState(42).withThreads(2);
        FeatureEncoding encoding = FeatureEncoding.fit(train);
        SmileSettings s = SmileSettings.resolve(params, encoding.size(), train.size(), train.classes());

        var smile = assertThrows(IllegalArgumentException.class, () -> SmileReference.fit(train, encoding, s));
        assertTrue(smile.getMessage().contains("binary"), smile.getMessage());

        TrainedModel model = new SmileTrainer().fit(train, params, FitProgress.NONE);
        Predictions p = model.predict(train.features());
        assertEquals(train.size(), p.predicted().length);
        long right = java.util.stream.IntStream.range(0, train.size())
                .filter(i -> p.predicted()[i] == train.labels()[i]).count();
        assertTrue(right > 0.8 * train.size(), right + " of " + train.size() + " training rows right");
    }

    private static byte[] bytes(FlatSmileForest forest) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        forest.write(new DataOutputStream(out));
        return out.toByteArray();
    }
}
