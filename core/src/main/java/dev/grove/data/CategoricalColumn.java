package dev.grove.data;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A column of levels, stored as codes into {@link #levels()} (first-appearance order in the
 * source file); a missing cell has code {@link #MISSING}.
 */
public final class CategoricalColumn implements Column {
    public static final int MISSING = -1;

    private final String name;
    private final List<String> levels;
    private final int[] codes;
    private final int missing;

    /** Takes ownership of {@code codes}: the caller must not modify the array afterwards. */
    CategoricalColumn(String name, List<String> levels, int[] codes) {
        this.name = Objects.requireNonNull(name);
        this.levels = List.copyOf(levels);
        this.codes = codes;
        int m = 0;
        for (int c : codes) {
            if (c == MISSING) {
                m++;
            } else if (c < 0 || c >= this.levels.size()) {
                throw new IllegalArgumentException("code " + c + " out of range for " + this.levels.size() + " levels");
            }
        }
        this.missing = m;
    }

    /** A column from text values; {@code null} marks a missing cell. Levels in first-appearance order. */
    public static CategoricalColumn of(String name, String... values) {
        LevelIndex index = new LevelIndex();
        int[] codes = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            codes[i] = values[i] == null ? MISSING : index.codeOf(values[i]);
        }
        return new CategoricalColumn(name, index.levels(), codes);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public ColumnType type() {
        return ColumnType.CATEGORICAL;
    }

    @Override
    public int size() {
        return codes.length;
    }

    /** All levels in first-appearance order; codes index into this list. */
    public List<String> levels() {
        return levels;
    }

    /** The code of a row, {@link #MISSING} when missing. */
    public int code(int row) {
        return codes[row];
    }

    /** The level of a row, empty when missing. */
    public Optional<String> level(int row) {
        int c = codes[row];
        return c == MISSING ? Optional.empty() : Optional.of(levels.get(c));
    }

    @Override
    public boolean isMissing(int row) {
        return codes[row] == MISSING;
    }

    @Override
    public int missingCount() {
        return missing;
    }

    /**
     * How many levels occur in this column's rows: {@link #levels()} may hold more (a selection of
     * rows keeps its source's levels).
     */
    public int levelsPresent() {
        boolean[] seen = new boolean[levels.size()];
        int n = 0;
        for (int i = 0; i < size(); i++) {
            if (!isMissing(i) && !seen[code(i)]) {
                seen[code(i)] = true;
                n++;
            }
        }
        return n;
    }

    @Override
    public CategoricalColumn select(int[] rows) {
        int[] out = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = codes[rows[i]];
        }
        return new CategoricalColumn(name, levels, out);
    }

    @Override
    public String toString() {
        return "CategoricalColumn[" + name + ", " + codes.length + " rows, " + levels.size() + " levels, "
                + missing + " missing]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CategoricalColumn c && c.name.equals(name) && c.levels.equals(levels)
                && Arrays.equals(c.codes, codes);
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + Arrays.hashCode(codes);
    }
}
