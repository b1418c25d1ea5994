package dev.grove.data;

import java.util.List;
import java.util.Objects;

/**
 * Feature columns plus a categorical label: what a trainer learns from. Class codes index
 * {@link #classes()}, which are in first-appearance order in the source file (the order the
 * portable split walks them in).
 */
public final class Dataset {
    private final Table features;
    private final String labelName;
    private final List<String> classes;
    private final int[] labels;
    private final List<DataWarning> warnings;

    /** Takes ownership of {@code labels}. */
    Dataset(Table features, String labelName, List<String> classes, int[] labels) {
        this(features, labelName, classes, labels, List.of());
    }

    /** Takes ownership of {@code labels}. */
    Dataset(Table features, String labelName, List<String> classes, int[] labels, List<DataWarning> warnings) {
        this.warnings = List.copyOf(warnings);
        this.features = Objects.requireNonNull(features);
        this.labelName = Objects.requireNonNull(labelName);
        this.classes = List.copyOf(classes);
        this.labels = labels;
        if (labels.length != features.rowCount()) {
            throw new IllegalArgumentException(labels.length + " labels for " + features.rowCount() + " rows");
        }
        for (int y : labels) {
            if (y < 0 || y >= this.classes.size()) {
                throw new IllegalArgumentException("label code " + y + " out of range");
            }
        }
    }

    /**
     * Builds a dataset from columns in memory; see {@link DatasetBuilder}.
     *
     * <p>Rows built in memory ({@code builder}, {@link #ofRows}, {@link #ofResultSet}) are
     * fingerprinted by the SHA-256 of a canonical rendering of their content, so the same rows give
     * the same {@link DatasetSource#sha256()} however they were built and in whatever order their
     * columns came. Rendering version 1, as bytes (integers big-endian): the UTF-8 text
     * {@code grove-rows-v1}; the number of columns (4 bytes); per column, sorted by name
     * ({@link String#compareTo}), its kind ({@code 'N'} numeric feature, {@code 'C'} categorical
     * feature, {@code 'L'} label; 1 byte) and its name (4-byte length, UTF-8 bytes); then per row in
     * order (rows with a missing label included), per column in the same order: {@code 0} for a
     * missing value, {@code 1} and the 8 bytes of {@link Double#doubleToLongBits} for a number,
     * {@code 2}, a 4-byte length and the UTF-8 bytes for a text.
     *
     * @param name names the rows in the run record: its dataset path is {@code memory:NAME}
     */
    public static DatasetBuilder builder(String name) {
        return new DatasetBuilder("memory:" + Objects.requireNonNull(name, "name"));
    }

    /**
     * A dataset from rows held as maps (column name → value), the label among them. A column whose
     * every value is a number (or numeric text, as a CSV cell) is numeric, any other categorical
     * (values as their text); {@code null} is a missing value, and a row whose label is missing is
     * left out. Every row has the same columns. Maps keep no reliable order, so the features are in
     * name order. Fingerprinted as {@link #builder(String)} describes; path {@code memory:NAME}.
     */
    public static Dataset ofRows(List<? extends java.util.Map<String, ?>> rows, String label, String name) {
        return MapRows.toDataset(rows, Objects.requireNonNull(label, "label"), Objects.requireNonNull(name, "name"));
    }

    /**
     * A dataset from the rows of a JDBC result, read once, forward, from its current position; the
     * caller keeps and closes {@code rows}. Types come from the result's metadata: SQL numeric
     * types (INTEGER, REAL, DECIMAL, …) are numeric features, text (VARCHAR, CHAR, CLOB, BOOLEAN…)
     * categorical ones, any other type is refused; SQL NULL is a missing value, and a row whose
     * label is NULL is left out. Columns in the result's order, named by their labels (aliases).
     * Fingerprinted as {@link #builder(String)} describes.
     *
     * @param name names the rows in the run record (e.g. the table or query): the dataset path is {@code jdbc:NAME}
     */
    public static Dataset ofResultSet(java.sql.ResultSet rows, String label, String name) {
        return ResultSetRows.toDataset(rows, Objects.requireNonNull(label, "label"), Objects.requireNonNull(name, "name"));
    }

    /** A dataset from a feature table and a text label per row, classes in first-appearance order. */
    public static Dataset of(Table features, String labelName, String... labels) {
        LevelIndex index = new LevelIndex();
        int[] codes = new int[labels.length];
        for (int i = 0; i < labels.length; i++) {
            codes[i] = index.codeOf(Objects.requireNonNull(labels[i], "label"));
        }
        return new Dataset(features, labelName, index.levels(), codes);
    }

    public Table features() {
        return features;
    }

    public String labelName() {
        return labelName;
    }

    /** Class names; a label code indexes this list. */
    public List<String> classes() {
        return classes;
    }

    public int size() {
        return labels.length;
    }

    /** The class code of a row. */
    public int label(int row) {
        return labels[row];
    }

    /** A copy of every row's class code. */
    public int[] labels() {
        return labels.clone();
    }

    public DatasetSource source() {
        return features.source();
    }

    /** What reading the data noticed that may not be what was meant (empty when nothing was). */
    public List<DataWarning> warnings() {
        return warnings;
    }

    /** This dataset with one more warning. */
    Dataset withWarning(DataWarning w) {
        List<DataWarning> more = new java.util.ArrayList<>(warnings);
        more.add(w);
        return new Dataset(features, labelName, classes, labels, more);
    }

    /** Rows per class, indexed like {@link #classes()}. */
    public int[] classCounts() {
        int[] counts = new int[classes.size()];
        for (int y : labels) {
            counts[y]++;
        }
        return counts;
    }

    /** Per class code in {@code [0, classes)}, the rows with that label, in row order. */
    public static int[][] rowsByClass(int[] labels, int classes) {
        int[] counts = new int[classes];
        for (int y : labels) {
            counts[y]++;
        }
        int[][] rows = new int[classes][];
        for (int c = 0; c < classes; c++) {
            rows[c] = new int[counts[c]];
        }
        int[] fill = new int[classes];
        for (int i = 0; i < labels.length; i++) {
            rows[labels[i]][fill[labels[i]]++] = i;
        }
        return rows;
    }

    /** A dataset of the given rows, in that order, with the same classes (some may then be absent). */
    public Dataset select(int[] rows) {
        int[] out = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = labels[rows[i]];
        }
        return new Dataset(features.select(rows), labelName, classes, out, warnings);
    }
}
