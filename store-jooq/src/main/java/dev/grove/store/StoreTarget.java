package dev.grove.store;

import dev.grove.RunStoreException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import org.jooq.SQLDialect;

/**
 * Where a repository lives, worked out from what the user gave: a plain file path or a
 * {@code jdbc:sqlite:} URL (SQLite), or a {@code jdbc:postgresql:} URL (PostgreSQL).
 *
 * @param file      the SQLite file (absolute), empty for PostgreSQL
 * @param jdbcUrl   the URL to connect with (credentials included if the user put them there)
 * @param location  the URL or path for messages, without credentials
 */
record StoreTarget(SQLDialect dialect, Optional<Path> file, String jdbcUrl, Optional<String> user,
                   Optional<String> password, String location) {

    static final String SQLITE_PREFIX = "jdbc:sqlite:";
    static final String POSTGRES_PREFIX = "jdbc:postgresql:";

    static StoreTarget parse(String pathOrJdbcUrl, String user, String password) {
        if (pathOrJdbcUrl == null || pathOrJdbcUrl.isBlank()) {
            throw new RunStoreException("no run store given: pass a SQLite file path (e.g. runs.db), "
                    + "jdbc:sqlite:<path> or jdbc:postgresql://host:port/db");
        }
        String s = pathOrJdbcUrl.trim();
        String lower = s.toLowerCase(Locale.ROOT);
        if (lower.startsWith(POSTGRES_PREFIX)) {
            return new StoreTarget(SQLDialect.POSTGRES, Optional.empty(), s, Optional.ofNullable(user),
                    Optional.ofNullable(password), withoutCredentials(s));
        }
        if (lower.startsWith("jdbc:") && !lower.startsWith(SQLITE_PREFIX)) {
            throw new RunStoreException("unsupported run store URL '" + withoutCredentials(s)
                    + "': use a SQLite file path, jdbc:sqlite:<path> or jdbc:postgresql://host:port/db");
        }
        String pathPart = lower.startsWith(SQLITE_PREFIX) ? s.substring(SQLITE_PREFIX.length()) : s;
        String query = "";
        int q = pathPart.indexOf('?');
        if (lower.startsWith(SQLITE_PREFIX) && q >= 0) {
            query = pathPart.substring(q);
            pathPart = pathPart.substring(0, q);
        }
        if (pathPart.isEmpty() || pathPart.equals(":memory:") || pathPart.startsWith("file:")
                || pathPart.contains("mode=memory")) {
            throw new RunStoreException("'" + s + "' is not a SQLite file path: give a file such as runs.db "
                    + "(in-memory SQLite and file: URIs are not supported; use InMemoryRunRepository for throwaway runs)");
        }
        Path file;
        try {
            file = Path.of(pathPart).toAbsolutePath().normalize();
        } catch (java.nio.file.InvalidPathException e) {
            throw new RunStoreException("'" + pathPart + "' is not a valid file path: " + e.getReason());
        }
        return new StoreTarget(SQLDialect.SQLITE, Optional.of(file), SQLITE_PREFIX + file + query,
                Optional.empty(), Optional.empty(), file.toString());
    }

    /** The URL without a password or user in its query string or user-info part. */
    static String withoutCredentials(String url) {
        return dev.grove.internal.JdbcUrls.withoutCredentials(url);
    }

    boolean isSqlite() {
        return dialect == SQLDialect.SQLITE;
    }
}
