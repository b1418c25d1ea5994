package dev.grove.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.grove.AliasConflictException;
import dev.grove.InvalidRequestException;
import dev.grove.RunStoreClosedException;
import dev.grove.RunStoreException;
import dev.grove.registry.Alias;
import dev.grove.registry.AliasAction;
import dev.grove.registry.AliasChange;
import dev.grove.registry.GateScores;
import dev.grove.registry.ModelRegistry;
import dev.grove.run.RunRepositoryContract;
import dev.grove.run.TrainingRun;
import dev.grove.testing.PostgresTestServer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What the SQL registry guarantees beyond core's contract: a move and its history row commit
 * together or not at all, the history cannot be rewritten even by hand, aliases point only at
 * runs of the store, and a history row that contradicts its move is refused before anything is
 * written. On SQLite files and on PostgreSQL.
 */
class RegistryStoreTest {
    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00.123456Z");
    private static PostgresTestServer server;

    @TempDir
    Path dir;

    @AfterAll
    static void dropSchemas() {
        if (server != null) {
            server.dropAll();
        }
    }

    /** A new empty store of that kind; its location is also a JDBC URL for {@link #execute}. */
    private String store(String kind) {
        if (kind.equals("sqlite")) {
            return "jdbc:sqlite:" + dir.resolve("registry.db");
        }
        if (server == null) {
            server = PostgresTestServer.require();
        }
        return server.freshSchemaUrl();
    }

    private static void execute(String url, String... statements) throws SQLException {
        try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement()) {
            for (String sql : statements) {
                st.execute(sql);
            }
        }
    }

    private static TrainingRun succeeded(JooqRunRepository repo, String model, String version) {
        TrainingRun run = repo.start(WriterSpecs.spec(model, version));
        return repo.succeed(run.id(), RunRepositoryContract.outcome(0.8), T0.plusSeconds(1));
    }

    private static AliasChange change(AliasAction action, String from, String to) {
        return new AliasChange(0, "skills", "prod", action, Optional.ofNullable(from), Optional.ofNullable(to), "ana", T0,
                action + " by hand", Optional.empty());
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void aMoveWhoseHistoryRowCannotBeWrittenLeavesTheAliasAsItWas(String kind) throws Exception {
        String url = store(kind);
        try (JooqRunRepository repo = JooqRunRepository.open(url)) {
            ModelRegistry registry = repo.registry();
            TrainingRun v1 = succeeded(repo, "skills", "v1");
            TrainingRun v2 = succeeded(repo, "skills", "v2");
            registry.changeAlias("skills", "prod", Optional.empty(), Optional.of(v1), change(AliasAction.SET, null, "v1"));
            Alias before = registry.alias("skills", "prod").orElseThrow();
            // From now on every history insert fails, after the alias's own write succeeded.
            if (kind.equals("sqlite")) {
                execute(url, "create trigger history_down before insert on alias_history"
                        + " begin select raise(abort, 'history is down'); end");
            } else {
                execute(url, "create function history_down() returns trigger language plpgsql as"
                                + " $$ begin raise exception 'history is down'; end $$",
                        "create trigger history_down before insert on alias_history for each row"
                                + " execute function history_down()");
            }
            List<Executable> moves = List.of(
                    () -> registry.changeAlias("skills", "prod", Optional.of("v1"), Optional.of(v2),
                            change(AliasAction.PROMOTE, "v1", "v2")),
                    () -> registry.changeAlias("skills", "prod", Optional.of("v1"), Optional.empty(),
                            change(AliasAction.DELETE, "v1", null)),
                    () -> registry.changeAlias("skills", "staging", Optional.empty(), Optional.of(v2),
                            new AliasChange(0, "skills", "staging", AliasAction.SET, Optional.empty(), Optional.of("v2"),
                                    "ana", T0, "new alias", Optional.empty())));
            for (Executable move : moves) {
                RunStoreException e = assertThrows(RunStoreException.class, move);
                assertTrue(e.getMessage().contains("history is down"), e.getMessage());
                assertTrue(e.getMessage().startsWith("cannot move alias skills@"), e.getMessage());
            }
            assertEquals(Optional.of(before), registry.alias("skills", "prod"), "the alias did not move");
            assertEquals(List.of(before), registry.aliases("skills"), "no alias was created");
            assertEquals(1, registry.history("skills").size());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void theHistoryCannotBeRewrittenEvenByHand(String kind) throws Exception {
        String url = store(kind);
        List<AliasChange> history;
        try (JooqRunRepository repo = JooqRunRepository.open(url)) {
            TrainingRun v1 = succeeded(repo, "skills", "v1");
            repo.registry().changeAlias("skills", "prod", Optional.empty(), Optional.of(v1),
                    change(AliasAction.SET, null, "v1"));
            repo.registry().recordRefusal(change(AliasAction.REFUSE, "v1", "v1"));
            history = repo.registry().history("skills");
        }
        List<String> rewrites = new java.util.ArrayList<>(List.of(
                "update alias_history set reason = 'nothing happened'",
                "update alias_history set to_version = 'v9' where action = 'SET'",
                "delete from alias_history where action = 'REFUSE'",
                "delete from alias_history"));
        if (kind.equals("postgresql")) {
            rewrites.add("truncate alias_history");
        }
        for (String sql : rewrites) {
            SQLException e = assertThrows(SQLException.class, () -> execute(url, sql), sql);
            assertTrue(e.getMessage().contains("alias_history is append-only"), e.getMessage());
        }
        try (JooqRunRepository repo = JooqRunRepository.open(url)) {
            assertEquals(history, repo.registry().history("skills"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void anAliasPointsOnlyAtARunOfTheStore(String kind) {
        String url = store(kind);
        try (JooqRunRepository repo = JooqRunRepository.open(url)) {
            TrainingRun real = succeeded(repo, "skills", "v1");
            TrainingRun elsewhere = new TrainingRun(real.id() + 1000, real.status(), real.spec(), real.heartbeatAt(),
                    real.finishedAt(), real.outcome(), real.error());
            RunStoreException e = assertThrows(RunStoreException.class, () -> repo.registry().changeAlias("skills", "prod",
                    Optional.empty(), Optional.of(elsewhere), change(AliasAction.SET, null, "v1")));
            assertTrue(e.getMessage().toLowerCase(java.util.Locale.ROOT).contains("foreign key"), e.getMessage());
            assertEquals(List.of(), repo.registry().aliases("skills"));
            assertEquals(List.of(), repo.registry().history("skills"));
        }
    }

    /** A change comes back as stored: its id, its time cut to whole microseconds, its gate's scores. */
    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void aChangeComesBackAsTheHistoryKeepsIt(String kind) {
        try (JooqRunRepository repo = JooqRunRepository.open(store(kind))) {
            TrainingRun v1 = succeeded(repo, "skills", "v1");
            Instant finer = Instant.parse("2026-12-01T10:00:00.123456789Z");
            GateScores gate = new GateScores("f1_score", 0.8125, OptionalDouble.empty(), 0.0, 40, "b".repeat(64));
            AliasChange recorded = repo.registry().changeAlias("skills", "prod", Optional.empty(), Optional.of(v1),
                    new AliasChange(0, "skills", "prod", AliasAction.PROMOTE, Optional.empty(), Optional.of("v1"),
                            "ana", finer, "first champion", Optional.of(gate)));
            assertEquals(Instant.parse("2026-12-01T10:00:00.123456Z"), recorded.at());
            assertEquals(List.of(recorded), repo.registry().history("skills"));
            assertEquals(recorded.at(), repo.registry().alias("skills", "prod").orElseThrow().since());
        }
    }

    @Test
    void aLostMoveSaysWhereTheAliasPointsNow() {
        try (JooqRunRepository repo = JooqRunRepository.open(dir.resolve("conflicts.db"))) {
            ModelRegistry registry = repo.registry();
            TrainingRun v1 = succeeded(repo, "skills", "v1");
            TrainingRun v2 = succeeded(repo, "skills", "v2");
            registry.changeAlias("skills", "prod", Optional.empty(), Optional.of(v1), change(AliasAction.SET, null, "v1"));
            assertEquals("alias skills@prod already points at v1: someone set it meanwhile; nothing was changed",
                    assertThrows(AliasConflictException.class, () -> registry.changeAlias("skills", "prod",
                            Optional.empty(), Optional.of(v2), change(AliasAction.SET, null, "v2"))).getMessage());
            assertEquals("alias skills@prod points at v1 now, not at v2: someone moved it meanwhile; nothing was changed",
                    assertThrows(AliasConflictException.class, () -> registry.changeAlias("skills", "prod",
                            Optional.of("v2"), Optional.of(v1), change(AliasAction.ROLLBACK, "v2", "v1"))).getMessage());
            registry.changeAlias("skills", "prod", Optional.of("v1"), Optional.empty(), change(AliasAction.DELETE, "v1", null));
            assertEquals("alias skills@prod no longer exists (it pointed at v1): someone deleted it meanwhile; nothing was"
                    + " changed", assertThrows(AliasConflictException.class, () -> registry.changeAlias("skills", "prod",
                    Optional.of("v1"), Optional.of(v2), change(AliasAction.PROMOTE, "v1", "v2"))).getMessage());
            assertEquals(2, registry.history("skills").size(), "the set and the delete, nothing for the lost moves");
        }
    }

    @Test
    void aHistoryRowThatContradictsItsMoveIsRefusedBeforeAnythingIsWritten() {
        try (JooqRunRepository repo = JooqRunRepository.open(dir.resolve("refusals.db"))) {
            ModelRegistry registry = repo.registry();
            TrainingRun v1 = succeeded(repo, "skills", "v1");
            TrainingRun other = succeeded(repo, "churn", "c1");
            Optional<String> none = Optional.empty();
            List<Executable> contradictions = List.of(
                    () -> registry.changeAlias("skills", "staging", none, Optional.of(v1), change(AliasAction.SET, null, "v1")),
                    () -> registry.changeAlias("skills", "prod", none, Optional.of(v1), change(AliasAction.SET, "v0", "v1")),
                    () -> registry.changeAlias("skills", "prod", none, Optional.of(v1), change(AliasAction.SET, null, "v2")),
                    () -> registry.changeAlias("skills", "prod", none, Optional.of(v1), change(AliasAction.DELETE, null, "v1")),
                    () -> registry.changeAlias("skills", "prod", none, Optional.of(v1), change(AliasAction.REFUSE, null, "v1")),
                    () -> registry.changeAlias("skills", "prod", Optional.of("v1"), Optional.empty(),
                            change(AliasAction.SET, "v1", null)),
                    () -> registry.changeAlias("skills", "prod", none, Optional.empty(),
                            change(AliasAction.DELETE, null, null)),
                    () -> registry.recordRefusal(change(AliasAction.PROMOTE, null, "v1")));
            for (Executable call : contradictions) {
                assertThrows(IllegalArgumentException.class, call);
            }
            InvalidRequestException foreign = assertThrows(InvalidRequestException.class, () -> registry.changeAlias(
                    "skills", "prod", none, Optional.of(other), change(AliasAction.SET, null, "c1")));
            assertEquals("version c1 (run " + other.id() + ") belongs to model churn, not skills; an alias of skills can"
                    + " only point at its own versions", foreign.getMessage());
            assertThrows(InvalidRequestException.class, () -> registry.changeAlias("skills", "Prod", none, Optional.of(v1),
                    new AliasChange(0, "skills", "Prod", AliasAction.SET, none, Optional.of("v1"), "ana", T0, "",
                            Optional.empty())),
                    "alias names are lower case");
            assertEquals(List.of(), registry.aliases("skills"));
            assertEquals(List.of(), registry.history("skills"));
        }
    }

    @Test
    void aClosedStoreRefusesRegistryCalls() {
        JooqRunRepository repo = JooqRunRepository.open(dir.resolve("closed.db"));
        ModelRegistry registry = repo.registry();
        TrainingRun v1 = succeeded(repo, "skills", "v1");
        repo.close();
        String closed = "run store " + repo.location() + " is closed; open it again to record or read runs";
        List<Executable> calls = List.of(registry::modelNames, () -> registry.aliases("skills"),
                () -> registry.alias("skills", "prod"), () -> registry.history("skills"),
                () -> registry.recordRefusal(change(AliasAction.REFUSE, null, "v1")),
                () -> registry.changeAlias("skills", "prod", Optional.empty(), Optional.of(v1),
                        change(AliasAction.SET, null, "v1")));
        for (Executable call : calls) {
            assertEquals(closed, assertThrows(RunStoreClosedException.class, call).getMessage());
        }
    }
}
