package dev.grove.store;

import dev.grove.internal.ReadOnly;
import dev.grove.RunStoreException;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;

/**
 * The checks made before a store is touched, and the migration that follows them. Every check
 * that can refuse runs before anything could write: the file checks before any JDBC connection,
 * the schema-version check on a read-only connection before Flyway migrates.
 */
final class SchemaGuard {
    private static final Logger LOG = LoggerFactory.getLogger(SchemaGuard.class);

    /** The newest schema version this build's migrations create (V4__retraining.sql). */
    static final String KNOWN_SCHEMA_VERSION = "4";

    static final String HISTORY_TABLE = "flyway_schema_history";

    private static final byte[] SQLITE_MAGIC = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);

    private SchemaGuard() {
    }

    /**
     * File-level checks for a SQLite store, before any connection: not a directory, the folder
     * exists and is writable, an existing non-empty file carries the SQLite header and is writable.
     *
     * @return true when the file already holds data
     */
    static boolean checkSqliteFile(Path file) {
        if (Files.isDirectory(file)) {
            throw new RunStoreException("run store " + file + " is a directory, not a SQLite file; "
                    + "give a file path such as " + file.resolve("runs.db"));
        }
        Path folder = file.getParent();
        if (folder == null || !Files.isDirectory(folder)) {
            throw new RunStoreException("cannot create run store " + file + ": folder " + folder
                    + " does not exist; create it first (mkdir -p " + folder + ") or choose another path");
        }
        if (ReadOnly.is(folder)) {
            throw new RunStoreException("run store folder " + folder + " is read-only; SQLite needs to write "
                    + file.getFileName() + " and its -wal/-shm files there: make the folder writable or choose another path");
        }
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS) && !Files.exists(file)) {
            return false;
        }
        if (!Files.isRegularFile(file)) {
            throw new RunStoreException("run store " + file + " is not a regular file; give a SQLite file path");
        }
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw new RunStoreException("cannot read run store " + file + ": " + e.getMessage(), e);
        }
        if (size > 0) {
            byte[] head = new byte[SQLITE_MAGIC.length];
            int n;
            try (InputStream in = Files.newInputStream(file)) {
                n = in.readNBytes(head, 0, head.length);
            } catch (IOException e) {
                throw new RunStoreException("cannot read run store " + file + ": " + e.getMessage()
                        + "; check its permissions", e);
            }
            if (n < head.length || !Arrays.equals(head, SQLITE_MAGIC)) {
                throw new RunStoreException(file + " is not a SQLite database (it does not start with the SQLite header);"
                        + " it was left untouched: give the path of a Grove run store, or a new file name");
            }
        }
        if (ReadOnly.is(file)) {
            throw new RunStoreException("run store " + file + " is read-only; Grove records runs in it, so it must be "
                    + "writable: make it writable (chmod u+w " + file + ") or open a copy");
        }
        return size > 0;
    }

    /**
     * Checks an existing SQLite file on a read-only connection (nothing is written, not even the WAL switch).
     *
     * @return true when the schema is already at {@link #KNOWN_SCHEMA_VERSION} (see {@link #checkSchema})
     */
    static boolean checkSqliteSchema(Path file) {
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        config.setBusyTimeout(JooqRunRepository.BUSY_TIMEOUT_MS);
        try (Connection c = config.createConnection(StoreTarget.SQLITE_PREFIX + file)) {
            return checkSchema(c, file.toString(), true);
        } catch (SQLException e) {
            throw new RunStoreException("cannot read run store " + file + " as a SQLite database: " + e.getMessage()
                    + "; it was left untouched", e);
        }
    }

    /**
     * Refuses a database whose schema is newer than this version knows, and (for SQLite) a
     * database that holds other tables but no Grove schema history.
     *
     * @return true when every migration in the history succeeded and the newest is exactly
     *         {@link #KNOWN_SCHEMA_VERSION}: the store is current and Flyway need not run (it
     *         costs about a second of class loading and queries on a cold JVM)
     */
    static boolean checkSchema(Connection c, String location, boolean refuseForeignTables) throws SQLException {
        DatabaseMetaData meta = c.getMetaData();
        String schema = c.getSchema();
        if (schema == null && !refuseForeignTables) {
            throw new RunStoreException("run store " + location + " has no current schema (the schema named by "
                    + "currentSchema/search_path does not exist); create it first (CREATE SCHEMA ...) or fix the URL");
        }
        List<String> tables = new ArrayList<>();
        try (ResultSet rs = meta.getTables(null, schema, "%", new String[] {"TABLE"})) {
            while (rs.next()) {
                tables.add(rs.getString("TABLE_NAME"));
            }
        }
        if (!tables.contains(HISTORY_TABLE)) {
            List<String> foreign = tables.stream().filter(t -> !t.startsWith("sqlite_")).toList();
            if (refuseForeignTables && !foreign.isEmpty()) {
                throw new RunStoreException(location + " is a SQLite database but not a Grove run store (it has tables "
                        + foreign + " and no " + HISTORY_TABLE + "); it was left untouched: give a new file name");
            }
            return false;
        }
        String newest = null;
        boolean allSucceeded = true;
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("select version, success from " + HISTORY_TABLE + " where version is not null")) {
            while (rs.next()) {
                String v = rs.getString(1);
                allSucceeded &= rs.getBoolean(2);
                if (newest == null || compareVersions(v, newest) > 0) {
                    newest = v;
                }
            }
        }
        if (newest != null && compareVersions(newest, KNOWN_SCHEMA_VERSION) > 0) {
            throw new RunStoreException("run store " + location + " has schema version " + newest
                    + ", newer than this Grove knows (" + KNOWN_SCHEMA_VERSION + "); it was left untouched: "
                    + "upgrade Grove (grove-store-jooq) to open it, or use another store");
        }
        return allSucceeded && newest != null && compareVersions(newest, KNOWN_SCHEMA_VERSION) == 0;
    }

    /** Compares Flyway versions such as {@code 1}, {@code 1.2}, {@code 2_1} numerically, part by part. */
    static int compareVersions(String a, String b) {
        String[] x = a.split("[._]");
        String[] y = b.split("[._]");
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            BigInteger p = i < x.length ? parsePart(x[i]) : BigInteger.ZERO;
            BigInteger q = i < y.length ? parsePart(y[i]) : BigInteger.ZERO;
            int c = p.compareTo(q);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    private static BigInteger parsePart(String s) {
        try {
            return new BigInteger(s.trim());
        } catch (NumberFormatException e) {
            return BigInteger.ZERO;
        }
    }

    /** Applies the dialect's migrations; SQLite retries once or twice when another process migrates at the same time. */
    static void migrate(StoreTarget target, DataSource dataSource) {
        String folder = target.isSqlite() ? "sqlite" : "postgresql";
        // Flyway logs through SLF4J only: with "auto" it falls back to java.util.logging, which
        // prints to stderr when the app has no SLF4J provider. (Flyway keeps the choice JVM-wide,
        // so every Flyway in the JVM should name the same loggers; "slf4j" is the usual one.)
        Flyway flyway = Flyway.configure(SchemaGuard.class.getClassLoader())
                .loggers("slf4j")
                .dataSource(dataSource)
                .locations("classpath:db/migration/" + folder)
                .failOnMissingLocations(true)
                .cleanDisabled(true)
                .load();
        int attempts = target.isSqlite() ? 3 : 1;
        for (int attempt = 1; ; attempt++) {
            try {
                MigrateResult result = flyway.migrate();
                if (result.migrationsExecuted > 0) {
                    LOG.info("run store {}: applied {} migration(s), schema now at version {}", target.location(),
                            result.migrationsExecuted, result.targetSchemaVersion);
                }
                return;
            } catch (FlywayException e) {
                if (attempt >= attempts) {
                    throw new RunStoreException("cannot migrate run store " + target.location() + " to schema version "
                            + KNOWN_SCHEMA_VERSION + ": " + e.getMessage(), e);
                }
                LOG.debug("migrating {} failed (another process migrating?), retrying: {}", target.location(),
                        e.getMessage());
                try {
                    Thread.sleep(200L * attempt);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw new RunStoreException("interrupted while migrating " + target.location(), ie);
                }
            }
        }
    }
}
