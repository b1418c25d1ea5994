package dev.grove.smile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.grove.data.Dataset;
import dev.grove.split.Split;
import dev.grove.testing.TestData;
import dev.grove.train.FeatureEncoding;
import dev.grove.train.FitProgress;
import dev.grove.train.TrainingParams;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Grove grows the smile trainer's trees itself ({@link SmileCart}, {@link SmileForestGrower}) only
 * to be faster: on the same rows, settings and seeds, its forest must be byte for byte the one
 * Smile's own {@code RandomForest.fit} grows, tree weights included.
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
        if (extra != null) {
            params = params.withExtra(extra.substring(0, extra.indexOf('=')), extra.substring(extra.indexOf('=') + 1));
        }
        FeatureEncoding encoding = FeatureEncoding.fit(train);
        SmileSettings s = SmileSettings.resolve(params, encoding.size(), train.size(), train.classes());

        FlatSmileForest smiles = SmileReference.flat(train, encoding, s);
        FlatSmileForest groves = SmileForestGrower.grow(CartData.of(train, encoding), s,
                TreeSeeds.derive(s.randomState(), s.trees()), FitProgress.NONE);

        assertEquals(TREES, groves.trees());
        assertTrue(groves.nodes() > TREES, "the trees split");
        assertEquals(smiles.nodes(), groves.nodes(), "nodes");
        assertArrayEquals(bytes(smiles), bytes(groves));
    }

    private static byte[] bytes(FlatSmileForest forest) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        forest.write(new DataOutputStream(out));
        return out.toByteArray();
    }
}
