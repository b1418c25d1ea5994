package dev.grove.tribuo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.grove.InvalidRequestException;
import dev.grove.data.Dataset;
import dev.grove.testing.TestData;
import dev.grove.train.FitProgress;
import dev.grove.train.TrainingParams;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Grove's shared options mean what scikit-learn's do, on one tree over iris's 120 training rows,
 * where the shape of the tree shows it plainly: {@code max_depth} counts splits from the root (1 is
 * a stump), {@code min_leaf} is the least weight either side of a split keeps. Tribuo's own
 * {@code minChildWeight} only stops light nodes from splitting, so min leaf is applied by Grove's
 * histogram node to every candidate split.
 */
class SharedOptionsTest {
    @TempDir
    Path dir;

    private Dataset iris;

    private Dataset irisTrain() {
        if (iris == null) {
            iris = Fixtures.split(TestData.IRIS, dir).train();
        }
        return iris;
    }

    private TribuoModel oneTree(TrainingParams p) {
        return (TribuoModel) new TribuoTrainer().fit(irisTrain(), p.withNEstimators(1).withRandomState(42),
                FitProgress.NONE);
    }

    private long nodes(TrainingParams p) {
        return oneTree(p).forest().nodes();
    }

    @Test
    void maxDepthOneIsAStumpAsInScikitLearn() {
        assertEquals(3, nodes(TrainingParams.defaults().withMaxDepth(1)), "root and two leaves");
        long depth2 = nodes(TrainingParams.defaults().withMaxDepth(2));
        assertTrue(depth2 > 3 && depth2 <= 7, "at most two levels of splits: " + depth2);
    }

    @Test
    void minLeafAboveHalfTheRowsLeavesASingleLeafAsInScikitLearn() {
        assertEquals(120, irisTrain().size());
        assertEquals(1, nodes(TrainingParams.defaults().withMinLeaf(61)), "no split can keep 61 on both sides");
        assertEquals(1, nodes(TrainingParams.defaults().withMinLeaf(120)));
        long leaves = (nodes(TrainingParams.defaults().withMinLeaf(30)) + 1) / 2;
        assertTrue(leaves >= 2 && leaves <= 4, "each leaf holds at least 30 of 120: " + leaves);
        assertTrue((nodes(TrainingParams.defaults()) + 1) / 2 > 4, "unconstrained, the tree grows more leaves");
    }

    /**
     * 100 rows of class a at x = 0..99, then 3 of class b at 100..102: the best split isolates the b
     * rows, a side of at most 3 rows. With a min leaf of 10 no split may do that, so the b rows end
     * in a leaf the a rows outvote.
     */
    @Test
    void noSplitLeavesASideLighterThanTheMinLeaf() {
        double[] x = new double[103];
        String[] y = new String[103];
        for (int i = 0; i < x.length; i++) {
            x[i] = i;
            y[i] = i < 100 ? "a" : "b";
        }
        Dataset data = Dataset.of(new dev.grove.data.Table(List.of(dev.grove.data.NumericColumn.of("x", x)), x.length,
                dev.grove.data.DatasetSource.inMemory("outliers", x.length)), "y", y);
        dev.grove.data.Table b = new dev.grove.data.Table(List.of(dev.grove.data.NumericColumn.of("x", 100, 101, 102)),
                3, dev.grove.data.DatasetSource.inMemory("b", 3));
        TrainingParams one = TrainingParams.defaults().withNEstimators(1).withRandomState(42);

        var free = new TribuoTrainer().fit(data, one, FitProgress.NONE).predict(b);
        assertEquals(List.of("b", "b", "b"), List.of(free.label(0), free.label(1), free.label(2)),
                "unconstrained, the tree isolates the b rows");
        var constrained = new TribuoTrainer().fit(data, one.withMinLeaf(10), FitProgress.NONE).predict(b);
        assertEquals(List.of("a", "a", "a"), List.of(constrained.label(0), constrained.label(1), constrained.label(2)));
    }

    @Test
    void minLeafIsRecordedAsGivenAndAsTribuoReceivedIt() {
        Map<String, Object> p = oneTree(TrainingParams.defaults().withMinLeaf(5)).params();
        assertEquals(5, p.get("min_leaf"));
        Map<?, ?> lib = (Map<?, ?>) p.get("library_params");
        assertEquals(10.0, lib.get("minChildWeight"));
        assertEquals(5, lib.get("minLeafWeight"));
    }

    @Test
    void whatTribuoCannotHonourIsRefusedBeforeTraining() {
        TribuoTrainer t = new TribuoTrainer();
        String tooMany = assertThrows(InvalidRequestException.class,
                () -> t.validate(TrainingParams.defaults().withFeaturesPerSplit(99), irisTrain())).getMessage();
        assertEquals("features per split (mtry) is 99 but the data has only 4 feature columns; use at most 4", tooMany);

        Dataset categorical = Fixtures.split(TestData.FUTURE_SKILLS, dir).train();
        String oneHot = assertThrows(InvalidRequestException.class,
                () -> t.validate(TrainingParams.defaults().withFeaturesPerSplit(2), categorical)).getMessage();
        assertTrue(oneHot.startsWith("the tribuo trainer cannot try exactly 2 features per split"), oneHot);
        t.validate(TrainingParams.defaults(), categorical); // unset: Tribuo's own default over its inputs

        Dataset noisy = TestData.trainingRows("noisy", dir);
        String exact = assertThrows(InvalidRequestException.class, () -> t.validate(TrainingParams.defaults()
                .withMinLeaf(5).withExtra("max-bins", "0"), noisy)).getMessage();
        assertTrue(exact.startsWith("the tribuo trainer honours a min leaf above 1 with binned features only"), exact);
        t.validate(TrainingParams.defaults().withMinLeaf(5), noisy);
    }
}
