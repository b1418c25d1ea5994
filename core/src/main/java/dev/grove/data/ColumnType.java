package dev.grove.data;

/** How a column's values are read: numbers, or labels from a finite set of levels. */
public enum ColumnType {
    NUMERIC,
    CATEGORICAL
}
