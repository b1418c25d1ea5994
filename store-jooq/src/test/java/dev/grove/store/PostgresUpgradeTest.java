package dev.grove.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.grove.testing.PostgresTestServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The V1 PostgreSQL store written by the release ({@code v1/grove-v1-postgresql.sql}, a pg_dump)
 * loaded into a fresh database and upgraded to V4.
 */
class PostgresUpgradeTest extends V1UpgradeContract {
    private static PostgresTestServer server;
    private String url;

    @AfterAll
    static void dropDatabases() {
        if (server != null) {
            server.dropAll();
        }
    }

    @Override
    protected String createV1Store() throws Exception {
        if (server == null) {
            server = PostgresTestServer.require(); // skips, or fails under CI, when there is no server
        }
        url = server.freshDatabaseUrl();
        try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement()) {
            st.execute(resource("grove-v1-postgresql.sql")); // the driver runs the dump's statements one by one
        }
        return url;
    }

    @Override
    protected Connection connect() throws SQLException {
        return DriverManager.getConnection(url);
    }

    @Override
    protected String jdbcUrl() {
        return url;
    }

    @Override
    protected String migrationFolder() {
        return "postgresql";
    }

    @Override
    protected Object storedTime(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    @Override
    protected Object expectedStoredTime(long micros) {
        return instant(micros);
    }

    @Test
    void timesAreTimestamptzAndTheRestKeepsItsType() throws Exception {
        JooqRunRepository.open(createV1Store()).close();
        Map<String, String> types = new TreeMap<>();
        try (Connection c = connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("select column_name, data_type, is_nullable from information_schema.columns"
                     + " where table_schema = 'public' and table_name = 'training_run'")) {
            while (rs.next()) {
                types.put(rs.getString(1), rs.getString(2) + (rs.getString(3).equals("NO") ? " not null" : ""));
            }
        }
        assertEquals("timestamp with time zone not null", types.get("run_date"));
        assertEquals("timestamp with time zone", types.get("finished_at"));
        assertEquals("timestamp with time zone not null", types.get("heartbeat_at"));
        assertEquals("double precision", types.get("training_duration_seconds"));
        assertEquals("double precision", types.get("precision"));
        assertEquals("text not null", types.get("read_options"));
        assertEquals("text not null", types.get("feature_types"));
        assertEquals("character varying not null", types.get("model_version"));
        assertEquals("character varying not null", types.get("model_name"));
        assertEquals("bigint", types.get("reproduces_run_id"));
        assertEquals("text", types.get("reference_profile"));
        assertEquals(48, types.size(), types.toString());
    }
}
