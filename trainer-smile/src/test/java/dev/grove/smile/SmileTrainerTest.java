package dev.grove.smile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.grove.InvalidRequestException;
import dev.grove.data.CategoricalColumn;
import dev.grove.data.Column;
import dev.grove.data.DatasetSource;
import dev.grove.data.NumericColumn;
import dev.grove.data.Table;
import dev.grove.testing.TestData;
import dev.grove.train.FeatureEncoding;
import dev.grove.train.FitProgress;
import dev.grove.train.FeatureSpec;
import dev.grove.train.Predictions;
import dev.grove.train.TrainedModel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SmileTrainerTest {
    @TempDir
    Path dir;

    @Test
    void namesItselfAndSmilesVersion() {
        SmileTrainer t = new SmileTrainer();
        assertEquals("smile", t.name());
        assertEquals("3.1.1 (Grove " + dev.grove.Grove.version() + " grower)", t.version());
        assertTrue(dev.grove.Grove.version().matches("\\d+\\.\\d+\\.\\d+.*"), dev.grove.Grove.version());
    }

    @Test
    void recordsEveryParamItUsedWithDefaultsResolved() {
        Fixtures.TrainTest d = Fixtures.split(TestData.FUTURE_SKILLS, dir, 0.2, 42);
        List<Double> progress = new ArrayList<>();
        int commonParallelism = ForkJoinPool.commonPool().getParallelism();

        TrainedModel m = new SmileTrainer().fit(d.train(), Fixtures.params(5, 2), (f, msg) -> progress.add(f));

        Map<String, Object> p = m.params();
        assertEquals(5, p.get("n_estimators"));
        assertEquals(42L, p.get("random_state"));
        assertEquals(Integer.MAX_VALUE, p.get("max_depth"));
        assertEquals(1, p.get("min_leaf"));
        assertEquals(3, p.get("features_per_split"));          // ⌊√9⌋
        assertEquals(d.train().size(), p.get("max_nodes"));     // rows / min leaf: never binds
        assertEquals("GINI", p.get("split_rule"));
        assertEquals(1.0, p.get("subsample"));
        assertEquals("MEDIUM:1,HIGH:1,LOW:1", p.get("class_weight"));
        assertEquals(2, p.get("threads"));
        assertEquals(List.of(0.0, 0.2, 0.4, 0.6, 0.8, 1.0), progress);   // tree by tree
        assertEquals(d.train().classes(), m.classes());
        assertEquals(commonParallelism, ForkJoinPool.commonPool().getParallelism());
    }

    @Test
    void takesSmileExtras() {
        Fixtures.TrainTest d = Fixtures.split(TestData.IRIS, dir, 0.2, 42);
        TrainedModel m = new SmileTrainer().fit(d.train(), Fixtures.params(5, 1).withMaxDepth(4).withMinLeaf(2)
                .withFeaturesPerSplit(4)
                .withExtras(Map.of("split_rule", "entropy", "subsample", "0.7", "class_weight", "setosa:2", "max_nodes", "8")),
                FitProgress.NONE);
        Map<String, Object> p = m.params();
        assertEquals(4, p.get("max_depth"));
        assertEquals(2, p.get("min_leaf"));
        assertEquals(4, p.get("features_per_split"));
        assertEquals("ENTROPY", p.get("split_rule"));
        assertEquals(0.7, p.get("subsample"));
        assertEquals(false, p.get("bootstrap"));
        assertEquals("setosa:2,versicolor:1,virginica:1", p.get("class_weight"));
        assertEquals(8, p.get("max_nodes"));
    }

    @Test
    void refusesUnknownExtrasListingTheAcceptedOnes() {
        Fixtures.TrainTest d = Fixtures.split(TestData.IRIS, dir, 0.2, 42);
        var e = assertThrows(InvalidRequestException.class, () -> new SmileTrainer().fit(d.train(),
                Fixtures.params(5, 1).withExtra("learning_rate", "0.1"), FitProgress.NONE));
        assertTrue(e.getMessage().contains("learning_rate"), e.getMessage());
        assertTrue(e.getMessage().contains("class_weight, max-bins, max_nodes, split_rule, subsample"), e.getMessage());
    }

    @Test
    void refusesBadExtraValues() {
        Fixtures.TrainTest d = Fixtures.split(TestData.IRIS, dir, 0.2, 42);
        for (Map<String, String> bad : List.of(Map.of("subsample", "1.5"), Map.of("split_rule", "variance"),
                Map.of("class_weight", "daisy:2"), Map.of("max_nodes", "1"))) {
            assertThrows(InvalidRequestException.class, () -> new SmileTrainer().fit(d.train(),
                    Fixtures.params(5, 1).withExtras(bad), FitProgress.NONE), bad.toString());
        }
        assertThrows(InvalidRequestException.class, () -> new SmileTrainer().fit(d.train(),
                Fixtures.params(5, 1).withFeaturesPerSplit(5), FitProgress.NONE));
    }

    @Test
    void unseenAndMissingLevelsPredictLikeTheEncodingSays() {
        Fixtures.TrainTest d = Fixtures.split(TestData.PENGUINS, dir, 0.2, 42);
        TrainedModel m = new SmileTrainer().fit(d.train(), Fixtures.params(20, 2), FitProgress.NONE);
        FeatureEncoding enc = m.encoding();
        FeatureSpec island = enc.features().get(enc.names().indexOf("island"));
        String mostFrequent = island.levels().get((int) island.unseen());

        Table unseen = penguinRow("Atlantis", 45.0);
        Table likeMostFrequent = penguinRow(mostFrequent, 45.0);
        Predictions a = m.predict(unseen);
        Predictions b = m.predict(likeMostFrequent);
        assertArrayEquals(b.predicted(), a.predicted());
        assertArrayEquals(b.probabilities(), a.probabilities());

        Predictions missing = m.predict(penguinRow(null, Double.NaN));   // missing level and missing number
        assertEquals(1, missing.size());
    }

    private static Table penguinRow(String island, double billLength) {
        List<Column> cols = List.of(
                CategoricalColumn.of("island", island),
                NumericColumn.of("bill_length_mm", billLength),
                NumericColumn.of("bill_depth_mm", 17.0),
                NumericColumn.of("flipper_length_mm", 200),
                NumericColumn.of("body_mass_g", 4200),
                CategoricalColumn.of("sex", "MALE"));
        return new Table(cols, 1, DatasetSource.inMemory("row", 1));
    }
}
