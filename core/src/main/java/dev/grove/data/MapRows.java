package dev.grove.data;

import dev.grove.InvalidDataException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Rows held as maps (column name → value) turned into a {@link Dataset}; see {@link Dataset#ofRows}. */
final class MapRows {
    private MapRows() {
    }

    static Dataset toDataset(List<? extends Map<String, ?>> rows, String label, String name) {
        String path = "memory:" + name;
        if (rows.isEmpty()) {
            throw new InvalidDataException(path + " has no rows; give at least two rows of each class");
        }
        Set<String> columns = new TreeSet<>(rows.get(0).keySet()); // maps keep no reliable order: by name
        if (!columns.contains(label)) {
            throw new InvalidDataException("label column '" + label + "' is not in " + path + "; its columns are: "
                    + String.join(", ", columns) + " (names are case-sensitive): use one of those");
        }
        for (int i = 1; i < rows.size(); i++) {
            for (String key : rows.get(i).keySet()) {
                if (!columns.contains(key)) {
                    throw new InvalidDataException(path + ": row " + (i + 1) + " has column '" + key + "', which row 1 "
                            + "lacks; give every row the same columns (null for a missing value)");
                }
            }
        }
        Map<String, ColumnType> types = new LinkedHashMap<>();
        for (String c : columns) {
            if (!c.equals(label)) {
                types.put(c, allNumbers(rows, c) ? ColumnType.NUMERIC : ColumnType.CATEGORICAL);
            }
        }
        Table features = Table.ofRows(rows, types, path); // checks every row has every column
        String[] classes = new String[rows.size()];
        for (int i = 0; i < classes.length; i++) {
            if (!rows.get(i).containsKey(label)) {
                throw new InvalidDataException(path + ": row " + (i + 1) + " has no value for column '" + label
                        + "'; give one (null for a missing label: the row is then left out)");
            }
            Object v = rows.get(i).get(label);
            classes[i] = v == null ? null : String.valueOf(v);
        }
        DatasetBuilder b = new DatasetBuilder(path);
        features.columns().forEach(b::feature);
        return b.label(label, classes).build();
    }

    /** Whether every value of {@code column} is a number, numeric text or missing (as the CSV reader decides). */
    private static boolean allNumbers(List<? extends Map<String, ?>> rows, String column) {
        for (Map<String, ?> row : rows) {
            Object v = row.get(column);
            if (v == null || v instanceof Number) {
                continue;
            }
            String text = v.toString().trim();
            if (!text.isEmpty() && !NumberSyntax.isDecimal(text)) {
                return false;
            }
        }
        return true;
    }
}
