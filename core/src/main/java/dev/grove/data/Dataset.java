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
