package dev.grove.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

/**
 * An application's table for tests of training from a database: a simple CSV (no quoted fields)
 * loaded into {@code table} over JDBC, with an {@code id} primary key in file order, each column
 * typed from its values (integer, double precision or text; an empty field is NULL).
 */
public final class SqlTables {
    private SqlTables() {
    }

    public static void load(String jdbcUrl, String table, Path csv) {
        List<String> lines;
        try {
            lines = Files.readAllLines(csv, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String[] header = lines.get(0).split(",", -1);
        List<String[]> rows = new ArrayList<>();
        lines.stream().skip(1).forEach(l -> rows.add(l.split(",", -1)));
        String[] types = new String[header.length];
        for (int c = 0; c < header.length; c++) {
            types[c] = typeOf(rows, c);
        }
        StringBuilder ddl = new StringBuilder("create table " + table + " (id integer primary key");
        StringBuilder insert = new StringBuilder("insert into " + table + " (id");
        for (int c = 0; c < header.length; c++) {
            ddl.append(", ").append(header[c]).append(' ').append(types[c]);
            insert.append(", ").append(header[c]);
        }
        insert.append(") values (?").append(", ?".repeat(header.length)).append(')');
        try (Connection db = DriverManager.getConnection(jdbcUrl)) {
            try (Statement st = db.createStatement()) {
                st.execute(ddl.append(')').toString());
            }
            db.setAutoCommit(false);
            try (PreparedStatement ps = db.prepareStatement(insert.toString())) {
                for (int r = 0; r < rows.size(); r++) {
                    ps.setInt(1, r + 1);
                    for (int c = 0; c < header.length; c++) {
                        String v = rows.get(r)[c];
                        if (v.isEmpty()) {
                            ps.setNull(c + 2, types[c].equals("text") ? Types.VARCHAR : Types.DOUBLE);
                        } else if (types[c].equals("integer")) {
                            ps.setLong(c + 2, Long.parseLong(v));
                        } else if (types[c].equals("double precision")) {
                            ps.setDouble(c + 2, Double.parseDouble(v));
                        } else {
                            ps.setString(c + 2, v);
                        }
                    }
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            db.commit();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot load " + csv + " into " + table + ": " + e.getMessage(), e);
        }
    }

    /** Runs statements (updates of the app's rows) in one transaction. */
    public static void execute(String jdbcUrl, String... sql) {
        try (Connection db = DriverManager.getConnection(jdbcUrl)) {
            db.setAutoCommit(false);
            try (Statement st = db.createStatement()) {
                for (String s : sql) {
                    st.execute(s);
                }
            }
            db.commit();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot run " + String.join("; ", sql) + ": " + e.getMessage(), e);
        }
    }

    private static String typeOf(List<String[]> rows, int c) {
        boolean integers = true;
        for (String[] r : rows) {
            if (r[c].isEmpty()) {
                continue;
            }
            try {
                Long.parseLong(r[c]);
            } catch (NumberFormatException notLong) {
                integers = false;
                try {
                    Double.parseDouble(r[c]);
                } catch (NumberFormatException notNumber) {
                    return "text";
                }
            }
        }
        return integers ? "integer" : "double precision";
    }
}
