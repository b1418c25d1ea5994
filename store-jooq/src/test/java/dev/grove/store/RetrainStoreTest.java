package dev.grove.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.grove.RunStoreClosedException;
import dev.grove.RunStoreException;
import dev.grove.retrain.RetrainLedger;
import dev.grove.retrain.RetrainOutcome;
import dev.grove.retrain.TriggerEvaluation;
import dev.grove.run.RunRepositoryContract;
import dev.grove.run.TrainingRun;
import dev.grove.testing.PostgresTestServer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What the SQL retraining ledger guarantees beyond core's contract: the trigger history cannot be
 * rewritten even by hand, its challenger is a run of the store, every value comes back exactly as
 * stored and stays plain JSON that the database itself can query, what JSON cannot hold is refused
 * before anything is written, and the lock row says who holds it since when. On SQLite files and
 * on PostgreSQL.
 */
class RetrainStoreTest {
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
            return "jdbc:sqlite:" + dir.resolve("retrain.db");
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

    private static List<String> row(String url, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery(sql)) {
            assertTrue(rs.next(), "a row for " + sql);
            List<String> values = new ArrayList<>();
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                values.add(rs.getString(i));
            }
            return values;
        }
    }

    private static TriggerEvaluation evaluation(RetrainOutcome outcome, OptionalLong challenger, Map<String, Object> measured) {
        return new TriggerEvaluation(0, "skills", "production", T0, outcome, List.of("new-data"),
                List.of("new data: sha256 differs"), measured, challenger,
                challenger.isPresent() ? Optional.of(false) : Optional.empty(), "cron", Optional.empty());
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void theTriggerHistoryCannotBeRewrittenEvenByHand(String kind) throws Exception {
        String url = store(kind);
        List<TriggerEvaluation> history;
        try (JooqRunRepository repo = JooqRunRepository.open(url)) {
            repo.retraining().record(evaluation(RetrainOutcome.UNCHANGED, OptionalLong.empty(), Map.of()));
            repo.retraining().record(evaluation(RetrainOutcome.SKIPPED, OptionalLong.empty(), Map.of()));
            history = repo.retraining().evaluations("skills");
        }
        List<String> rewrites = new ArrayList<>(List.of(
                "update trigger_history set outcome = 'TRAINED'",
                "update trigger_history set reasons = '[]' where outcome = 'SKIPPED'",
                "delete from trigger_history where outcome = 'SKIPPED'",
                "delete from trigger_history"));
        if (kind.equals("postgresql")) {
            rewrites.add("truncate trigger_history");
        }
        for (String sql : rewrites) {
            SQLException e = assertThrows(SQLException.class, () -> execute(url, sql), sql);
            assertTrue(e.getMessage().contains("trigger_history is append-only"), e.getMessage());
        }
        try (JooqRunRepository repo = JooqRunRepository.open(url)) {
            assertEquals(history, repo.retraining().evaluations("skills"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void aChallengerIsARunOfTheStore(String kind) {
        try (JooqRunRepository repo = JooqRunRepository.open(store(kind))) {
            TrainingRun run = repo.start(WriterSpecs.spec("skills", "v1"));
            RunStoreException e = assertThrows(RunStoreException.class, () -> repo.retraining().record(
                    evaluation(RetrainOutcome.TRAINED, OptionalLong.of(run.id() + 1000), Map.of())));
            assertTrue(e.getMessage().startsWith("cannot record a trigger evaluation of skills@production in run store "),
                    e.getMessage());
            assertTrue(e.getMessage().toLowerCase(Locale.ROOT).contains("foreign key"), e.getMessage());
            assertEquals(List.of(), repo.retraining().evaluations("skills"));
            assertEquals(OptionalLong.of(run.id()), repo.retraining().record(
                    evaluation(RetrainOutcome.TRAINED, OptionalLong.of(run.id()), Map.of())).challenger());
        }
    }

    /**
     * Every field comes back as stored, the time cut to whole microseconds; measurements keep
     * their key order, nesting, nulls, text and the exact value of every number JSON reads back
     * as the same Java type (Integer, Long, Double).
     */
    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void anEvaluationComesBackExactlyAsStored(String kind) {
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("zeta", 1);
        nested.put("alpha", Arrays.asList(0.1, -2.5e-300, 1.7976931348623157e308, null, "x", true, List.of()));
        nested.put("nothing", null);
        Map<String, Object> measured = new LinkedHashMap<>();
        measured.put("psi", Map.of("région \"Île-de-France\"", 0.30000000000000004, "emoji ✓🌲", 4.9e-324));
        measured.put("rows", 2_147_483_647);
        measured.put("bytes", 9_007_199_254_740_993L);
        measured.put("negative", -0.0);
        measured.put("nested", nested);
        measured.put("empty", Map.of());
        measured.put("tab\tnew\nline", "back\\slash 'quote'");
        Instant finer = Instant.parse("2026-12-01T10:00:00.123456789Z");
        try (JooqRunRepository repo = JooqRunRepository.open(store(kind))) {
            RetrainLedger ledger = repo.retraining();
            TrainingRun run = repo.start(WriterSpecs.spec("skills", "v1"));
            TriggerEvaluation sent = new TriggerEvaluation(0, "skills", "production", finer, RetrainOutcome.FAILED,
                    List.of("drift", "metric"), List.of("drift: 2 of 3 features\nmoved", "metric: f1 0.61 < 0.7", ""),
                    measured, OptionalLong.of(run.id()), Optional.of(false), "ana ✓", Optional.of("the gate failed:\n  disk full"));
            TriggerEvaluation recorded = ledger.record(sent);
            TriggerEvaluation expected = new TriggerEvaluation(recorded.id(), sent.model(), sent.alias(),
                    Instant.parse("2026-12-01T10:00:00.123456Z"), sent.outcome(), sent.fired(), sent.reasons(),
                    sent.measurements(), sent.challenger(), sent.promoted(), sent.actor(), sent.error());
            assertEquals(expected, recorded);
            assertEquals(List.copyOf(measured.keySet()), List.copyOf(recorded.measurements().keySet()), "key order");
            assertEquals(List.copyOf(nested.keySet()),
                    List.copyOf(((Map<?, ?>) recorded.measurements().get("nested")).keySet()), "nested key order");
            assertEquals(Long.class, recorded.measurements().get("bytes").getClass());
            assertEquals(Double.doubleToRawLongBits(-0.0),
                    Double.doubleToRawLongBits((Double) recorded.measurements().get("negative")), "-0.0 stays negative");
            assertEquals(List.of(recorded), ledger.evaluations("skills"));
            TriggerEvaluation bare = ledger.record(new TriggerEvaluation(0, "skills", "production", T0,
                    RetrainOutcome.TRAINED, List.of(), List.of(), Map.of(), OptionalLong.of(run.id()), Optional.of(true),
                    "", Optional.empty()));
            assertEquals(List.of(recorded, bare), ledger.evaluations("skills"));
        }
    }

    /** The JSON columns are plain JSON: each database's own JSON functions read them. */
    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void theJsonColumnsAreQueryableInSql(String kind) throws Exception {
        String url = store(kind);
        try (JooqRunRepository repo = JooqRunRepository.open(url)) {
            repo.start(RunRepositoryContract.spec("v1", T0, "smile", "a".repeat(64))); // with a reference profile
            repo.retraining().record(evaluation(RetrainOutcome.UNCHANGED, OptionalLong.empty(),
                    Map.of("psi", Map.of("trend_score", 0.31))));
        }
        List<String> values = kind.equals("sqlite")
                ? row(url, "select json_extract(reference_profile, '$.features[1].levels[0]'),"
                        + " json_extract(measurements, '$.psi.trend_score'), json_extract(fired, '$[0]')"
                        + " from training_run, trigger_history")
                : row(url, "select reference_profile::jsonb -> 'features' -> 1 -> 'levels' ->> 0,"
                        + " measurements::jsonb -> 'psi' ->> 'trend_score', fired::jsonb ->> 0"
                        + " from training_run, trigger_history");
        assertEquals(List.of("Île-de-France", "0.31", "new-data"), values);
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void measurementsJsonCannotHoldAreRefusedBeforeAnythingIsWritten(String kind) {
        Map<Object, Object> numberKeys = new HashMap<>();
        numberKeys.put(7, "seven");
        Map<String, String> bad = new LinkedHashMap<>();
        bad.put("measurements.psi.trend_score is NaN, which JSON cannot hold; record it as null, as text, or leave it"
                + " out", "nan");
        bad.put("measurements.scores[1] is -Infinity, which JSON cannot hold; record it as null, as text, or leave it"
                + " out", "inf");
        bad.put("measurements.when is a java.time.Instant; measurements hold JSON values only: text, numbers,"
                + " booleans, null, and lists and maps of them", "instant");
        bad.put("measurements.levels has the key 7 (java.lang.Integer); JSON objects have text keys only", "keys");
        Map<String, Map<String, Object>> cases = Map.of(
                "nan", Map.of("psi", Map.of("trend_score", Double.NaN)),
                "inf", Map.of("scores", List.of(0.5, Double.NEGATIVE_INFINITY)),
                "instant", Map.of("when", T0),
                "keys", Map.of("levels", numberKeys));
        try (JooqRunRepository repo = JooqRunRepository.open(store(kind))) {
            bad.forEach((message, name) -> assertEquals(message, assertThrows(IllegalArgumentException.class,
                    () -> repo.retraining().record(evaluation(RetrainOutcome.UNCHANGED, OptionalLong.empty(),
                            cases.get(name)))).getMessage()));
            assertEquals(List.of(), repo.retraining().evaluations("skills"));
        }
    }

    /** The lock row says who holds it, since when, and when it was last refreshed; its holder deletes it. */
    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void theLockRowSaysWhoHoldsItSinceWhen(String kind) throws Exception {
        String url = store(kind);
        String select = kind.equals("sqlite")
                ? "select holder, acquired_at, refreshed_at from retrain_lock where model_name = 'skills'"
                : "select holder, to_char(acquired_at at time zone 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"'),"
                        + " to_char(refreshed_at at time zone 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"')"
                        + " from retrain_lock where model_name = 'skills'";
        try (JooqRunRepository repo = JooqRunRepository.open(url)) {
            RetrainLedger ledger = repo.retraining();
            assertTrue(ledger.tryLock("skills", "host-a 1", T0, T0.minusSeconds(60)));
            assertTrue(ledger.tryLock("skills", "host-a 1", T0.plusSeconds(10), T0.minusSeconds(50)));
            assertEquals(List.of("host-a 1", "2026-12-01T10:00:00.123456Z", "2026-12-01T10:00:10.123456Z"),
                    row(url, select), "taken again by its holder: held since it was first taken");
            assertTrue(ledger.refreshLock("skills", "host-a 1", T0.plusSeconds(30)));
            assertTrue(ledger.tryLock("skills", "host-b 2", T0.plusSeconds(200), T0.plusSeconds(31)));
            assertEquals(List.of("host-b 2", "2026-12-01T10:03:20.123456Z", "2026-12-01T10:03:20.123456Z"),
                    row(url, select), "taken over: held since the takeover");
            ledger.unlock("skills", "host-a 1");
            assertEquals("host-b 2", row(url, select).get(0), "only its holder releases it");
            ledger.unlock("skills", "host-b 2");
            assertEquals(List.of("0"), row(url, "select count(*) from retrain_lock"));
        }
    }

    /** SQLite keeps the new tables' times in the one sortable shape, and promoted a boolean, whoever writes. */
    @Test
    void sqliteRefusesOtherShapesInTheNewTables() throws Exception {
        String url = store("sqlite");
        JooqRunRepository.open(url).close();
        List<String> refused = List.of(
                "insert into retrain_lock values ('m', 'h', '2026-12-01 10:00:00', '2026-12-01T10:00:00.000000Z')",
                "insert into retrain_lock values ('m', 'h', '2026-12-01T10:00:00.000000Z', '2026-12-01T10:00:00Z')",
                "insert into trigger_history (model_name, alias, at, outcome, fired, reasons, measurements, actor)"
                        + " values ('m', 'a', '1796119200000000', 'SKIPPED', '[]', '[]', '{}', 'x')",
                "insert into trigger_history (model_name, alias, at, outcome, fired, reasons, measurements, promoted,"
                        + " actor) values ('m', 'a', '2026-12-01T10:00:00.000000Z', 'SKIPPED', '[]', '[]', '{}', 'yes', 'x')",
                "insert into trigger_history (model_name, alias, at, outcome, fired, reasons, measurements, actor)"
                        + " values ('m', 'a', '2026-12-01T10:00:00.000000Z', 'MAYBE', '[]', '[]', '{}', 'x')");
        for (String sql : refused) {
            SQLException e = assertThrows(SQLException.class, () -> execute(url, sql), sql);
            assertTrue(e.getMessage().contains("CHECK constraint failed"), e.getMessage());
        }
    }

    @Test
    void aClosedStoreRefusesLedgerCalls() {
        JooqRunRepository repo = JooqRunRepository.open(dir.resolve("closed.db"));
        RetrainLedger ledger = repo.retraining();
        repo.close();
        String closed = "run store " + repo.location() + " is closed; open it again to record or read runs";
        List<Executable> calls = List.of(() -> ledger.tryLock("skills", "h", T0, T0), () -> ledger.refreshLock("skills", "h", T0),
                () -> ledger.unlock("skills", "h"), () -> ledger.evaluations("skills"),
                () -> ledger.record(evaluation(RetrainOutcome.SKIPPED, OptionalLong.empty(), Map.of())));
        for (Executable call : calls) {
            assertEquals(closed, assertThrows(RunStoreClosedException.class, call).getMessage());
        }
    }
}
