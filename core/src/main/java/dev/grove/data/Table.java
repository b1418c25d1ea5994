package dev.grove.data;

import dev.grove.InvalidDataException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** An immutable set of equally long, uniquely named columns, in file order. */
public final class Table {
    private final List<Column> columns;
    private final Map<String, Column> byName;
    private final int rowCount;
    private final DatasetSource source;

    public Table(List<? extends Column> columns, int rowCount, DatasetSource source) {
        this.columns = List.copyOf(columns);
        this.rowCount = rowCount;
        this.source = Objects.requireNonNull(source, "source");
        Map<String, Column> map = new LinkedHashMap<>();
        for (Column c : this.columns) {
            if (c.size() != rowCount) {
                throw new IllegalArgumentException("column " + c.name() + " has " + c.size() + " rows, expected " + rowCount);
            }
            if (map.put(c.name(), c) != null) {
                throw new IllegalArgumentException("duplicate column " + c.name());
            }
        }
        this.byName = map;
    }

    public List<Column> columns() {
        return columns;
    }

    public List<String> columnNames() {
        return List.copyOf(byName.keySet());
    }

    public int rowCount() {
        return rowCount;
    }

    public DatasetSource source() {
        return source;
    }

    public Optional<Column> column(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** The named column, or an error that lists the columns that exist. */
    public Column require(String name) {
        Column c = byName.get(name);
        if (c == null) {
            throw new InvalidDataException("column '" + name + "' is not in " + source.path()
                    + "; its columns are: " + String.join(", ", byName.keySet()));
        }
        return c;
    }

    /** A table of the given rows, in that order. */
    public Table select(int[] rows) {
        return new Table(columns.stream().map(c -> c.select(rows)).toList(), rows.length, source);
    }
}
