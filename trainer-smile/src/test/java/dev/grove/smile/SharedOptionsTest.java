package dev.grove.smile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.grove.InvalidRequestException;
import dev.grove.testing.TestData;
import dev.grove.train.FitProgress;
import dev.grove.train.TrainedModel;
import dev.grove.train.TrainingParams;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Grove's shared options mean what scikit-learn's do, on one tree over iris's 120 training rows,
 * where the shape of the tree shows it plainly: {@code max_depth} counts splits from the root (1 is
 * a stump), {@code min_leaf} is the least weight either side of a split keeps.
 */
class SharedOptionsTest {
    @TempDir
    Path dir;

    private Fixtures.TrainTest iris;

    private Fixtures.TrainTest iris() {
        if (iris == null) {
            iris = Fixtures.split(TestData.IRIS, dir, 0.2, 42);
        }
        return iris;
    }

    private static long nodes(TrainedModel m) {
        return ((Number) m.provenance().get("nodes")).longValue();
    }

    private TrainedModel oneTree(TrainingParams p) {
        return new SmileTrainer().fit(iris().train(), p.withNEstimators(1).withRandomState(42), FitProgress.NONE);
    }

    @Test
    void maxDepthOneIsAStumpAsInScikitLearn() {
        assertEquals(3, nodes(oneTree(TrainingParams.defaults().withMaxDepth(1))), "root and two leaves");
        long depth2 = nodes(oneTree(TrainingParams.defaults().withMaxDepth(2)));
        assertTrue(depth2 > 3 && depth2 <= 7, "at most two levels of splits: " + depth2);
    }

    @Test
    void maxDepthIsRecordedAsGivenAndAsSmileReceivedIt() {
        Map<String, Object> p = oneTree(TrainingParams.defaults().withMaxDepth(3)).params();
        assertEquals(3, p.get("max_depth"));
        assertEquals(4, ((Map<?, ?>) p.get("library_params")).get("maxDepth"), "Smile counts the root as level 1");
    }

    @Test
    void minLeafAboveHalfTheRowsLeavesASingleLeafAsInScikitLearn() {
        assertEquals(120, iris().train().size());
        assertEquals(1, nodes(oneTree(TrainingParams.defaults().withMinLeaf(61))), "no split can keep 61 on both sides");
        long leaves = (nodes(oneTree(TrainingParams.defaults().withMinLeaf(30))) + 1) / 2;
        assertTrue(leaves >= 2 && leaves <= 4, "each leaf holds at least 30 of 120: " + leaves);
        assertTrue((nodes(oneTree(TrainingParams.defaults())) + 1) / 2 > 4, "unconstrained, the tree grows more leaves");
    }

    @Test
    void moreFeaturesPerSplitThanFeaturesIsRefusedBeforeTraining() {
        String m = assertThrows(InvalidRequestException.class, () -> new SmileTrainer()
                .validate(TrainingParams.defaults().withFeaturesPerSplit(99), iris().train())).getMessage();
        assertEquals("features per split (mtry) is 99 but the data has only 4 feature columns; use at most 4", m);
    }

    @Test
    void classWeightsAreCheckedBeforeTrainingWithTheReason() {
        SmileTrainer t = new SmileTrainer();
        for (String bad : new String[] {"foo", "setosa:-1", "setosa:1.5", "setosa:NaN", "setosa:0", ":2",
                "setosa:2,setosa:3"}) {
            assertThrows(InvalidRequestException.class,
                    () -> t.validate(TrainingParams.defaults().withExtra("class_weight", bad)), bad);
        }
        String unknown = assertThrows(InvalidRequestException.class, () -> t.validate(
                TrainingParams.defaults().withExtra("class_weight", "nope:2"), iris().train())).getMessage();
        assertTrue(unknown.contains("names class 'nope', which is not in the data; the classes are"), unknown);
        t.validate(TrainingParams.defaults().withExtra("class_weight", "setosa:2"), iris().train());
    }
}
