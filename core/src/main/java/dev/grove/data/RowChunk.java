package dev.grove.data;

import java.util.List;

/**
 * Consecutive rows of a CSV read by {@link CsvRowReader}: the columns asked for, typed, as a
 * {@link Table}, and every cell of each row as it was read (unquoted and trimmed), so whatever is
 * computed from the table can be written back beside the very row it came from.
 */
public final class RowChunk {
    private final Table features;
    private final List<String[]> cells;
    private final long[] lines;

    /** Takes ownership of the arrays. */
    RowChunk(Table features, List<String[]> cells, long[] lines) {
        this.features = features;
        this.cells = cells;
        this.lines = lines;
    }

    /** The columns asked for, one row per row of this chunk, in order. */
    public Table features() {
        return features;
    }

    public int size() {
        return lines.length;
    }

    /** Every cell of row {@code row}, in header order, as read. */
    public List<String> cells(int row) {
        return List.of(cells.get(row));
    }

    /** The line of the file on which row {@code row} ends (1-based; a quoted line break makes a row span lines). */
    public long line(int row) {
        return lines[row];
    }
}
