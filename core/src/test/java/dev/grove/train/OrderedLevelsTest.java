package dev.grove.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.grove.InvalidRequestException;
import dev.grove.data.CategoricalColumn;
import dev.grove.data.CsvOptions;
import dev.grove.data.CsvReader;
import dev.grove.data.Dataset;
import dev.grove.data.DatasetSource;
import dev.grove.data.NumericColumn;
import dev.grove.data.Table;
import dev.grove.internal.GroveJson;
import dev.grove.testing.TestData;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link CategoricalEncoding#ORDERED}: levels ranked by their class distribution on hand-made tables. */
class OrderedLevelsTest {
    @TempDir
    Path dir;

    private static Table table(int rows, dev.grove.data.Column... cols) {
        return new Table(List.of(cols), rows, DatasetSource.inMemory("t", rows));
    }

    /*
     * Classes N, P (first appearance), prior of P = 6/10. Shrunk share of P, (P rows + 0.6) / (rows + 1):
     * b 0.6/3 = 0.2, c 1.6/3 = 0.533, e 1.6/3 = 0.533 (tie: by text), d 1.6/2 = 0.8, a 3.6/4 = 0.9.
     * Unshrunk, d (1 of 1) would rank with a (3 of 3): the pseudo-row puts a, with more evidence, above.
     */
    private static final Dataset BINARY = Dataset.of(table(10,
            CategoricalColumn.of("c", "b", "a", "e", "a", "c", "d", "b", "a", "c", "e")),
            "y", "N", "P", "P", "P", "P", "P", "N", "P", "N", "N");

    @Test
    void binaryLevelsAreRankedByTheShareOfTheSecondClassTiesByText() {
        FeatureSpec c = FeatureEncoding.fit(BINARY, CategoricalEncoding.ORDERED).features().get(0);
        assertTrue(c.ordered());
        assertFalse(c.nominal());
        assertEquals(List.of("b", "c", "e", "d", "a"), c.levels());
        assertEquals(4, c.fill(), "no missing cell in training: a missing cell is the most frequent level, a");
        assertEquals(1, c.unseen(), "the prior, 0.6, is closest to c and e (0.533): the lower rank");
        assertArrayEquals(new double[] {0, 4, 2, 4, 1, 3, 0, 4, 1, 2},
                FeatureEncoding.fit(BINARY, CategoricalEncoding.ORDERED).encodeColumn(BINARY.features(), 0));
    }

    @Test
    void unseenAndMissingCellsOfNewRows() {
        FeatureEncoding enc = FeatureEncoding.fit(BINARY, CategoricalEncoding.ORDERED);
        Table later = table(4, CategoricalColumn.of("c", "zzz", "a", null, "b"));
        assertArrayEquals(new double[] {1, 4, 4, 0}, enc.encodeColumn(later, 0));
    }

    @Test
    void missingCellsInTrainingAreALevelRankedLikeAnyOther() {
        Dataset d = Dataset.of(table(7, CategoricalColumn.of("c", "x", null, "y", null, "x", null, "y")),
                "label", "P", "N", "P", "N", "P", "N", "N");
        // classes P, N; prior of N = 4/7 = 0.571: x 0.571/3 = 0.19, y 1.571/3 = 0.524, missing 3.571/4 = 0.893
        FeatureSpec c = FeatureEncoding.fit(d, CategoricalEncoding.ORDERED).features().get(0);
        assertEquals(List.of("x", "y", FeatureEncoding.MISSING_LEVEL), c.levels());
        assertEquals(2, c.fill(), "a missing cell is the missing level's rank");
        assertEquals(1, c.unseen(), "y (0.524) is closest to the prior (0.571)");
        Table later = table(3, CategoricalColumn.of("c", null, "x", FeatureEncoding.MISSING_LEVEL));
        assertArrayEquals(new double[] {2, 0, 1}, FeatureEncoding.fit(d, CategoricalEncoding.ORDERED).encodeColumn(later, 0),
                "the text __MISSING__ in new data is not a missing cell: it is unseen");
    }

    @Test
    void moreClassesAreRankedAlongTheFirstPrincipalComponent() {
        // proportions (A, B, C): p (1, 0, 0), q (.5, .25, .25), r (0, .5, .5), s (.75, .125, .125): on one
        // line, whose direction (1, -.5, -.5) has its largest entry on A: ranked by the share of A.
        // By the share of the second class (B) the order would be p, s, q, r instead.
        String[] lv = {"p", "p", "p", "p", "q", "q", "q", "q", "r", "r", "r", "r", "s", "s", "s", "s", "s", "s", "s", "s"};
        String[] y = {"A", "A", "A", "A", "A", "A", "B", "C", "B", "B", "C", "C", "A", "A", "A", "A", "A", "A", "B", "C"};
        Dataset d = Dataset.of(table(lv.length, CategoricalColumn.of("c", lv)), "label", y);
        FeatureSpec c = FeatureEncoding.fit(d, CategoricalEncoding.ORDERED).features().get(0);
        assertEquals(List.of("r", "q", "s", "p"), c.levels());
    }

    @Test
    void autoRanksOnlyColumnsWithMoreThanThirtyTwoLevels() throws Exception {
        Dataset few = BINARY;
        assertEquals(FeatureEncoding.fit(few, CategoricalEncoding.LEVELS), FeatureEncoding.fit(few));
        assertFalse(FeatureEncoding.fit(few).features().stream().anyMatch(FeatureSpec::ordered));

        Dataset many = CsvReader.readDataset(TestData.highCardinality(dir.resolve("h.csv"), 400, 60), CsvOptions.defaults());
        FeatureEncoding auto = FeatureEncoding.fit(many);
        assertTrue(auto.features().get(0).ordered(), "employer has about 60 levels");
        assertFalse(auto.features().get(1).ordered());
        assertEquals(auto, FeatureEncoding.fit(many, CategoricalEncoding.ORDERED));
        assertFalse(FeatureEncoding.fit(many, CategoricalEncoding.LEVELS).features().get(0).ordered());
        assertEquals(auto, FeatureEncoding.fit(many, TrainingParams.defaults()));
    }

    @Test
    void theOrderedFlagIsLeftOutOfTheJsonUnlessSet() throws Exception {
        FeatureEncoding levels = FeatureEncoding.fit(BINARY, CategoricalEncoding.LEVELS);
        String json = GroveJson.compact(levels);
        assertFalse(json.contains("ordered"), json);
        FeatureEncoding ordered = FeatureEncoding.fit(BINARY, CategoricalEncoding.ORDERED);
        String rankedJson = GroveJson.compact(ordered);
        assertTrue(rankedJson.contains("\"ordered\":true"), rankedJson);
        assertEquals(ordered, GroveJson.reader(FeatureEncoding.class).readValue(rankedJson));
        // a file written before the flag existed
        String old = "{\"features\":[{\"name\":\"c\",\"type\":\"CATEGORICAL\",\"levels\":[\"b\",\"a\"],\"fill\":0.0,"
                + "\"unseen\":0.0}]}";
        FeatureSpec read = GroveJson.reader(FeatureEncoding.class).<FeatureEncoding>readValue(old).features().get(0);
        assertFalse(read.ordered());
        assertTrue(read.nominal());
    }

    @Test
    void theOptionIsSharedByEveryTrainerAndChecked() {
        TrainingParams p = TrainingParams.defaults().withExtra(CategoricalEncoding.KEY, "Ordered");
        p.requireKnownExtras("any", List.of());
        assertEquals(CategoricalEncoding.ORDERED, CategoricalEncoding.of(p));
        assertEquals(CategoricalEncoding.AUTO, CategoricalEncoding.of(TrainingParams.defaults()));
        String m = assertThrows(InvalidRequestException.class, () -> TrainingParams.defaults()
                .withExtra(CategoricalEncoding.KEY, "onehot").requireKnownExtras("any", List.of())).getMessage();
        assertEquals("categorical_encoding must be one of levels, ordered, auto, got 'onehot'", m);
    }

    @Test
    void theChoiceIsRecordedWhenAskedForOrWhenAutoRankedAColumn() {
        FeatureEncoding ranked = FeatureEncoding.fit(BINARY, CategoricalEncoding.ORDERED);
        FeatureEncoding plain = FeatureEncoding.fit(BINARY, CategoricalEncoding.LEVELS);
        Map<String, Object> m = new java.util.HashMap<>();
        CategoricalEncoding.record(m, java.util.Optional.empty(), plain);
        assertEquals(Map.of(), m, "nothing asked, nothing ranked: the params (and model bytes) are as before");
        CategoricalEncoding.record(m, java.util.Optional.empty(), ranked);
        assertEquals(Map.of("categorical_encoding", "auto"), m);
        CategoricalEncoding.record(m, java.util.Optional.of(CategoricalEncoding.LEVELS), plain);
        assertEquals(Map.of("categorical_encoding", "levels"), m);
    }

    @Test
    void aNumericColumnIsNeverRanked() {
        Dataset d = Dataset.of(table(3, NumericColumn.of("x", 1, 2, 3)), "y", "a", "b", "a");
        assertFalse(FeatureEncoding.fit(d, CategoricalEncoding.ORDERED).features().get(0).ordered());
    }
}
