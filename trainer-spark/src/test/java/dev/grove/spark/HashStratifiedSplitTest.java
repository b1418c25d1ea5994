package dev.grove.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.grove.data.DatasetProfile;
import dev.grove.train.PreparedSource;
import dev.grove.train.TrainingParams;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The split holds out exact per-class counts (core's rounding), profiles with counts, and follows the seed. */
class HashStratifiedSplitTest {

    @Test
    void exactPerClassCountsAndProfile() {
        try (PreparedSource p = TestSpark.trainer().prepare(TestSpark.csv("penguins"),
                TrainingParams.defaults().withRandomState(1), 0.25)) {
            assertEquals("spark-hash-stratified-v1", p.splitName());
            DatasetProfile profile = p.profile();
            // classes in String order, counts as in the file
            assertEquals(Map.of("Adelie", 152, "Chinstrap", 68, "Gentoo", 124), profile.classCounts());
            assertEquals(java.util.List.of("Adelie", "Chinstrap", "Gentoo"), p.classes());
            assertEquals(344, profile.rows());
            assertEquals(2, profile.missingPerColumn().get("bill_length_mm"));
            assertEquals(11, profile.missingPerColumn().get("sex"));
            assertEquals(152.0 / 68, profile.imbalanceRatio(), 1e-12);
            // floor(k * 0.25 + 0.5) per class: 38 + 17 + 31
            assertEquals(86, p.testRows());
            assertEquals(344 - 86, p.trainRows());
            assertEquals(Map.of("island", "categorical", "bill_length_mm", "numeric", "bill_depth_mm", "numeric",
                    "flipper_length_mm", "numeric", "body_mass_g", "numeric", "sex", "categorical"), p.featureTypes());
            assertEquals(64, p.source().sha256().length());
        }
        assertEquals(38, HashStratifiedSplit.testCount(152, 0.25));
        assertEquals(17, HashStratifiedSplit.testCount(68, 0.25));
        assertEquals(0, HashStratifiedSplit.testCount(1, 0.5), "a class keeps at least one train row");
        assertEquals(1, HashStratifiedSplit.testCount(2, 0.9));
    }

    @Test
    void theSeedChoosesTheTestRowsAndNotTheFingerprint() {
        String sample1;
        String sample2;
        String print1;
        String print2;
        try (PreparedSource p = TestSpark.trainer().prepare(TestSpark.csv("iris"),
                TrainingParams.defaults().withRandomState(1), 0.2)) {
            sample1 = firstTrainRows(p);
            print1 = p.source().sha256();
        }
        try (PreparedSource p = TestSpark.trainer().prepare(TestSpark.csv("iris"),
                TrainingParams.defaults().withRandomState(2), 0.2)) {
            sample2 = firstTrainRows(p);
            print2 = p.source().sha256();
        }
        assertEquals(print1, print2);
        assertNotEquals(sample1, sample2);
    }

    /** The first train rows (by content hash) rendered as text. */
    private static String firstTrainRows(PreparedSource p) {
        dev.grove.data.Dataset d = ((SparkPreparation) p).trainRows(10);
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < d.size(); i++) {
            for (String c : d.features().columnNames()) {
                s.append(((dev.grove.data.NumericColumn) d.features().require(c)).get(i)).append(',');
            }
            s.append(d.classes().get(d.label(i))).append('\n');
        }
        return s.toString();
    }
}
