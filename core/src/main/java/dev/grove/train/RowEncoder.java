package dev.grove.train;

import dev.grove.data.ColumnType;
import dev.grove.data.MapCells;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One row held as a map (feature name → value) encoded straight into model inputs, giving exactly
 * the values {@link FeatureEncoding#encodeColumns} gives that row through
 * {@link dev.grove.data.Table#ofRows}: a single-row prediction then costs no table, no columns
 * and no per-call level index. Immutable, so one instance serves every thread.
 */
public final class RowEncoder {
    /** What {@link TrainedModel#predict(List)} calls the rows in its messages. */
    static final String ROWS = "rows to predict";

    private final String[] names;
    private final boolean[] numeric;
    private final double[] fill;
    private final double[] unseen;
    private final List<Map<String, Integer>> levelIndex; // null for numeric features

    public RowEncoder(FeatureEncoding encoding) {
        int n = encoding.size();
        names = new String[n];
        numeric = new boolean[n];
        fill = new double[n];
        unseen = new double[n];
        Map<String, Integer>[] index = newIndexArray(n);
        for (int j = 0; j < n; j++) {
            FeatureSpec f = encoding.features().get(j);
            names[j] = f.name();
            numeric[j] = f.type() == ColumnType.NUMERIC;
            fill[j] = f.fill();
            unseen[j] = f.unseen();
            if (!numeric[j]) {
                index[j] = new HashMap<>();
                for (int l = 0; l < f.levels().size(); l++) {
                    // as encodeColumn: the missing level is never a value a cell can name
                    if (!f.levels().get(l).equals(FeatureEncoding.MISSING_LEVEL)) {
                        index[j].putIfAbsent(f.levels().get(l), l);
                    }
                }
            }
        }
        levelIndex = java.util.Arrays.asList(index);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Integer>[] newIndexArray(int n) {
        return (Map<String, Integer>[]) new Map[n];
    }

    /** Number of model inputs ({@link FeatureEncoding#size()}). */
    public int size() {
        return names.length;
    }

    /**
     * Writes the model values of {@code row} into {@code out[0 .. size())}; fails as
     * {@link TrainedModel#predict(List)} does on a missing key or a non-numeric numeric cell.
     */
    public void encode(Map<String, ?> row, double[] out) {
        for (int j = 0; j < names.length; j++) {
            Object cell = MapCells.cell(row, 0, names[j], ROWS);
            if (numeric[j]) {
                double v = MapCells.number(cell, 0, names[j], ROWS);
                out[j] = Double.isNaN(v) ? fill[j] : v;
            } else if (cell == null) {
                out[j] = fill[j];
            } else {
                Integer level = levelIndex.get(j).get(String.valueOf(cell));
                out[j] = level == null ? unseen[j] : level;
            }
        }
    }
}
