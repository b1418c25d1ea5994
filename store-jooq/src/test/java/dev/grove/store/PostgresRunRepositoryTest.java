package dev.grove.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.grove.RunStoreException;
import dev.grove.run.RunQuery;
import dev.grove.run.RunRepository;
import dev.grove.run.RunRepositoryContract;
import dev.grove.testing.PostgresTestServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The shared contract against a real PostgreSQL server (see {@link PostgresTestServer}). Every
 * test gets a fresh schema; all of them are dropped after the class, so reruns start clean.
 */
class PostgresRunRepositoryTest extends RunRepositoryContract {
    private static PostgresTestServer server;
    private String schemaUrl;

    @AfterAll
    static void dropSchemas() {
        if (server != null) {
            server.dropAll();
        }
    }

    @Override
    protected RunRepository newRepository() {
        if (server == null) {
            server = PostgresTestServer.require(); // skips, or fails under CI, when there is no server
        }
        schemaUrl = server.freshSchemaUrl();
        return JooqRunRepository.open(schemaUrl);
    }

    /** The same schema through a second repository, as another process opens it. */
    @Override
    protected RunRepository reopen() {
        return JooqRunRepository.open(schemaUrl);
    }

    @Test
    void theDialectComesFromTheUrl() {
        assertEquals(org.jooq.SQLDialect.POSTGRES, ((JooqRunRepository) repo).dialect());
        assertTrue(repo.location().startsWith("jdbc:postgresql:"));
        assertFalse(repo.location().contains("password"), repo.location());
    }

    @Test
    void aNewerSchemaIsRefusedAndLeftAlone() throws SQLException {
        String schema = server.lastSchema();
        String known = SchemaGuard.KNOWN_SCHEMA_VERSION;
        String future = Integer.toString(Integer.parseInt(known) + 1);
        try (Connection c = DriverManager.getConnection(server.url()); Statement st = c.createStatement()) {
            st.execute("insert into " + schema + ".flyway_schema_history (installed_rank, version, description, type,"
                    + " script, checksum, installed_by, installed_on, execution_time, success) select installed_rank + 1,"
                    + " '" + future + "', 'future', type, 'V" + future + "__future.sql', 0, installed_by, installed_on, 0,"
                    + " true from " + schema + ".flyway_schema_history where version = '" + known + "'");
        }
        RunStoreException e = assertThrows(RunStoreException.class, () -> JooqRunRepository.open(schemaUrl));
        assertTrue(e.getMessage().contains("newer than this Grove knows"), e.getMessage());
        try (Connection c = DriverManager.getConnection(server.url()); Statement st = c.createStatement();
             var rs = st.executeQuery("select count(*) from " + schema + ".flyway_schema_history")) {
            rs.next();
            assertEquals(Integer.parseInt(known) + 1, rs.getInt(1), "history untouched");
        }
    }

    @Test
    void explicitCredentialsWork() {
        String user = schemaUrl.replaceAll(".*[?&]user=([^&]*).*", "$1");
        String bare = schemaUrl.replaceAll("([?&])user=[^&]*&?", "$1");
        try (JooqRunRepository r = JooqRunRepository.open(bare, user.equals(schemaUrl) ? "postgres" : user, null)) {
            assertEquals(List.of(), r.list(RunQuery.all()));
        }
    }

    @Test
    void aMissingSchemaIsRefusedClearly() {
        String missing = PostgresTestServer.withParam(server.url(), "currentSchema=grove_no_such_schema_" + System.nanoTime());
        RunStoreException e = assertThrows(RunStoreException.class, () -> JooqRunRepository.open(missing));
        assertTrue(e.getMessage().contains("CREATE SCHEMA"), e.getMessage());
    }
}
