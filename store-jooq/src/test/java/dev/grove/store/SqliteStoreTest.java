package dev.grove.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.grove.RunStoreClosedException;
import dev.grove.RunStoreException;
import dev.grove.run.RunField;
import dev.grove.run.RunQuery;
import dev.grove.run.RunStatus;
import dev.grove.run.TrainingRun;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/** What only the SQLite store does: several processes on one file, refusing what it must not touch. */
class SqliteStoreTest {
    @TempDir
    Path dir;

    private static String message(Throwable t) {
        return t.getMessage() == null ? "" : t.getMessage();
    }

    private static int count(Path db, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
             Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        }
    }

    @Test
    void severalProcessesRecordRunsInOneFileAtOnce() throws Exception {
        Path db = dir.resolve("shared.db"); // fresh: the processes also race to create the schema
        int processes = 3;
        int runsEach = 15;
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<Process> started = new ArrayList<>();
        for (int p = 0; p < processes; p++) {
            started.add(new ProcessBuilder(java, "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-cp",
                    System.getProperty("java.class.path"), WriterMain.class.getName(), db.toString(), "p" + p,
                    Integer.toString(runsEach))
                    .redirectErrorStream(true).redirectOutput(dir.resolve("writer" + p + ".log").toFile()).start());
        }
        for (int p = 0; p < processes; p++) {
            Process proc = started.get(p);
            assertTrue(proc.waitFor(180, TimeUnit.SECONDS), "writer " + p + " finished in time");
            assertEquals(0, proc.exitValue(), () -> "writer failed:\n" + readLog(dir.resolve("writer" + 0 + ".log")));
        }
        try (JooqRunRepository repo = JooqRunRepository.open(db)) {
            List<TrainingRun> all = repo.list(RunQuery.all());
            assertEquals(processes * runsEach, all.size());
            Set<String> versions = new HashSet<>();
            all.forEach(r -> versions.add(r.modelVersion()));
            for (int p = 0; p < processes; p++) {
                for (int i = 0; i < runsEach; i++) {
                    assertTrue(versions.contains("p" + p + "-" + i), "p" + p + "-" + i);
                }
            }
            assertTrue(all.stream().allMatch(r -> r.status() == RunStatus.FAILED));
            assertEquals(processes, all.stream().map(r -> r.spec().pid()).distinct().count(), "one pid per process");
        }
        for (String version : List.of("1", "2", "3", "4")) {
            assertEquals(1, count(db, "select count(*) from flyway_schema_history where success = 1 and version = '"
                    + version + "'"), "migration " + version + " applied once");
        }
    }

    private static String readLog(Path log) {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    @Test
    void usesWalJournalAndReopensWithTheRunsKept() throws Exception {
        Path db = dir.resolve("runs.db");
        long id;
        try (JooqRunRepository repo = JooqRunRepository.open(db.toString())) {
            assertEquals(db.toAbsolutePath().normalize().toString(), repo.location());
            id = repo.start(WriterSpecs.spec("kept")).id();
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
                 Statement st = c.createStatement(); ResultSet rs = st.executeQuery("pragma journal_mode")) {
                rs.next();
                assertEquals("wal", rs.getString(1));
            }
        }
        try (JooqRunRepository repo = JooqRunRepository.open("jdbc:sqlite:" + db)) {
            assertEquals("kept", repo.findById(id).orElseThrow().modelVersion());
        }
        assertEquals(4, count(db, "select count(*) from flyway_schema_history where version is not null"));
    }

    @Test
    void onlyAStoreAtTheKnownVersionSkipsFlyway() throws Exception {
        Path db = dir.resolve("runs.db");
        JooqRunRepository.open(db).close();
        assertTrue(SchemaGuard.checkSqliteSchema(db), "a current store needs no migration");
        try (JooqRunRepository repo = JooqRunRepository.open(db)) {
            repo.start(WriterSpecs.spec("after-fast-path"));
        }
        assertEquals(4, count(db, "select count(*) from flyway_schema_history where version is not null"));
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement st = c.createStatement()) {
            st.execute("update flyway_schema_history set success = 0 where version = '" + SchemaGuard.KNOWN_SCHEMA_VERSION + "'");
        }
        assertFalse(SchemaGuard.checkSqliteSchema(db), "a failed migration goes back to Flyway");
        Path empty = Files.createFile(dir.resolve("empty.db"));
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + empty); Statement st = c.createStatement()) {
            st.execute("create table probe (x)");
            st.execute("drop table probe");
        }
        assertFalse(SchemaGuard.checkSqliteSchema(empty), "no history: Flyway creates the schema");
    }

    @Test
    void anEmptyFileBecomesAStore() throws Exception {
        Path db = Files.createFile(dir.resolve("empty.db"));
        try (JooqRunRepository repo = JooqRunRepository.open(db)) {
            assertEquals(List.of(), repo.list(RunQuery.all()));
        }
        assertTrue(Files.size(db) > 0);
    }

    @Test
    void aFileThatIsNotSqliteIsRefusedAndLeftAlone() throws Exception {
        Path file = dir.resolve("runs.db");
        byte[] csv = "id,label\n1,HIGH\n2,LOW\n".getBytes(StandardCharsets.UTF_8);
        Files.write(file, csv);
        RunStoreException e = assertThrows(RunStoreException.class, () -> JooqRunRepository.open(file.toString()));
        assertTrue(message(e).contains("not a SQLite database"), message(e));
        assertTrue(message(e).contains(file.toString()), message(e));
        assertArrayEquals(csv, Files.readAllBytes(file));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList(), "no -wal/-shm/journal files created");
        }
        // a short file is no more a database than a long one
        Files.write(file, new byte[] {1, 2, 3});
        assertThrows(RunStoreException.class, () -> JooqRunRepository.open(file));
        assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(file));
    }

    @Test
    void aSqliteDatabaseOfSomethingElseIsRefusedAndLeftAlone() throws Exception {
        Path db = dir.resolve("other.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement st = c.createStatement()) {
            st.execute("create table customers (id integer primary key, name text)");
            st.execute("insert into customers (name) values ('ada')");
        }
        byte[] before = Files.readAllBytes(db);
        RunStoreException e = assertThrows(RunStoreException.class, () -> JooqRunRepository.open(db));
        assertTrue(message(e).contains("not a Grove run store"), message(e));
        assertArrayEquals(before, Files.readAllBytes(db));
    }

    @Test
    void aNewerSchemaIsRefusedAndLeftAlone() throws Exception {
        Path db = dir.resolve("future.db");
        JooqRunRepository.open(db).close();
        String known = SchemaGuard.KNOWN_SCHEMA_VERSION;
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement st = c.createStatement()) {
            st.execute("insert into flyway_schema_history (installed_rank, version, description, type, script, checksum,"
                    + " installed_by, installed_on, execution_time, success) select installed_rank + 1, '" + known
                    + ".10', 'future', type, 'V" + known + "_10__future.sql', 0, installed_by, installed_on, 0, 1"
                    + " from flyway_schema_history where version = '" + known + "'");
            st.execute("pragma wal_checkpoint(truncate)");
        }
        byte[] before = Files.readAllBytes(db);
        RunStoreException e = assertThrows(RunStoreException.class, () -> JooqRunRepository.open(db));
        assertTrue(message(e).contains("schema version " + known + ".10"), message(e));
        assertTrue(message(e).contains("newer than this Grove knows"), message(e));
        assertTrue(message(e).contains("upgrade Grove"), message(e));
        assertArrayEquals(before, Files.readAllBytes(db));
    }

    @Test
    void aDirectoryIsRefused() throws Exception {
        Path folder = Files.createDirectory(dir.resolve("runs.db"));
        RunStoreException e = assertThrows(RunStoreException.class, () -> JooqRunRepository.open(folder));
        assertTrue(message(e).contains("is a directory"), message(e));
        assertTrue(message(e).contains(folder.resolve("runs.db").toString()), "suggests a file in it: " + message(e));
    }

    @Test
    void aMissingFolderIsRefusedNotCreated() {
        Path db = dir.resolve("no/such/folder/runs.db");
        RunStoreException e = assertThrows(RunStoreException.class, () -> JooqRunRepository.open(db));
        assertTrue(message(e).contains("does not exist"), message(e));
        assertTrue(message(e).contains("mkdir -p"), message(e));
        assertFalse(Files.exists(dir.resolve("no")));
    }

    @Test
    void aReadOnlyFileIsRefusedAndLeftAlone() throws Exception {
        Path db = dir.resolve("ro.db");
        JooqRunRepository.open(db).close();
        byte[] before = Files.readAllBytes(db);
        Files.setPosixFilePermissions(db, PosixFilePermissions.fromString("r--r--r--"));
        try {
            RunStoreException e = assertThrows(RunStoreException.class, () -> JooqRunRepository.open(db));
            assertTrue(message(e).contains("read-only"), message(e));
            assertTrue(message(e).contains("chmod u+w"), message(e));
            assertArrayEquals(before, Files.readAllBytes(db));
        } finally {
            Files.setPosixFilePermissions(db, PosixFilePermissions.fromString("rw-r--r--"));
        }
    }

    @Test
    void aReadOnlyFolderIsRefused() throws Exception {
        Path folder = Files.createDirectory(dir.resolve("locked"));
        Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            RunStoreException e = assertThrows(RunStoreException.class,
                    () -> JooqRunRepository.open(folder.resolve("runs.db")));
            assertTrue(message(e).contains("folder") && message(e).contains("read-only"), message(e));
            assertFalse(Files.exists(folder.resolve("runs.db")));
        } finally {
            Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    @Test
    void unsupportedTargetsAreRefusedClearly() {
        assertTrue(message(assertThrows(RunStoreException.class, () -> JooqRunRepository.open("jdbc:mysql://h/db")))
                .contains("unsupported"));
        assertTrue(message(assertThrows(RunStoreException.class, () -> JooqRunRepository.open("jdbc:sqlite::memory:")))
                .contains("InMemoryRunRepository"));
        assertThrows(RunStoreException.class, () -> JooqRunRepository.open(" "));
    }

    @Test
    void aClosedRepositoryRefusesEveryCallNamingTheStore() {
        JooqRunRepository repo = JooqRunRepository.open(dir.resolve("closed.db"));
        long id = repo.start(WriterSpecs.spec("open-then-closed")).id();
        repo.close();
        repo.close(); // twice is fine
        String closed = "run store " + repo.location() + " is closed; open it again to record or read runs";
        Instant now = Instant.now();
        List<Executable> calls = List.of(() -> repo.start(WriterSpecs.spec("late")), () -> repo.findById(id),
                () -> repo.findByUuid(UUID.randomUUID()), () -> repo.findByModelVersion("x"),
                () -> repo.list(RunQuery.all()), () -> repo.best(RunField.F1, RunQuery.all()),
                () -> repo.latestSucceeded("e".repeat(64)), () -> repo.heartbeat(id, now),
                () -> repo.interruptIfStale(id, now, "stale", now), () -> repo.fail(id, "late", now),
                () -> repo.interrupt(id, "late", now));
        for (Executable call : calls) {
            assertEquals(closed, assertThrows(RunStoreClosedException.class, call).getMessage());
        }
        assertEquals(dir.resolve("closed.db").toString(), repo.location(), "location() still names the store");
    }

    @Test
    void commitsAreDurable() {
        // synchronous is a per-connection setting, so it is read on the store's own connection.
        Connections.Sqlite c = Connections.sqlite(StoreTarget.parse(dir.resolve("durable.db").toString(), null, null));
        try {
            c.connect();
            int level = c.run(conn -> {
                try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery("pragma synchronous")) {
                    rs.next();
                    return rs.getInt(1);
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
            assertEquals(2, level, "synchronous=FULL (2): a commit is on disk before it returns");
        } finally {
            c.close();
        }
    }
}
