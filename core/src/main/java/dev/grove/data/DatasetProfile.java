package dev.grove.data;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a dataset looks like before training: rows per class (first-appearance order), the
 * imbalance ratio (largest class / smallest), missing cells per feature, requested columns the
 * data lacks, and what reading it noticed that may not be what was meant ({@link Dataset#warnings()}),
 * plus the feature columns that look like identifiers.
 */
public record DatasetProfile(int rows, Map<String, Integer> classCounts, double imbalanceRatio,
                             Map<String, Integer> missingPerColumn,
                             List<String> absentColumns, int rowsDroppedMissingLabel, List<DataWarning> warnings) {

    public DatasetProfile {
        classCounts = Collections.unmodifiableMap(new LinkedHashMap<>(classCounts));
        warnings = List.copyOf(warnings);
        missingPerColumn = Collections.unmodifiableMap(new LinkedHashMap<>(missingPerColumn));
        absentColumns = List.copyOf(absentColumns);
    }

    /** Profiles a dataset; {@code requested} are the feature names someone asked for (may be empty). */
    public static DatasetProfile of(Dataset data, List<String> requested) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        int[] c = data.classCounts();
        for (int i = 0; i < c.length; i++) {
            counts.put(data.classes().get(i), c[i]);
        }
        Map<String, Integer> missing = new LinkedHashMap<>();
        for (Column col : data.features().columns()) {
            missing.put(col.name(), col.missingCount());
        }
        List<String> absent = requested.stream().filter(n -> data.features().column(n).isEmpty()).toList();
        List<DataWarning> warnings = new java.util.ArrayList<>(data.warnings());
        warnings.addAll(IdentifierCheck.warnings(data.features()));
        return new DatasetProfile(data.size(), counts, imbalance(c), missing, absent,
                data.source().rowsDroppedMissingLabel(), warnings);
    }

    /**
     * Profiles a table from counts made where it lives (e.g. by Spark), so that a run trained there
     * records the same class distribution and imbalance ratio as one read into memory.
     *
     * @param rows                    data rows kept (those with a label)
     * @param classCounts             rows per class, in the order the trainer indexes classes
     * @param missingPerColumn        missing cells per feature, in column order
     * @param rowsDroppedMissingLabel rows read but dropped because their label was missing
     * @throws InvalidDataException when a count is negative or beyond what a run records
     */
    public static DatasetProfile ofCounts(long rows, Map<String, Long> classCounts, Map<String, Long> missingPerColumn,
                                          long rowsDroppedMissingLabel) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        int[] c = new int[classCounts.size()];
        int i = 0;
        for (Map.Entry<String, Long> e : classCounts.entrySet()) {
            c[i++] = count(e.getValue(), "rows of class '" + e.getKey() + "'");
            counts.put(e.getKey(), c[i - 1]);
        }
        Map<String, Integer> missing = new LinkedHashMap<>();
        missingPerColumn.forEach((column, n) -> missing.put(column, count(n, "missing cells of feature '" + column + "'")));
        return new DatasetProfile(count(rows, "rows"), counts, imbalance(c), missing, List.of(),
                count(rowsDroppedMissingLabel, "rows without a label"), List.of());
    }

    private static int count(long n, String what) {
        if (n < 0 || n > Integer.MAX_VALUE) {
            throw new dev.grove.InvalidDataException("the table has " + n + " " + what + "; a run records counts from 0 to "
                    + Integer.MAX_VALUE + ": train on a sample of the table");
        }
        return (int) n;
    }

    /** Largest class count over smallest non-empty one; 1.0 for a single class. */
    static double imbalance(int[] counts) {
        int max = 0;
        int min = Integer.MAX_VALUE;
        for (int n : counts) {
            if (n > 0) {
                max = Math.max(max, n);
                min = Math.min(min, n);
            }
        }
        return max == 0 ? 1.0 : (double) max / min;
    }

    /** Features whose every cell is missing. */
    public List<String> emptyColumns() {
        return missingPerColumn.entrySet().stream().filter(e -> e.getValue() == rows).map(Map.Entry::getKey).toList();
    }

    /** Total missing cells over all features. */
    public long missingCells() {
        return missingPerColumn.values().stream().mapToLong(Integer::longValue).sum();
    }
}
