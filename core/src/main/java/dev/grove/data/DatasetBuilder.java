package dev.grove.data;

import dev.grove.InvalidDataException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Builds a {@link Dataset} from columns held in memory: features in the order they are added,
 * and one label column. Get one from {@link Dataset#builder(String)}.
 *
 * <pre>{@code
 * Dataset d = Dataset.builder("iris")
 *         .numeric("petal_length", lengths)       // NaN: a missing value
 *         .categorical("colour", colours)         // null: a missing value
 *         .label("species", species)              // null: the row is left out (counted in the source)
 *         .build();
 * }</pre>
 *
 * Like a CSV, the built dataset keeps rows whose label is missing out and counts them
 * ({@link DatasetSource#rowsDroppedMissingLabel()}); its source's path is {@code memory:NAME} and
 * its SHA-256 that of the rows' canonical rendering (see {@link Dataset#builder(String)}).
 */
public final class DatasetBuilder {
    private final String path;
    private final List<Column> features = new ArrayList<>();
    private CategoricalColumn label;

    DatasetBuilder(String path) {
        this.path = path;
    }

    /** A numeric feature; {@code NaN} marks a missing value, infinities are refused. The array is copied. */
    public DatasetBuilder numeric(String name, double[] values) {
        for (int i = 0; i < values.length; i++) {
            if (Double.isInfinite(values[i])) {
                throw new InvalidDataException(path + ": row " + (i + 1) + " of column '" + name + "' is " + values[i]
                        + ", which is not a finite number; use NaN for a missing value");
            }
        }
        return feature(NumericColumn.of(requireName(name), values));
    }

    /** A categorical feature; {@code null} marks a missing value. */
    public DatasetBuilder categorical(String name, String[] values) {
        return feature(CategoricalColumn.of(requireName(name), values.clone()));
    }

    /** The label (one class name per row); a row whose label is {@code null} is left out. */
    public DatasetBuilder label(String name, String[] classes) {
        if (label != null) {
            throw new InvalidDataException(path + " already has the label '" + label.name() + "'; a dataset has one "
                    + "label column: add '" + name + "' as a feature instead");
        }
        label = CategoricalColumn.of(requireName(name), classes.clone());
        return this;
    }

    /** Adds a feature column already built (e.g. streamed from a JDBC result). */
    DatasetBuilder feature(Column c) {
        features.add(c);
        return this;
    }

    /** Sets the label column already built. */
    DatasetBuilder label(CategoricalColumn c) {
        label = c;
        return this;
    }

    /**
     * @throws InvalidDataException when there is no label, columns differ in length, or two columns
     *                              share a name
     */
    public Dataset build() {
        if (label == null) {
            throw new InvalidDataException(path + " has no label column; name the column to predict with label(name, classes)");
        }
        Set<String> names = new LinkedHashSet<>();
        for (Column c : features) {
            if (!names.add(c.name()) || c.name().equals(label.name())) {
                throw new InvalidDataException(path + " has two columns named '" + c.name() + "'; give each column "
                        + "its own name (the label too)");
            }
            if (c.size() != label.size()) {
                throw new InvalidDataException(path + ": column '" + c.name() + "' has " + c.size() + " rows but the "
                        + "label '" + label.name() + "' has " + label.size() + "; give every column one value per row");
            }
        }
        String sha = RowsFingerprint.of(features, label);
        int[] kept = new int[label.size() - label.missingCount()];
        int[] codes = new int[kept.length];
        for (int row = 0, k = 0; row < label.size(); row++) {
            if (!label.isMissing(row)) {
                codes[k] = label.code(row);
                kept[k++] = row;
            }
        }
        if (kept.length == 0) {
            throw new InvalidDataException(path + ": every row's label '" + label.name() + "' is missing; fill in "
                    + "the labels");
        }
        DatasetSource source = new DatasetSource(path, sha, 0, label.size(), label.missingCount());
        Table table = new Table(features, label.size(), source);
        return new Dataset(kept.length == label.size() ? table : table.select(kept), label.name(), label.levels(), codes);
    }

    private String requireName(String name) {
        if (Objects.requireNonNull(name, "name").isBlank()) {
            throw new InvalidDataException(path + ": a column has a blank name; give every column a name");
        }
        return name;
    }
}
