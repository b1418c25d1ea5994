package dev.grove.data;

import dev.grove.InvalidDataException;
import java.util.Map;

/**
 * The cells of a row held as a map (column name → value), read as {@link Table#ofRows} reads them;
 * public so that a model predicting one such row reads it the same way without building a table.
 */
public final class MapCells {
    private MapCells() {
    }

    /**
     * The value of {@code column} in {@code row}, {@code null} for a missing cell; fails when the
     * row has no such key.
     *
     * @param i    the row's index, for messages
     * @param name what the rows are, for messages
     */
    public static Object cell(Map<String, ?> row, int i, String column, String name) {
        if (row == null || !row.containsKey(column)) {
            throw new InvalidDataException(name + ": row " + (i + 1) + " has no value for column '" + column
                    + "'; give one (null for a missing value)");
        }
        return row.get(column);
    }

    /**
     * A numeric cell: a number or numeric text, NaN when missing ({@code null} or blank text);
     * fails on anything else, infinities and NaN included.
     */
    public static double number(Object cell, int i, String column, String name) {
        if (cell == null) {
            return Double.NaN;
        }
        double v;
        if (cell instanceof Number n) {
            v = n.doubleValue();
        } else {
            String text = cell.toString().trim();
            if (text.isEmpty()) {
                return Double.NaN;
            }
            v = NumberSyntax.parseDecimal(text);
        }
        if (!Double.isFinite(v)) {
            throw new InvalidDataException(name + ": row " + (i + 1) + " column '" + column + "' is '" + cell
                    + "', which is not a finite number; numeric columns take numbers (null for a missing value)");
        }
        return v;
    }
}
