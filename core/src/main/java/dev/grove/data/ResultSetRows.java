package dev.grove.data;

import dev.grove.InvalidDataException;
import java.sql.JDBCType;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The rows of a JDBC result turned into a {@link Dataset} in one forward pass; see
 * {@link Dataset#ofResultSet}. Column types come from the result's metadata.
 */
final class ResultSetRows {
    private static final Set<Integer> NUMERIC = Set.of(Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT,
            Types.REAL, Types.FLOAT, Types.DOUBLE, Types.NUMERIC, Types.DECIMAL);
    private static final Set<Integer> TEXT = Set.of(Types.CHAR, Types.VARCHAR, Types.LONGVARCHAR, Types.NCHAR,
            Types.NVARCHAR, Types.LONGNVARCHAR, Types.CLOB, Types.NCLOB, Types.BOOLEAN, Types.BIT);

    private ResultSetRows() {
    }

    static Dataset toDataset(ResultSet rs, String label, String name) {
        String path = "jdbc:" + name;
        try {
            ResultSetMetaData meta = rs.getMetaData();
            int n = meta.getColumnCount();
            List<String> names = new ArrayList<>(n);
            for (int i = 1; i <= n; i++) {
                names.add(meta.getColumnLabel(i));
            }
            int labelAt = names.indexOf(label);
            if (labelAt < 0) {
                throw new InvalidDataException("label column '" + label + "' is not in " + path + "; its columns are: "
                        + String.join(", ", names) + " (names are case-sensitive): use one of those");
            }
            Cells[] cells = new Cells[n];
            for (int i = 0; i < n; i++) {
                int type = meta.getColumnType(i + 1);
                if (i == labelAt || TEXT.contains(type)) {
                    cells[i] = new Cells(names.get(i), false);
                } else if (NUMERIC.contains(type)) {
                    cells[i] = new Cells(names.get(i), true);
                } else {
                    throw new InvalidDataException(path + ": column '" + names.get(i) + "' has SQL type "
                            + typeName(type) + ", which is neither a number nor text; cast it to one in the query, "
                            + "or leave it out");
                }
            }
            int row = 0;
            while (rs.next()) {
                row++;
                for (int i = 0; i < n; i++) {
                    cells[i].read(rs, i + 1, row, path);
                }
            }
            DatasetBuilder b = new DatasetBuilder(path);
            for (int i = 0; i < n; i++) {
                if (i != labelAt) {
                    b.feature(cells[i].column());
                }
            }
            return b.label((CategoricalColumn) cells[labelAt].column()).build();
        } catch (SQLException e) {
            throw new InvalidDataException("cannot read the rows of " + path + ": " + e.getMessage()
                    + "; check the query and the connection", e);
        }
    }

    private static String typeName(int type) {
        try {
            return JDBCType.valueOf(type).getName();
        } catch (IllegalArgumentException e) {
            return String.valueOf(type);
        }
    }

    /** One column's values as they stream by. */
    private static final class Cells {
        private final String name;
        private final DoubleArrayBuilder numbers;
        private final IntArrayBuilder codes;
        private final LevelIndex levels;

        Cells(String name, boolean numeric) {
            this.name = name;
            this.numbers = numeric ? new DoubleArrayBuilder() : null;
            this.codes = numeric ? null : new IntArrayBuilder();
            this.levels = numeric ? null : new LevelIndex();
        }

        void read(ResultSet rs, int column, int row, String path) throws SQLException {
            if (numbers == null) {
                String s = rs.getString(column);
                codes.add(s == null ? CategoricalColumn.MISSING : levels.codeOf(s));
                return;
            }
            Object v = rs.getObject(column); // not getDouble: it reads SQL NULL, and some drivers text, as 0
            double d = v == null ? Double.NaN
                    : v instanceof Number num ? num.doubleValue()
                    : NumberSyntax.parseDecimal(v.toString().trim());
            if (v != null && !Double.isFinite(d)) {
                throw new InvalidDataException(path + ": row " + row + " of column '" + name + "' holds '" + v
                        + "', which is not a finite number though the column's SQL type is numeric; fix the value, "
                        + "or cast the column to text in the query");
            }
            numbers.add(d);
        }

        Column column() {
            return numbers != null ? new NumericColumn(name, numbers.build())
                    : new CategoricalColumn(name, levels.levels(), codes.build());
        }
    }
}
