package dev.grove.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.grove.RunStoreException;
import dev.grove.testing.PostgresTestServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A PostgreSQL store never hangs a caller: a server that accepts connections and never answers,
 * and a statement that waits on a lock, both end in a one-line error saying what to check.
 * (Without the timeouts these tests would wait forever: JUnit's timeout, on a thread of its own
 * because a blocked socket read ignores interrupts, turns that into a failure.)
 */
@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class PostgresTimeoutTest {
    private static PostgresTestServer server;
    private ServerSocket silent;
    private final List<Socket> held = new CopyOnWriteArrayList<>();

    /** A TCP server on a free local port that accepts every connection and never sends a byte. */
    @BeforeEach
    void startSilentServer() throws IOException {
        silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(() -> {
            try {
                while (true) {
                    held.add(silent.accept());
                }
            } catch (IOException closed) {
                // the test is over
            }
        }, "silent-postgres");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    @AfterEach
    void stopSilentServer() throws IOException {
        silent.close();
        for (Socket s : held) {
            s.close();
        }
    }

    @AfterAll
    static void dropSchemas() {
        if (server != null) {
            server.dropAll();
        }
    }

    private String silentUrl(String params) {
        return "jdbc:postgresql://127.0.0.1:" + silent.getLocalPort() + "/grove?user=postgres" + params;
    }

    @Test
    void aServerThatNeverAnswersFailsTheOpenWithinTheLoginTimeout() {
        long start = System.nanoTime();
        RunStoreException e = assertThrows(RunStoreException.class, () -> JooqRunRepository.open(
                StoreTarget.parse(silentUrl(""), null, null), new PostgresTimeouts(1, 1, 2, 1)));
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertTrue(took.compareTo(Duration.ofSeconds(5)) < 0, "failed after " + took);
        assertFalse(held.isEmpty(), "the silent server was reached");
        String location = "jdbc:postgresql://127.0.0.1:" + silent.getLocalPort() + "/grove";
        assertEquals("cannot connect to run store " + location + ": no answer within 1 s; check that host and port are"
                + " those of a running PostgreSQL server: something accepted the connection but never answered"
                + " (a hung server, a proxy or firewall, another service on that port); raise loginTimeout/socketTimeout"
                + " (seconds) in the URL if the server is just slow", e.getMessage());
    }

    @Test
    void timeoutsInTheUrlWinOverTheDefaults() {
        long start = System.nanoTime();
        RunStoreException e = assertThrows(RunStoreException.class,
                () -> JooqRunRepository.open(silentUrl("&loginTimeout=1&socketTimeout=1")));
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertTrue(took.compareTo(Duration.ofSeconds(5)) < 0, "failed after " + took + " (the default is 10 s)");
        assertTrue(e.getMessage().contains("no answer within 1 s"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), "one line");
    }

    @Test
    void theDefaultsBoundEveryWait() {
        assertEquals(new PostgresTimeouts(10, 10, 60, 30), PostgresTimeouts.DEFAULTS);
        Connections.Postgres c = Connections.postgres(StoreTarget.parse(silentUrl(""), null, null),
                PostgresTimeouts.DEFAULTS);
        assertEquals(PostgresTimeouts.DEFAULTS, c.timeouts());
        PGSimpleDataSource driver = (PGSimpleDataSource) c.dataSource();
        assertEquals(10, driver.getConnectTimeout(), "connect timeout");
        assertEquals(10, driver.getLoginTimeout(), "login timeout");
        assertEquals(60, driver.getSocketTimeout(), "socket timeout");
        assertEquals(30, c.settings().getQueryTimeout(), "statement timeout");
        Connections.Postgres tuned = Connections.postgres(StoreTarget.parse(silentUrl("&socketTimeout=300"), null, null),
                PostgresTimeouts.DEFAULTS);
        assertEquals(new PostgresTimeouts(10, 10, 300, 30), tuned.timeouts());
    }

    /** A statement waiting on another session's lock is cancelled after the statement timeout. */
    @Test
    void aStatementStuckBehindALockEndsAfterTheStatementTimeout() throws Exception {
        if (server == null) {
            server = PostgresTestServer.require(); // skips, or fails under CI, when there is no server
        }
        String url = server.freshSchemaUrl();
        try (JooqRunRepository repo = JooqRunRepository.open(StoreTarget.parse(url, null, null),
                new PostgresTimeouts(10, 10, 60, 1))) {
            long id = repo.start(WriterSpecs.spec("locked")).id();
            try (Connection other = DriverManager.getConnection(url); Statement st = other.createStatement()) {
                other.setAutoCommit(false);
                st.execute("select id from training_run where id = " + id + " for update");
                long start = System.nanoTime();
                RunStoreException e = assertThrows(RunStoreException.class,
                        () -> repo.heartbeat(id, java.time.Instant.now()));
                Duration took = Duration.ofNanos(System.nanoTime() - start);
                assertTrue(took.compareTo(Duration.ofSeconds(5)) < 0, "failed after " + took);
                assertEquals("cannot record the heartbeat of run " + id + " in run store " + repo.location()
                        + ": the statement did not finish within 1 s; another session may hold a lock on the store's tables"
                        + " (look for it in pg_stat_activity), or the server is overloaded", e.getMessage());
                other.rollback();
            }
            assertTrue(repo.heartbeat(id, java.time.Instant.now()), "the store works once the lock is gone");
        }
    }
}
