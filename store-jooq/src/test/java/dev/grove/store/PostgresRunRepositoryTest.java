package dev.grove.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.grove.RunStoreException;
import dev.grove.run.RunQuery;
import dev.grove.run.RunRepository;
import dev.grove.run.RunRepositoryContract;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The shared contract against a real PostgreSQL server, when {@code GROVE_TEST_POSTGRES_URL} is
 * set (e.g. {@code jdbc:postgresql://127.0.0.1:55432/grove?user=postgres}; see
 * {@code .ci/postgres-start.sh}). Every test gets a fresh schema; all of them are dropped after
 * the class, so reruns start clean.
 */
class PostgresRunRepositoryTest extends RunRepositoryContract {
    static final String ENV = "GROVE_TEST_POSTGRES_URL";
    private static final String PREFIX = "grove_test_" + UUID.randomUUID().toString().substring(0, 8) + "_";
    private static final List<String> SCHEMAS = new ArrayList<>();
    private static String url;

    static final String SKIPPED = ENV + " not set: PostgreSQL tests skipped";

    @BeforeAll
    static void needsAServer() {
        url = System.getenv(ENV);
        if (url == null || url.isBlank()) {
            System.out.println(SKIPPED);
        }
    }

    @AfterAll
    static void dropSchemas() throws SQLException {
        if (url == null || url.isBlank() || SCHEMAS.isEmpty()) {
            return;
        }
        try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement()) {
            for (String s : SCHEMAS) {
                st.execute("drop schema if exists " + s + " cascade");
            }
        }
        SCHEMAS.clear();
    }

    /** A new empty schema; the URL that makes it the connection's current schema. */
    static String freshSchemaUrl() {
        String schema = (PREFIX + (SCHEMAS.size() + 1)).toLowerCase(Locale.ROOT);
        try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement()) {
            st.execute("create schema " + schema);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create schema " + schema + " at " + StoreTarget.withoutCredentials(url), e);
        }
        SCHEMAS.add(schema);
        return url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    @Override
    protected RunRepository newRepository() {
        // Each test is reported as skipped (with the reason) when there is no server.
        Assumptions.assumeTrue(url != null && !url.isBlank(), SKIPPED);
        return JooqRunRepository.open(freshSchemaUrl());
    }

    @Test
    void theDialectComesFromTheUrl() {
        assertEquals(org.jooq.SQLDialect.POSTGRES, ((JooqRunRepository) repo).dialect());
        assertTrue(repo.location().startsWith("jdbc:postgresql:"));
        assertFalse(repo.location().contains("password"), repo.location());
    }

    @Test
    void aNewerSchemaIsRefusedAndLeftAlone() throws SQLException {
        String schemaUrl = freshSchemaUrl();
        JooqRunRepository.open(schemaUrl).close();
        String schema = SCHEMAS.get(SCHEMAS.size() - 1);
        try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement()) {
            st.execute("insert into " + schema + ".flyway_schema_history (installed_rank, version, description, type,"
                    + " script, checksum, installed_by, installed_on, execution_time, success) select installed_rank + 1,"
                    + " '2', 'future', type, 'V2__future.sql', 0, installed_by, installed_on, 0, true from " + schema
                    + ".flyway_schema_history where version = '1'");
        }
        RunStoreException e = assertThrows(RunStoreException.class, () -> JooqRunRepository.open(schemaUrl));
        assertTrue(e.getMessage().contains("newer than this Grove knows"), e.getMessage());
        try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement();
             var rs = st.executeQuery("select count(*) from " + schema + ".flyway_schema_history")) {
            rs.next();
            assertEquals(2, rs.getInt(1), "history untouched");
        }
    }

    @Test
    void explicitCredentialsWork() {
        String schemaUrl = freshSchemaUrl();
        String user = schemaUrl.replaceAll(".*[?&]user=([^&]*).*", "$1");
        String bare = schemaUrl.replaceAll("([?&])user=[^&]*&?", "$1");
        try (JooqRunRepository r = JooqRunRepository.open(bare, user.equals(schemaUrl) ? "postgres" : user, null)) {
            assertEquals(List.of(), r.list(RunQuery.all()));
        }
    }

    @Test
    void aMissingSchemaIsRefusedClearly() {
        String missing = url + (url.contains("?") ? "&" : "?") + "currentSchema=grove_no_such_schema_" + System.nanoTime();
        RunStoreException e = assertThrows(RunStoreException.class, () -> JooqRunRepository.open(missing));
        assertTrue(e.getMessage().contains("CREATE SCHEMA"), e.getMessage());
    }
}
