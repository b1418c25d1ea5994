package dev.grove.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The V1 SQLite store written by the release (a copy of {@code v1/grove-v1.db}) upgraded to V4. */
class SqliteUpgradeTest extends V1UpgradeContract {
    private static final String ISO_TEXT = "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}Z";

    @TempDir
    Path dir;
    private Path db;

    @Override
    protected String createV1Store() throws Exception {
        db = dir.resolve("grove.db");
        try (InputStream in = Objects.requireNonNull(getClass().getResourceAsStream("/v1/grove-v1.db"))) {
            Files.copy(in, db);
        }
        return db.toString();
    }

    @Override
    protected Connection connect() throws SQLException {
        return DriverManager.getConnection("jdbc:sqlite:" + db);
    }

    @Override
    protected String jdbcUrl() {
        return "jdbc:sqlite:" + db;
    }

    @Override
    protected String migrationFolder() {
        return "sqlite";
    }

    @Override
    protected Object storedTime(ResultSet rs, String column) throws SQLException {
        String text = rs.getString(column);
        assertTrue(text == null || text.matches(ISO_TEXT), column + " = " + text);
        return text;
    }

    @Override
    protected Object expectedStoredTime(long micros) {
        return isoText(micros);
    }

    /** What {@code sqlite3 grove.db "select run_date, training_duration_seconds from training_run"} shows. */
    @Test
    void theTableReadsWellWithoutGrove() throws Exception {
        createV1Store();
        JooqRunRepository.open(db).close();
        List<String> lines = new ArrayList<>();
        try (Connection c = connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("select run_date, training_duration_seconds from training_run"
                     + " where status = 'SUCCEEDED' order by run_date")) {
            while (rs.next()) {
                lines.add(rs.getString(1) + "|" + rs.getDouble(2));
            }
        }
        assertEquals(3, lines.size(), lines.toString());
        for (String line : lines) {
            assertTrue(line.matches("2026-12-01T05:38:\\d\\d\\.\\d{6}Z\\|0\\.\\d+"), line);
        }
        try (Connection c = connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("select sql from sqlite_master where name = 'ix_training_run_started'")) {
            assertTrue(rs.next(), "index recreated");
            assertTrue(rs.getString(1).contains("(run_date, id)"), rs.getString(1));
        }
    }

    /** The CHECKs keep every stored time in the one shape that sorts, whoever writes it. */
    @Test
    void aTimeInAnotherShapeIsRefusedByTheDatabase() throws Exception {
        createV1Store();
        JooqRunRepository.open(db).close();
        try (Connection c = connect(); Statement st = c.createStatement()) {
            for (String bad : List.of("2026-12-01 05:38:12", "2026-12-01T05:38:12Z", "2026-12-01T05:38:12.597639+00:00",
                    "1796103492597639")) {
                for (String column : List.of("run_date", "finished_at", "heartbeat_at")) {
                    SQLException e = assertThrows(SQLException.class,
                            () -> st.executeUpdate("update training_run set " + column + " = '" + bad + "' where id = 1"));
                    assertTrue(e.getMessage().contains("CHECK constraint failed"), e.getMessage());
                }
            }
        }
    }

    /** AUTOINCREMENT's high-water mark survives the table rebuild, so no id is handed out twice. */
    @Test
    void idsAreNeverHandedOutTwiceAfterTheRebuild() throws Exception {
        createV1Store();
        try (Connection c = connect(); Statement st = c.createStatement()) {
            // as if runs 8..100 had been recorded and then lost from the table
            assertEquals(1, st.executeUpdate("update sqlite_sequence set seq = 100 where name = 'training_run'"));
        }
        try (JooqRunRepository repo = JooqRunRepository.open(db)) {
            assertEquals(101, repo.start(WriterSpecs.spec("after-rebuild")).id());
        }
        try (Connection c = connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("select name from sqlite_sequence order by name")) {
            List<String> names = new ArrayList<>();
            while (rs.next()) {
                names.add(rs.getString(1));
            }
            assertEquals(List.of("training_run"), names, "no entry left for the rebuild's scratch table");
        }
    }
}
