package dev.grove.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.grove.eval.Evaluation;
import dev.grove.internal.StaleRuns;
import dev.grove.registry.ModelNames;
import dev.grove.retrain.RetrainLedger;
import dev.grove.retrain.RetrainOutcome;
import dev.grove.retrain.TriggerEvaluation;
import dev.grove.run.RunField;
import dev.grove.run.RunOutcome;
import dev.grove.run.RunQuery;
import dev.grove.run.RunSpec;
import dev.grove.run.RunStatus;
import dev.grove.run.TrainingRun;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/**
 * A store written by the release with schema V1 (the fixtures in {@code src/test/resources/v1})
 * opens with this build, is upgraded to V4 in place (V2, V3, then V4), and keeps every value of
 * every run; each run gets the default model name of its dataset (core's {@link ModelNames#defaultFor})
 * and no reference profile; the registry's and the retraining's tables start empty.
 * The V1 rows are read with plain JDBC before the upgrade, so the expectations come from the store
 * itself, not from a list typed by hand.
 */
abstract class V1UpgradeContract {
    /** V1 column → V4 column, for the columns V2 renames; all other V1 columns keep their names. */
    static final Map<String, String> RENAMED = Map.of(
            "started_at_us", "run_date",
            "finished_at_us", "finished_at",
            "training_seconds", "training_duration_seconds",
            "precision_weighted", "precision",
            "recall_weighted", "recall",
            "f1_weighted", "f1_score",
            "per_class_metrics_json", "per_class_metrics",
            "features_used_json", "features_used");
    static final Set<String> TIME_COLUMNS = Set.of("run_date", "finished_at", "heartbeat_at");

    /**
     * Microseconds since the epoch that are easy to get wrong: before 1970 (floored division),
     * the first and last microsecond Grove keeps, and 2^53 + 1 (a double cannot hold it).
     */
    static final long[] TRICKY_MICROS = {-62_135_596_800_000_000L, -1L, 0L, 1L, 9_007_199_254_740_993L,
        253_402_300_799_999_999L};

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Puts the V1 fixture in place (a copy, or a fresh database) and returns its location. */
    protected abstract String createV1Store() throws Exception;

    /** A plain JDBC connection to the store created last. */
    protected abstract Connection connect() throws SQLException;

    /** The JDBC URL of the store created last, for Flyway. */
    protected abstract String jdbcUrl();

    /** The dialect's migration folder: {@code sqlite} or {@code postgresql}. */
    protected abstract String migrationFolder();

    /** A V2 time column as its database stores it (ISO text on SQLite, an Instant from timestamptz). */
    protected abstract Object storedTime(ResultSet rs, String column) throws SQLException;

    /** What {@link #storedTime} must give for a V1 value, worked out without the code under test. */
    protected abstract Object expectedStoredTime(long micros);

    // ---------------------------------------------------------------- tests

    @Test
    void everyValueOfEveryRunSurvivesTheUpgrade() throws Exception {
        String location = createV1Store();
        List<Map<String, Object>> v1 = readV1Rows();
        assertFixtureIsWorthTesting(v1);

        try (JooqRunRepository repo = JooqRunRepository.open(location)) {
            assertHistoryAtKnownVersion();
            assertEveryColumnCarriedOver(v1);
            List<TrainingRun> runs = repo.list(RunQuery.all().orderBy(RunField.ID, false));
            assertEquals(v1.size(), runs.size(), "runs after the upgrade");
            for (int i = 0; i < v1.size(); i++) {
                assertRunIsTheV1Row(v1.get(i), runs.get(i));
            }
            // Each model lists exactly the runs of its dataset.
            Map<String, List<Long>> idsByName = v1.stream().collect(Collectors.groupingBy(
                    r -> ModelNames.defaultFor((String) r.get("dataset_path")), java.util.TreeMap::new,
                    Collectors.mapping(r -> (Long) r.get("id"), Collectors.toList())));
            assertEquals(List.copyOf(idsByName.keySet()), repo.registry().modelNames());
            idsByName.forEach((name, ids) -> assertEquals(ids, repo.list(RunQuery.all().withModelName(name)
                    .orderBy(RunField.ID, false)).stream().map(TrainingRun::id).toList(), "runs of " + name));
        }
    }

    /**
     * A process of the previous release that was running when the store was upgraded goes on
     * recording runs without a model name (the column's default, ''): such a run reads with its
     * default name at once, is left out of the model names, and has its name stored at the next open.
     */
    @Test
    void aRunRecordedWithoutAModelNameAfterTheUpgradeIsNamedAtTheNextOpen() throws Exception {
        String location = createV1Store();
        List<Map<String, Object>> v1 = readV1Rows();
        Map<String, Object> copied = v1.stream().filter(r -> "tribuo-1".equals(r.get("model_version"))).findFirst()
                .orElseThrow();
        String expected = ModelNames.defaultFor((String) copied.get("dataset_path"));
        JooqRunRepository.open(location).close();
        try (JooqRunRepository repo = JooqRunRepository.open(location)) {
            // Every V2 column, as a V2 process writes them (copied from a V1 run, under a new uuid and version).
            List<String> v2Columns = new ArrayList<>(v1.get(0).keySet().stream()
                    .map(c -> RENAMED.getOrDefault(c, c)).filter(c -> !c.equals("id")).toList());
            v2Columns.addAll(List.of("heartbeat_at", "read_options", "feature_types"));
            String values = v2Columns.stream().map(c -> switch (c) {
                case "run_uuid" -> "'" + UUID.randomUUID() + "'";
                case "model_version" -> "'recorded-by-v2'";
                default -> c;
            }).collect(Collectors.joining(", "));
            try (Connection c = connect(); Statement st = c.createStatement()) {
                assertEquals(1, st.executeUpdate("insert into training_run (" + String.join(", ", v2Columns) + ") select "
                        + values + " from training_run where model_version = 'tribuo-1'"));
            }
            assertEquals(List.of(""), columnValues("select model_name from training_run"
                    + " where model_version = 'recorded-by-v2'"), "the V2 process left the name at the default");
            assertEquals(expected, repo.findByModelVersion("recorded-by-v2").orElseThrow().spec().modelName());
            assertTrue(repo.registry().modelNames().stream().noneMatch(String::isEmpty), "no model named ''");
        }
        try (JooqRunRepository repo = JooqRunRepository.open(location)) {
            assertEquals(List.of(expected), columnValues("select model_name from training_run"
                    + " where model_version = 'recorded-by-v2'"), "stored at the next open");
            assertTrue(repo.list(RunQuery.all().withModelName(expected)).stream()
                    .anyMatch(r -> r.modelVersion().equals("recorded-by-v2")));
        }
    }

    /**
     * The tables V3 and V4 add start empty, and work on the upgraded store: the retraining lock,
     * and a trigger evaluation whose challenger is a run recorded by V1.
     */
    @Test
    void theNewTablesStartEmptyAndWorkOnTheUpgradedStore() throws Exception {
        String location = createV1Store();
        List<Map<String, Object>> v1 = readV1Rows();
        long oldRun = (Long) v1.get(0).get("id");
        String model = ModelNames.defaultFor((String) v1.get(0).get("dataset_path"));
        try (JooqRunRepository repo = JooqRunRepository.open(location)) {
            for (String table : List.of("model_alias", "alias_history", "retrain_lock", "trigger_history")) {
                assertEquals(List.of("0"), columnValues("select count(*) from " + table), table);
            }
            RetrainLedger ledger = repo.retraining();
            assertEquals(List.of(), ledger.evaluations(model));
            Instant now = Instant.parse("2026-12-02T08:00:00Z");
            assertTrue(ledger.tryLock(model, "upgraded 1", now, now.minusSeconds(120)));
            assertFalse(ledger.tryLock(model, "upgraded 2", now, now.minusSeconds(120)));
            TriggerEvaluation recorded = ledger.record(new TriggerEvaluation(0, model, "production", now,
                    RetrainOutcome.TRAINED, List.of("new-data"), List.of("new data"), Map.of("rows", 7),
                    OptionalLong.of(oldRun), Optional.of(false), "upgrade test", Optional.empty()));
            assertEquals(List.of(recorded), ledger.evaluations(model));
            ledger.unlock(model, "upgraded 1");
            assertEquals(List.of("0"), columnValues("select count(*) from retrain_lock"), "unlocked");
        }
    }

    /**
     * A store of the release with schema V3 (the V1 fixture migrated to V3 alone), holding what V3
     * added — model names, a reproduction, aliases and their history — is upgraded to V4 with
     * every value of every row of every table as it was; the only new column is an empty
     * reference_profile.
     */
    @Test
    void aV3StoreWithItsRegistryKeepsEveryValue() throws Exception {
        String location = createV1Store();
        Flyway.configure(getClass().getClassLoader()).loggers("slf4j").dataSource(jdbcUrl(), null, null)
                .locations("classpath:db/migration/" + migrationFolder()).target("3").load().migrate();
        List<Map<String, Object>> v1 = readRows("run_date");
        long first = (Long) v1.get(0).get("id");
        long second = (Long) v1.get(1).get("id");
        try (Connection c = connect(); Statement st = c.createStatement()) {
            st.execute("update training_run set model_name = 'skills'");
            st.execute("update training_run set reproduces_run_id = " + first + " where id = " + second);
            st.execute("insert into model_alias (model_name, alias, model_version, run_id, updated_at, updated_by)"
                    + " select 'skills', 'production', model_version, id, run_date, 'ana' from training_run where id = "
                    + first);
            st.execute("insert into alias_history (model_name, alias, action, from_version, to_version, actor, at,"
                    + " reason, gate_metric, gate_challenger, gate_champion, gate_min_gain, gate_rows,"
                    + " gate_dataset_sha256) select 'skills', 'production', 'PROMOTE', null, model_version, 'ana', run_date,"
                    + " 'first champion', 'f1_score', 0.8125, null, 0.0, 40, dataset_sha256 from training_run where id = "
                    + first);
            st.execute("insert into alias_history (model_name, alias, action, from_version, to_version, actor, at,"
                    + " reason) select 'skills', 'production', 'REFUSE', model_version, model_version, 'cron', run_date,"
                    + " 'not better' from training_run where id = " + first);
        }
        Map<String, List<Map<String, Object>>> v3 = new LinkedHashMap<>();
        for (String table : List.of("training_run", "model_alias", "alias_history")) {
            v3.put(table, tableRows(table));
        }
        try (JooqRunRepository repo = JooqRunRepository.open(location)) {
            assertHistoryAtKnownVersion();
            for (Map<String, Object> run : v3.get("training_run")) {
                run.put("reference_profile", null);
            }
            for (Map.Entry<String, List<Map<String, Object>>> table : v3.entrySet()) {
                assertEquals(table.getValue(), tableRows(table.getKey()), table.getKey());
            }
            assertEquals(2, repo.registry().history("skills").size());
            assertEquals(OptionalLong.of(first), repo.findById(second).orElseThrow().spec().reproduces());
        }
    }

    /** Every column of every row of a table, by its first columns (its key), as the driver reads them. */
    private List<Map<String, Object>> tableRows(String table) throws SQLException {
        List<Map<String, Object>> rows = new ArrayList<>();
        try (Connection c = connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("select * from " + table + " order by 1, 2")) {
            ResultSetMetaData md = rs.getMetaData();
            while (rs.next()) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    row.put(md.getColumnLabel(i).toLowerCase(java.util.Locale.ROOT), rs.getObject(i));
                }
                rows.add(row);
            }
        }
        assertFalse(rows.isEmpty(), table + " has rows");
        return rows;
    }

    private List<String> columnValues(String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Connection c = connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }

    @Test
    void timesConvertExactlyToTheMicrosecond() throws Exception {
        String location = createV1Store();
        try (Connection c = connect(); Statement st = c.createStatement()) {
            for (int i = 0; i < TRICKY_MICROS.length; i++) {
                long t = TRICKY_MICROS[i];
                st.execute("insert into training_run (run_uuid, model_version, status, started_at_us, finished_at_us,"
                        + " trainer_name, trainer_version, params_json, n_estimators, random_state, test_split, dataset_path,"
                        + " dataset_sha256, label_column, total_samples, train_samples, test_samples,"
                        + " class_distribution_json, imbalance_ratio, features_used_json, model_path, error_message,"
                        + " trained_by, host, pid, jvm, notes) select '" + UUID.randomUUID() + "', 'tricky-" + i
                        + "', 'FAILED', " + t + ", " + t + ", trainer_name, trainer_version,"
                        + " params_json, n_estimators, random_state, test_split, dataset_path, dataset_sha256,"
                        + " label_column, total_samples, train_samples, test_samples, class_distribution_json,"
                        + " imbalance_ratio, features_used_json, model_path, 'tricky time', trained_by, host, pid, jvm,"
                        + " notes from training_run where model_version = 'smile-mtry-99'");
            }
        }
        List<Map<String, Object>> v1 = readV1Rows();
        try (JooqRunRepository repo = JooqRunRepository.open(location)) {
            assertEveryColumnCarriedOver(v1);
            for (int i = 0; i < TRICKY_MICROS.length; i++) {
                Instant expected = instant(TRICKY_MICROS[i]);
                TrainingRun run = repo.findByModelVersion("tricky-" + i).orElseThrow();
                assertEquals(expected, run.spec().startedAt(), "run_date of " + TRICKY_MICROS[i] + " us");
                assertEquals(Optional.of(expected), run.finishedAt(), "finished_at of " + TRICKY_MICROS[i] + " us");
                assertEquals(expected, run.heartbeatAt(), "heartbeat_at of " + TRICKY_MICROS[i] + " us");
            }
            // Sorting and range filters by run_date agree with the V1 microseconds.
            List<Long> byStartV1 = v1.stream()
                    .sorted(Comparator.comparing((Map<String, Object> r) -> (Long) r.get("started_at_us"))
                            .thenComparing(r -> (Long) r.get("id")).reversed())
                    .map(r -> (Long) r.get("id")).toList();
            assertEquals(byStartV1, repo.list(RunQuery.all()).stream().map(TrainingRun::id).toList(), "newest first");
            Instant from = instant(-1L);
            Instant to = instant(1L);
            List<Long> inRange = v1.stream().filter(r -> (Long) r.get("started_at_us") >= -1L
                    && (Long) r.get("started_at_us") < 1L).map(r -> (Long) r.get("id")).sorted().toList();
            assertEquals(2, inRange.size());
            assertEquals(inRange, repo.list(RunQuery.all().withFrom(from).withTo(to).orderBy(RunField.ID, false))
                    .stream().map(TrainingRun::id).toList(), "from inclusive, to exclusive, across 1970");
        }
    }

    @Test
    void theUpgradedStoreRecordsAndMarksRunsAsANewOneDoes() throws Exception {
        String location = createV1Store();
        List<Map<String, Object>> v1 = readV1Rows();
        long maxId = v1.stream().mapToLong(r -> (Long) r.get("id")).max().orElseThrow();
        Map<String, Object> leftRunning = v1.stream().filter(r -> "RUNNING".equals(r.get("status"))).findFirst()
                .orElseThrow();
        try (JooqRunRepository repo = JooqRunRepository.open(location)) {
            // V1 processes sent no heartbeats, so the run V1 left RUNNING is stale from its start on.
            Instant now = Instant.now();
            List<TrainingRun> marked = StaleRuns.markInterrupted(repo, Duration.ofMinutes(2),
                    Clock.fixed(now, ZoneOffset.UTC));
            assertEquals(List.of((Long) leftRunning.get("id")), marked.stream().map(TrainingRun::id).toList());
            assertEquals(RunStatus.INTERRUPTED, repo.findById((Long) leftRunning.get("id")).orElseThrow().status());

            TrainingRun fresh = repo.start(WriterSpecs.spec("after-upgrade"));
            assertEquals(maxId + 1, fresh.id(), "ids go on from the V1 ones");
            assertTrue(repo.heartbeat(fresh.id(), fresh.spec().startedAt().plusSeconds(5)));
            TrainingRun best = repo.best(RunField.F1, RunQuery.all()).orElseThrow();
            Map<String, Object> bestV1 = v1.stream().filter(r -> "SUCCEEDED".equals(r.get("status")))
                    .max(Comparator.comparing((Map<String, Object> r) -> (Double) r.get("f1_weighted"))
                            .thenComparing(r -> (Long) r.get("id"))).orElseThrow();
            assertEquals(bestV1.get("id"), best.id(), "best by F1");
        }
    }

    // ---------------------------------------------------------------- V1 side

    /** Every column of every V1 row, integers as Long and reals as Double. */
    List<Map<String, Object>> readV1Rows() throws SQLException {
        return readRows("started_at_us");
    }

    private List<Map<String, Object>> readRows(String mustHaveColumn) throws SQLException {
        List<Map<String, Object>> rows = new ArrayList<>();
        try (Connection c = connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("select * from training_run order by id")) {
            ResultSetMetaData md = rs.getMetaData();
            while (rs.next()) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    String name = md.getColumnLabel(i).toLowerCase(java.util.Locale.ROOT);
                    row.put(name, TIME_COLUMNS.contains(name) ? storedTime(rs, name) : plain(rs.getObject(i)));
                }
                assertTrue(row.containsKey(mustHaveColumn), "table has " + mustHaveColumn + ": " + row.keySet());
                rows.add(row);
            }
        }
        return rows;
    }

    private static Object plain(Object v) {
        if (v instanceof Integer || v instanceof Long || v instanceof Short) {
            return ((Number) v).longValue();
        }
        if (v instanceof Float || v instanceof Double) {
            return ((Number) v).doubleValue();
        }
        return v;
    }

    /** The fixture holds what the upgrade must carry: every status, both trainers, awkward text. */
    private static void assertFixtureIsWorthTesting(List<Map<String, Object>> v1) {
        Map<Object, Long> statuses = v1.stream().collect(Collectors.groupingBy(r -> r.get("status"), Collectors.counting()));
        assertEquals(Map.of("SUCCEEDED", 3L, "FAILED", 2L, "INTERRUPTED", 1L, "RUNNING", 1L), statuses);
        assertEquals(Set.of("smile", "tribuo"), v1.stream().filter(r -> "SUCCEEDED".equals(r.get("status")))
                .map(r -> r.get("trainer_name")).collect(Collectors.toSet()));
        String notes = v1.stream().map(r -> (String) r.get("notes")).collect(Collectors.joining("|"));
        for (String s : List.of("\"", "'", "\n", "\t", "\\", "é", "✓", "🌲")) {
            assertTrue(notes.contains(s), "a note holds " + s);
        }
        Set<Object> datasets = v1.stream().map(r -> r.get("dataset_path")).collect(Collectors.toSet());
        assertEquals(2, datasets.size(), "two datasets, so two model names: " + datasets);
        assertTrue(datasets.stream().anyMatch(p -> !((String) p).matches("[\\x00-\\x7f]*")),
                "a dataset path holds characters a model name cannot: " + datasets);
    }

    // ---------------------------------------------------------------- V4 side

    private void assertHistoryAtKnownVersion() throws SQLException {
        try (Connection c = connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("select version, success from flyway_schema_history"
                     + " where version is not null order by installed_rank")) {
            List<String> applied = new ArrayList<>();
            while (rs.next()) {
                assertTrue(rs.getBoolean(2), "migration " + rs.getString(1) + " succeeded");
                applied.add(rs.getString(1));
            }
            assertEquals(List.of("1", "2", "3", "4"), applied);
        }
    }

    /** Column by column: the V4 table holds the V1 values under their new names, and nothing else changed. */
    private void assertEveryColumnCarriedOver(List<Map<String, Object>> v1) throws SQLException {
        List<Map<String, Object>> v2 = readRows("run_date");
        assertEquals(v1.size(), v2.size(), "rows");
        for (int i = 0; i < v1.size(); i++) {
            Map<String, Object> expected = new LinkedHashMap<>();
            v1.get(i).forEach((column, value) -> {
                String name = RENAMED.getOrDefault(column, column);
                expected.put(name, TIME_COLUMNS.contains(name) && value != null ? expectedStoredTime((Long) value) : value);
            });
            expected.put("heartbeat_at", expected.get("run_date"));
            expected.put("read_options", "{\"format\":\"csv\"}");
            expected.put("feature_types", "{}");
            expected.put("model_name", ModelNames.defaultFor((String) v1.get(i).get("dataset_path")));
            expected.put("reproduces_run_id", null);
            expected.put("reference_profile", null); // V1 computed none
            Map<String, Object> actual = v2.get(i);
            assertEquals(new TreeSet<>(expected.keySet()), new TreeSet<>(actual.keySet()), "columns");
            for (String column : expected.keySet()) {
                assertEquals(expected.get(column), actual.get(column), "run " + expected.get("id") + ", " + column);
            }
        }
    }

    /** The run as the repository reads it equals the V1 row, field by field. */
    private static void assertRunIsTheV1Row(Map<String, Object> r, TrainingRun run) throws IOException {
        String where = "run " + r.get("id") + " (" + r.get("model_version") + ")";
        RunSpec s = run.spec();
        assertEquals(r.get("id"), run.id(), where);
        assertEquals(r.get("status"), run.status().name(), where);
        assertEquals(r.get("run_uuid"), s.uuid().toString(), where);
        assertEquals(r.get("model_version"), s.modelVersion(), where);
        assertEquals(ModelNames.defaultFor((String) r.get("dataset_path")), s.modelName(), where + ": model name");
        assertEquals(OptionalLong.empty(), s.reproduces(), where);
        assertEquals(Optional.empty(), s.referenceProfile(), where + ": reference profile");
        assertEquals(instant((Long) r.get("started_at_us")), s.startedAt(), where);
        assertEquals(Optional.ofNullable((Long) r.get("finished_at_us")).map(V1UpgradeContract::instant),
                run.finishedAt(), where);
        assertEquals(s.startedAt(), run.heartbeatAt(), where + ": heartbeat");
        assertEquals(r.get("trainer_name"), s.trainerName(), where);
        assertEquals(r.get("trainer_version"), s.trainerVersion(), where);
        assertSameJson(r.get("params_json"), s.params(), where);
        assertEquals(r.get("n_estimators"), (long) s.nEstimators(), where);
        assertEquals(r.get("random_state"), s.randomState(), where);
        assertEquals(r.get("test_split"), s.testSplit(), where);
        assertEquals(r.get("dataset_path"), s.datasetPath(), where);
        assertEquals(r.get("dataset_sha256"), s.datasetSha256(), where);
        assertEquals(Map.of("format", "csv"), s.readOptions(), where);
        assertEquals(r.get("label_column"), s.labelColumn(), where);
        assertEquals(r.get("total_samples"), (long) s.totalSamples(), where);
        assertEquals(r.get("train_samples"), (long) s.trainSamples(), where);
        assertEquals(r.get("test_samples"), (long) s.testSamples(), where);
        assertSameJson(r.get("class_distribution_json"), s.classDistribution(), where);
        assertEquals(List.copyOf(((Map<?, ?>) JSON.readValue((String) r.get("class_distribution_json"), Map.class))
                .keySet()), List.copyOf(s.classDistribution().keySet()), where + ": class order");
        assertEquals(r.get("imbalance_ratio"), s.imbalanceRatio(), where);
        assertSameJson(r.get("features_used_json"), s.featuresUsed(), where);
        assertEquals(Map.of(), s.featureTypes(), where);
        assertEquals(r.get("model_path"), s.modelPath(), where);
        assertEquals(r.get("trained_by"), s.trainedBy(), where);
        assertEquals(r.get("host"), s.host(), where);
        assertEquals(r.get("pid"), s.pid(), where);
        assertEquals(r.get("jvm"), s.jvm(), where);
        assertEquals(r.get("notes"), s.notes(), where);
        boolean finishedWithError = run.status() == RunStatus.FAILED || run.status() == RunStatus.INTERRUPTED;
        assertEquals(finishedWithError ? Optional.of(r.get("error_message")) : Optional.empty(), run.error(), where);
        assertEquals(run.status() == RunStatus.SUCCEEDED, run.outcome().isPresent(), where + ": outcome");
        if (run.outcome().isPresent()) {
            RunOutcome o = run.outcome().get();
            Evaluation e = o.evaluation();
            assertSameJson(r.get("effective_params_json"), o.params(), where);
            assertEquals(r.get("training_seconds"), o.trainingSeconds(), where);
            assertEquals(r.get("model_sha256"), o.modelSha256(), where);
            assertEquals(r.get("accuracy"), e.accuracy(), where);
            assertEquals(r.get("precision_weighted"), e.precisionWeighted(), where);
            assertEquals(r.get("recall_weighted"), e.recallWeighted(), where);
            assertEquals(r.get("f1_weighted"), e.f1Weighted(), where);
            assertEquals(r.get("precision_macro"), e.precisionMacro(), where);
            assertEquals(r.get("recall_macro"), e.recallMacro(), where);
            assertEquals(r.get("f1_macro"), e.f1Macro(), where);
            assertEquals(r.get("eval_samples"), (long) e.samples(), where);
            assertSameJson(r.get("eval_classes_json"), e.classes(), where);
            assertSameJson(r.get("per_class_metrics_json"), e.perClass(), where);
            assertSameJson(r.get("confusion_matrix_json"), e.confusion(), where);
        }
    }

    private static void assertSameJson(Object storedText, Object value, String where) throws IOException {
        assertNotNull(storedText, where);
        JsonNode expected = JSON.readTree((String) storedText);
        JsonNode actual = JSON.valueToTree(value);
        assertEquals(expected, actual, where);
    }

    // ---------------------------------------------------------------- helpers

    static Instant instant(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000L);
    }

    /** ISO-8601 UTC with six fraction digits, built by hand rather than by the code under test. */
    static String isoText(long micros) {
        LocalDateTime t = LocalDateTime.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), 0, ZoneOffset.UTC);
        return t.format(DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss", java.util.Locale.ROOT))
                + String.format(java.util.Locale.ROOT, ".%06dZ", Math.floorMod(micros, 1_000_000L));
    }

    static String resource(String name) throws IOException {
        try (InputStream in = Objects.requireNonNull(V1UpgradeContract.class.getResourceAsStream("/v1/" + name), name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
