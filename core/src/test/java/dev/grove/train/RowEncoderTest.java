package dev.grove.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.grove.InvalidDataException;
import dev.grove.data.CategoricalColumn;
import dev.grove.data.Dataset;
import dev.grove.data.DatasetSource;
import dev.grove.data.NumericColumn;
import dev.grove.data.Table;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The single-row encoder against the table path it stands in for, value for value. */
class RowEncoderTest {
    private static final Dataset TRAIN = Dataset.of(new Table(List.of(
            NumericColumn.of("x", 1, Double.NaN, 3, 10, 2),
            CategoricalColumn.of("c", "b", "a", "b", null, "b"),
            CategoricalColumn.of("d", "u", "v", "v", "w", "")), 5, DatasetSource.inMemory("t", 5)),
            "y", "P", "N", "P", "N", "P");

    private static final Object[] X = {null, 0, -1.5, 7L, 2.5f, " 3.25 ", "", "  ", "1e3", 10, 1.0 / 3};
    private static final Object[] C = {null, "a", "b", "z", "", FeatureEncoding.MISSING_LEVEL, 1};
    private static final Object[] D = {null, "u", "v", "w", "", "x", FeatureEncoding.MISSING_LEVEL};

    @Test
    void encodesEveryRowAsTheTablePathDoes() {
        FeatureEncoding encoding = FeatureEncoding.fit(TRAIN);
        RowEncoder encoder = new RowEncoder(encoding);
        Random random = new Random(7);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            Map<String, Object> row = new HashMap<>();
            row.put("x", X[random.nextInt(X.length)]);
            row.put("c", C[random.nextInt(C.length)]);
            row.put("d", D[random.nextInt(D.length)]);
            row.put("ignored", "anything");
            rows.add(row);
        }
        double[][] columns = encoding.encodeColumns(Table.ofRows(rows, encoding.types(), "rows"));
        double[] out = new double[encoder.size()];
        for (int r = 0; r < rows.size(); r++) {
            encoder.encode(rows.get(r), out);
            for (int j = 0; j < out.length; j++) {
                assertEquals(Double.doubleToRawLongBits(columns[j][r]), Double.doubleToRawLongBits(out[j]),
                        "row " + rows.get(r) + " feature " + j);
            }
        }
    }

    @Test
    void refusesWhatTheTablePathRefuses() {
        RowEncoder encoder = new RowEncoder(FeatureEncoding.fit(TRAIN));
        double[] out = new double[3];
        Map<String, Object> noX = new HashMap<>(Map.of("c", "a", "d", "u"));
        assertEquals("rows to predict: row 1 has no value for column 'x'; give one (null for a missing value)",
                assertThrows(InvalidDataException.class, () -> encoder.encode(noX, out)).getMessage());
        Map<String, Object> text = new HashMap<>(Map.of("x", "abc", "c", "a", "d", "u"));
        assertThrows(InvalidDataException.class, () -> encoder.encode(text, out));
        Map<String, Object> nan = new HashMap<>(Map.of("x", Double.NaN, "c", "a", "d", "u"));
        assertThrows(InvalidDataException.class, () -> encoder.encode(nan, out));
        encoder.encode(Map.of("x", 4, "c", "a", "d", "v"), out);
        assertArrayEquals(new double[] {4, 1, 1}, out);
    }
}
