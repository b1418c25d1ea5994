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

    /**
     * A table from rows held as maps (column name → value), with the given columns and types:
     * numeric columns take numbers or numeric text, categorical columns take any value as its
     * text; {@code null} is a missing cell. Every row must have every column (extra keys are ignored).
     *
     * @param name what the rows are, for messages and {@link #source()}
     */
    public static Table ofRows(List<? extends Map<String, ?>> rows, Map<String, ColumnType> types, String name) {
        List<Column> columns = new java.util.ArrayList<>(types.size());
        for (Map.Entry<String, ColumnType> t : types.entrySet()) {
            String column = t.getKey();
            if (t.getValue() == ColumnType.NUMERIC) {
                double[] v = new double[rows.size()];
                for (int i = 0; i < v.length; i++) {
                    v[i] = MapCells.number(MapCells.cell(rows.get(i), i, column, name), i, column, name);
                }
                columns.add(new NumericColumn(column, v));
            } else {
                String[] v = new String[rows.size()];
                for (int i = 0; i < v.length; i++) {
                    Object cell = MapCells.cell(rows.get(i), i, column, name);
                    v[i] = cell == null ? null : String.valueOf(cell);
                }
                columns.add(CategoricalColumn.of(column, v));
            }
        }
        return new Table(columns, rows.size(), DatasetSource.inMemory(name, rows.size()));
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
