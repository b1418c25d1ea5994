package dev.grove.data;

/**
 * One immutable column of a {@link Table}, stored as primitives (no boxed cell objects), so
 * a million-row table costs 8 bytes (numeric) or 4 bytes (categorical) per cell.
 */
public sealed interface Column permits NumericColumn, CategoricalColumn {

    String name();

    ColumnType type();

    int size();

    boolean isMissing(int row);

    /** Number of missing cells. */
    int missingCount();

    /** A new column holding the given rows, in that order. */
    Column select(int[] rows);
}
