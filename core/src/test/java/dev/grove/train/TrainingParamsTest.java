package dev.grove.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.grove.InvalidRequestException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TrainingParamsTest {
    @Test
    void defaultsAreTheOriginalFeaturesAndEveryCore() {
        TrainingParams p = TrainingParams.defaults();
        assertEquals(200, p.nEstimators());
        assertEquals(42, p.randomState());
        assertTrue(p.maxDepth().isEmpty());
        assertEquals(1, p.minLeaf());
        assertTrue(p.featuresPerSplit().isEmpty());
        assertEquals(Runtime.getRuntime().availableProcessors(), p.threads());
    }

    @Test
    void outOfRangeValuesAreRefusedWithTheRule() {
        assertTrue(assertThrows(InvalidRequestException.class, () -> TrainingParams.defaults().withNEstimators(0))
                .getMessage().contains("n-estimators must be at least 1, got 0"));
        assertThrows(InvalidRequestException.class, () -> TrainingParams.defaults().withNEstimators(-5));
        assertThrows(InvalidRequestException.class, () -> TrainingParams.defaults().withMaxDepth(0));
        assertThrows(InvalidRequestException.class, () -> TrainingParams.defaults().withMinLeaf(0));
        assertThrows(InvalidRequestException.class, () -> TrainingParams.defaults().withFeaturesPerSplit(0));
        assertThrows(InvalidRequestException.class, () -> TrainingParams.defaults().withThreads(0));
    }

    @Test
    void mapHoldsEverySetValueAndExtras() {
        Map<String, Object> m = TrainingParams.defaults().withNEstimators(50).withMaxDepth(8).withExtra("max-bins", "64")
                .toMap();
        assertEquals(50, m.get("n_estimators"));
        assertEquals(8, m.get("max_depth"));
        assertEquals("64", m.get("max-bins"));
        assertFalse(m.containsKey("features_per_split"));
    }

    @Test
    void paramsComeBackFromTheirRecordedForm() {
        TrainingParams p = TrainingParams.defaults().withNEstimators(33).withRandomState(-7).withMaxDepth(4).withMinLeaf(3)
                .withFeaturesPerSplit(2).withThreads(1).withExtra("max-bins", "64").withExtra("split_rule", "GINI");
        assertEquals(p, TrainingParams.fromMap(p.toMap()));
        TrainingParams unset = TrainingParams.defaults().withThreads(2);
        assertEquals(unset, TrainingParams.fromMap(unset.toMap()), "unset depth and mtry stay unset");
    }
}
