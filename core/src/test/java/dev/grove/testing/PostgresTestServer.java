package dev.grove.testing;

import static org.junit.jupiter.api.Assertions.fail;

import dev.grove.internal.JdbcUrls;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;

/**
 * The PostgreSQL server the tests use: {@code GROVE_TEST_POSTGRES_URL} (e.g.
 * {@code jdbc:postgresql://127.0.0.1:55432/grove?user=postgres}, see {@code .ci/postgres-start.sh}).
 * Without it the PostgreSQL tests are skipped and say so, unless {@code GROVE_REQUIRE_POSTGRES=1}
 * (set by {@code .ci/run}): then they fail, so CI can never go green without them.
 * Schemas and databases made here are dropped by {@link #dropAll()}.
 */
public final class PostgresTestServer {
    public static final String URL_ENV = "GROVE_TEST_POSTGRES_URL";
    public static final String REQUIRE_ENV = "GROVE_REQUIRE_POSTGRES";
    public static final String SKIPPED = URL_ENV + " not set: PostgreSQL tests skipped";

    private static final java.util.concurrent.atomic.AtomicBoolean toldSkipped =
            new java.util.concurrent.atomic.AtomicBoolean();

    private final String prefix = "grove_test_" + UUID.randomUUID().toString().substring(0, 8) + "_";
    private final List<String> schemas = new ArrayList<>();
    private final List<String> databases = new ArrayList<>();
    private final String url;

    private PostgresTestServer(String url) {
        this.url = url;
    }

    /** The configured server; skips the calling test (or fails it, when required) when there is none. */
    public static PostgresTestServer require() {
        return require(System.getenv());
    }

    public static PostgresTestServer require(java.util.Map<String, String> env) {
        String url = env.get(URL_ENV);
        if (url == null || url.isBlank()) {
            if ("1".equals(env.get(REQUIRE_ENV))) {
                fail(REQUIRE_ENV + "=1 but " + URL_ENV + " is not set: the PostgreSQL tests must run here; start a "
                        + "server (export " + URL_ENV + "=\"$(bash .ci/postgres-start.sh)\") or unset " + REQUIRE_ENV);
            }
            if (!toldSkipped.getAndSet(true)) {
                System.out.println(SKIPPED); // once, on the build's console; each test's skip carries it too
            }
            Assumptions.abort(SKIPPED);
        }
        return new PostgresTestServer(url.trim());
    }

    public String url() {
        return url;
    }

    /** A new empty schema; the URL that makes it the connection's current schema. */
    public String freshSchemaUrl() {
        String schema = (prefix + "s" + (schemas.size() + 1)).toLowerCase(Locale.ROOT);
        execute(url, "create schema " + schema);
        schemas.add(schema);
        return withParam(url, "currentSchema=" + schema);
    }

    public String lastSchema() {
        return schemas.get(schemas.size() - 1);
    }

    /** A new empty database on the same server; the URL that connects to it. */
    public String freshDatabaseUrl() {
        String db = (prefix + "d" + (databases.size() + 1)).toLowerCase(Locale.ROOT);
        execute(url, "create database " + db);
        databases.add(db);
        return url.replaceFirst("(jdbc:postgresql://[^/]*/)[^?]*", "$1" + db);
    }

    public static String withParam(String url, String param) {
        return url + (url.contains("?") ? "&" : "?") + param;
    }

    public static void execute(String url, String sql) {
        try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement()) {
            st.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot run '" + sql + "' at " + JdbcUrls.withoutCredentials(url), e);
        }
    }

    public void dropAll() {
        for (String s : schemas) {
            execute(url, "drop schema if exists " + s + " cascade");
        }
        for (String d : databases) {
            execute(url, "drop database if exists " + d + " with (force)");
        }
        schemas.clear();
        databases.clear();
    }
}
