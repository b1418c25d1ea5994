package dev.grove.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.grove.internal.GroveJson;
import dev.grove.data.CategoricalColumn;
import dev.grove.data.Dataset;
import dev.grove.data.DatasetSource;
import dev.grove.internal.MissingColumnsException;
import dev.grove.data.NumericColumn;
import dev.grove.data.Table;
import java.util.List;
import org.junit.jupiter.api.Test;

class FeatureEncodingTest {
    private static Table table(int rows, dev.grove.data.Column... cols) {
        return new Table(List.of(cols), rows, DatasetSource.inMemory("t", rows));
    }

    private static final Dataset TRAIN = Dataset.of(table(5,
            NumericColumn.of("x", 1, Double.NaN, 3, 10, 2),
            CategoricalColumn.of("c", "b", "a", "b", null, "b")), "y", "P", "N", "P", "N", "P");

    @Test
    void numericMissingBecomesTheTrainingMedian() {
        FeatureEncoding enc = FeatureEncoding.fit(TRAIN);
        assertEquals(2.5, enc.features().get(0).fill());
        assertArrayEquals(new double[] {1, 2.5, 3, 10, 2}, enc.encodeColumn(TRAIN.features(), 0));
    }

    @Test
    void categoricalLevelsMissingAndUnseen() {
        FeatureEncoding enc = FeatureEncoding.fit(TRAIN);
        FeatureSpec c = enc.features().get(1);
        assertEquals(List.of("b", "a", FeatureEncoding.MISSING_LEVEL), c.levels());
        assertEquals(2, c.fill());
        assertEquals(0, c.unseen());

        // New data whose levels come in another order, with a level training never saw.
        Table later = table(4, NumericColumn.of("x", 0, 0, 0, 0), CategoricalColumn.of("c", "zzz", "a", null, "b"));
        assertArrayEquals(new double[] {0, 1, 2, 0}, enc.encodeColumn(later, 1));
    }

    @Test
    void levelsOnlyInOtherRowsAreNotPartOfTheEncoding() {
        Dataset sub = TRAIN.select(new int[] {0, 2, 4});
        FeatureSpec c = FeatureEncoding.fit(sub).features().get(1);
        assertEquals(List.of("b"), c.levels());
    }

    @Test
    void roundTripsThroughJson() throws Exception {
        FeatureEncoding enc = FeatureEncoding.fit(TRAIN);
        String json = GroveJson.compact(enc);
        assertEquals(enc, GroveJson.reader(FeatureEncoding.class).readValue(json));
    }

    @Test
    void absentColumnsAreListed() {
        FeatureEncoding enc = FeatureEncoding.fit(TRAIN);
        MissingColumnsException e = assertThrows(MissingColumnsException.class,
                () -> enc.encodeRows(table(1, NumericColumn.of("x", 1))));
        assertEquals(List.of("c"), e.absent());
    }
}
