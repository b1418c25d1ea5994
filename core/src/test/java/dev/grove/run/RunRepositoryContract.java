package dev.grove.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.grove.DuplicateModelVersionException;
import dev.grove.RunStoreException;
import dev.grove.internal.GroveJson;
import dev.grove.internal.RunOrdering;
import dev.grove.internal.StaleRuns;
import dev.grove.eval.ClassMetrics;
import dev.grove.eval.Evaluation;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What every {@link RunRepository} must do. Extend it, return a fresh, empty repository from
 * {@link #newRepository()}; the contract closes it after each test.
 *
 * <p>Params maps round-trip as JSON values (a {@code long} 42 may come back as an {@code int}
 * 42), so they are compared through their JSON text; every other field must come back equal.
 * Instants are given at millisecond precision.
 */
public abstract class RunRepositoryContract {

    /** A new, empty repository for one test. */
    protected abstract RunRepository newRepository();

    /**
     * A second, independent handle on the store {@link #newRepository()} last returned, as another
     * process would open it; null where there is no such thing (in memory).
     */
    protected RunRepository reopen() {
        return null;
    }

    protected RunRepository repo;

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00.123Z");
    private static final String SHA_A = "a".repeat(64);
    private static final String SHA_B = "b".repeat(64);
    private final AtomicInteger counter = new AtomicInteger();

    @BeforeEach
    void openRepository() {
        repo = newRepository();
    }

    @AfterEach
    void closeRepository() {
        if (repo != null) {
            repo.close();
        }
    }

    // ---------------------------------------------------------------- fixtures

    /** A reference profile with every kind of bin, to round-trip through the store. */
    static final dev.grove.data.ReferenceProfile PROFILE = new dev.grove.data.ReferenceProfile(160, List.of(
            new dev.grove.data.FeatureDistribution("skill_demand", "numeric", List.of(0.5, 1.25, 3.0), List.of(),
                    List.of(0.25, 0.25, 0.25, 0.2, 0.05)),
            new dev.grove.data.FeatureDistribution("région", "categorical", List.of(), List.of("Île-de-France", "Bretagne"),
                    List.of(0.6, 0.3, 0.1, 0.0))));

    public static RunSpec spec(String version, Instant startedAt, String trainer, String datasetSha) {
        return spec(version, startedAt, trainer, datasetSha, RunHost.current().host(), ProcessHandle.current().pid());
    }

    protected static RunSpec spec(String version, Instant startedAt, String trainer, String datasetSha, String host,
                                  long pid) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("n_estimators", 200);
        params.put("random_state", 42L);
        params.put("max_depth", 12);
        params.put("min_leaf", 1);
        params.put("features_per_split", "sqrt");
        params.put("threads", 2);
        params.put("smile.split_rule", "GINI");
        Map<String, Integer> classes = new LinkedHashMap<>();
        classes.put("MEDIUM", 120);
        classes.put("LOW", 60);
        classes.put("HIGH", 20);
        Map<String, Object> read = new LinkedHashMap<>();
        read.put("format", "csv");
        read.put("delimiter", ";");
        read.put("missing_tokens", List.of("", "?", "NA"));
        Map<String, String> types = new LinkedHashMap<>();
        types.put("skill_demand", "numeric");
        types.put("growth_rate", "numeric");
        types.put("job \"postings\"", "numeric");
        types.put("région", "categorical");
        return new RunSpec(UUID.randomUUID(), "future_skills", version, startedAt, trainer, trainer + "-1.2.3", params,
                200, 42L, 0.2,
                "/data/future skills/dataset ü.csv", datasetSha, read, "future_need", 200, 160, 40, classes, 6.0,
                List.of("skill_demand", "growth_rate", "job \"postings\"", "région"), types,
                "/models/" + version + ".bin", "alice@example.org", host, pid,
                "Eclipse Adoptium OpenJDK 64-Bit Server VM 17.0.15+6", "notes with 'quotes', emoji ✓ and\nnewline",
                java.util.OptionalLong.empty(), Optional.of(PROFILE));
    }

    protected static Evaluation evaluation(double f1) {
        List<String> classes = List.of("MEDIUM", "LOW", "HIGH");
        List<ClassMetrics> perClass = List.of(new ClassMetrics("MEDIUM", 0.9, 0.95, 0.9243243243243243, 24),
                new ClassMetrics("LOW", 0.8333333333333334, 0.8333333333333334, 0.8333333333333334, 12),
                new ClassMetrics("HIGH", 1.0, 0.5, 0.6666666666666666, 4));
        int[][] confusion = {{23, 1, 0}, {2, 10, 0}, {0, 2, 2}};
        return new Evaluation(classes, 40, f1 + 0.01, f1 + 0.02, f1 + 0.03, f1, 0.9111111111111111,
                0.7611111111111111, 0.8081081081081081, perClass, confusion);
    }

    public static RunOutcome outcome(double f1) {
        Map<String, Object> effective = new LinkedHashMap<>();
        effective.put("n_estimators", 200);
        effective.put("random_state", 42L);
        effective.put("max_depth", 12);
        effective.put("features_per_split", 4);
        effective.put("subsample", 1.0);
        effective.put("bootstrap", true);
        return new RunOutcome(evaluation(f1), 12.345678, "c0ffee".repeat(10) + "abcd", effective);
    }

    private String nextVersion() {
        return "v" + counter.incrementAndGet();
    }

    private TrainingRun started(String version, Instant at) {
        return repo.start(spec(version, at, "smile", SHA_A));
    }

    // ---------------------------------------------------------------- comparison

    protected static void assertSameSpec(RunSpec expected, RunSpec actual) {
        assertEquals(GroveJson.compact(expected.params()), GroveJson.compact(actual.params()), "params (as JSON)");
        assertEquals(GroveJson.compact(expected.readOptions()), GroveJson.compact(actual.readOptions()),
                "read options (as JSON)");
        assertEquals(withParams(expected, Map.of()), withParams(actual, Map.of()));
        assertEquals(List.copyOf(expected.featureTypes().keySet()), List.copyOf(actual.featureTypes().keySet()),
                "feature type order");
        assertEquals(List.copyOf(expected.classDistribution().keySet()), List.copyOf(actual.classDistribution().keySet()),
                "class distribution order");
    }

    private static RunSpec withParams(RunSpec s, Map<String, Object> params) {
        return new RunSpec(s.uuid(), s.modelName(), s.modelVersion(), s.startedAt(), s.trainerName(), s.trainerVersion(), params,
                s.nEstimators(), s.randomState(), s.testSplit(), s.datasetPath(), s.datasetSha256(), Map.of(),
                s.labelColumn(), s.totalSamples(), s.trainSamples(), s.testSamples(), s.classDistribution(),
                s.imbalanceRatio(), s.featuresUsed(), s.featureTypes(), s.modelPath(), s.trainedBy(), s.host(), s.pid(), s.jvm(),
                s.notes(), s.reproduces(), s.referenceProfile());
    }

    protected static void assertSameEvaluation(Evaluation e, Evaluation a) {
        assertEquals(e.classes(), a.classes());
        assertEquals(e.samples(), a.samples());
        assertEquals(e.accuracy(), a.accuracy());
        assertEquals(e.precisionWeighted(), a.precisionWeighted());
        assertEquals(e.recallWeighted(), a.recallWeighted());
        assertEquals(e.f1Weighted(), a.f1Weighted());
        assertEquals(e.precisionMacro(), a.precisionMacro());
        assertEquals(e.recallMacro(), a.recallMacro());
        assertEquals(e.f1Macro(), a.f1Macro());
        assertEquals(e.perClass(), a.perClass());
        assertArrayEquals(e.confusion(), a.confusion());
    }

    protected static void assertSameOutcome(RunOutcome e, RunOutcome a) {
        assertSameEvaluation(e.evaluation(), a.evaluation());
        assertEquals(e.trainingSeconds(), a.trainingSeconds());
        assertEquals(e.modelSha256(), a.modelSha256());
        assertEquals(GroveJson.compact(e.params()), GroveJson.compact(a.params()), "effective params (as JSON)");
    }

    protected static void assertSameRun(TrainingRun e, TrainingRun a) {
        assertEquals(e.id(), a.id());
        assertEquals(e.status(), a.status());
        assertSameSpec(e.spec(), a.spec());
        assertEquals(e.heartbeatAt(), a.heartbeatAt(), "heartbeat");
        assertEquals(e.finishedAt(), a.finishedAt());
        assertEquals(e.error(), a.error());
        assertEquals(e.outcome().isPresent(), a.outcome().isPresent(), "outcome present");
        e.outcome().ifPresent(o -> assertSameOutcome(o, a.outcome().orElseThrow()));
    }

    private static List<Long> ids(List<TrainingRun> runs) {
        return runs.stream().map(TrainingRun::id).toList();
    }

    // ---------------------------------------------------------------- round trips

    @Test
    void startRecordsEveryFieldOfTheSpec() {
        RunSpec spec = spec("2026-03-01_10-00-00", T0, "smile", SHA_A);
        TrainingRun run = repo.start(spec);
        assertEquals(RunStatus.RUNNING, run.status());
        assertTrue(run.id() > 0);
        assertEquals(Optional.empty(), run.finishedAt());
        assertEquals(Optional.empty(), run.outcome());
        assertEquals(Optional.empty(), run.error());
        assertSameSpec(spec, run.spec());

        for (Optional<TrainingRun> found : List.of(repo.findById(run.id()), repo.findByUuid(spec.uuid()),
                repo.findByModelVersion(spec.modelVersion()))) {
            assertSameRun(run, found.orElseThrow());
        }
        assertFalse(repo.location().isBlank());
    }

    /** Runs of older releases, and trainings that computed no profile, come back without one. */
    @Test
    void aRunWithoutAReferenceProfileComesBackWithoutOne() {
        RunSpec s = spec("no-profile", T0, "smile", SHA_A);
        RunSpec bare = new RunSpec(s.uuid(), s.modelName(), s.modelVersion(), s.startedAt(), s.trainerName(),
                s.trainerVersion(), s.params(), s.nEstimators(), s.randomState(), s.testSplit(), s.datasetPath(),
                s.datasetSha256(), s.readOptions(), s.labelColumn(), s.totalSamples(), s.trainSamples(), s.testSamples(),
                s.classDistribution(), s.imbalanceRatio(), s.featuresUsed(), s.featureTypes(), s.modelPath(), s.trainedBy(),
                s.host(), s.pid(), s.jvm(), s.notes(), s.reproduces(), Optional.empty());
        TrainingRun run = repo.start(bare);
        assertEquals(Optional.empty(), run.spec().referenceProfile());
        assertSameSpec(bare, repo.findById(run.id()).orElseThrow().spec());
    }

    @Test
    void succeededRunKeepsTheWholeOutcome() {
        TrainingRun run = started("ok", T0);
        RunOutcome outcome = outcome(0.87);
        Instant end = T0.plusSeconds(13).plusMillis(456);
        TrainingRun done = repo.succeed(run.id(), outcome, end);
        assertEquals(RunStatus.SUCCEEDED, done.status());
        assertEquals(Optional.of(end), done.finishedAt());
        assertEquals(Optional.empty(), done.error());
        assertSameOutcome(outcome, done.outcome().orElseThrow());
        assertSameSpec(run.spec(), done.spec());
        assertSameRun(done, repo.findById(run.id()).orElseThrow());
        assertSameRun(done, repo.findByUuid(run.spec().uuid()).orElseThrow());
        assertEquals(Optional.of(java.time.Duration.ofMillis(13_456)), repo.findById(run.id()).orElseThrow().wallTime());
        assertEquals(GroveJson.compact(outcome.params()),
                GroveJson.compact(repo.findById(run.id()).orElseThrow().params()), "a succeeded run reports effective params");
    }

    @Test
    void failedAndInterruptedRunsKeepTheirError() {
        TrainingRun a = started("fails", T0);
        TrainingRun b = started("dies", T0.plusSeconds(1));
        TrainingRun failed = repo.fail(a.id(), "java.lang.OutOfMemoryError: Java heap space", T0.plusSeconds(5));
        TrainingRun interrupted = repo.interrupt(b.id(), "process 123 on host ended", T0.plusSeconds(6));
        assertEquals(RunStatus.FAILED, failed.status());
        assertEquals(Optional.of("java.lang.OutOfMemoryError: Java heap space"), failed.error());
        assertEquals(Optional.empty(), failed.outcome());
        assertEquals(RunStatus.INTERRUPTED, interrupted.status());
        assertEquals(Optional.of("process 123 on host ended"), interrupted.error());
        assertEquals(Optional.of(T0.plusSeconds(6)), interrupted.finishedAt());
        assertSameRun(failed, repo.findById(a.id()).orElseThrow());
        assertSameRun(interrupted, repo.findById(b.id()).orElseThrow());
        assertSameSpec(a.spec(), failed.spec());
    }

    @Test
    void aFinishedRunIsNeverRewritten() {
        TrainingRun run = started("once", T0);
        TrainingRun done = repo.succeed(run.id(), outcome(0.8), T0.plusSeconds(1));
        RunStoreException e1 = assertThrows(RunStoreException.class, () -> repo.fail(run.id(), "late", T0.plusSeconds(2)));
        assertTrue(e1.getMessage().contains("not RUNNING"), e1.getMessage());
        assertThrows(RunStoreException.class, () -> repo.succeed(run.id(), outcome(0.99), T0.plusSeconds(3)));
        assertThrows(RunStoreException.class, () -> repo.interrupt(run.id(), "late", T0.plusSeconds(4)));
        assertSameRun(done, repo.findById(run.id()).orElseThrow());

        TrainingRun other = started("failed-once", T0);
        TrainingRun failed = repo.fail(other.id(), "boom", T0.plusSeconds(1));
        assertThrows(RunStoreException.class, () -> repo.succeed(other.id(), outcome(0.9), T0.plusSeconds(2)));
        assertSameRun(failed, repo.findById(other.id()).orElseThrow());
    }

    @Test
    void finishingAnUnknownRunFails() {
        assertThrows(RunStoreException.class, () -> repo.succeed(4242, outcome(0.5), T0));
        assertThrows(RunStoreException.class, () -> repo.fail(4242, "x", T0));
    }

    @Test
    void lookupsOfMissingRunsAreEmpty() {
        started("present", T0);
        assertEquals(Optional.empty(), repo.findById(987654));
        assertEquals(Optional.empty(), repo.findByUuid(UUID.randomUUID()));
        assertEquals(Optional.empty(), repo.findByModelVersion("absent"));
    }

    @Test
    void modelVersionsAreUnique() {
        TrainingRun first = started("v1", T0);
        DuplicateModelVersionException e = assertThrows(DuplicateModelVersionException.class,
                () -> repo.start(spec("v1", T0.plusSeconds(1), "tribuo", SHA_B)));
        assertEquals("v1", e.modelVersion());
        assertEquals(1, repo.list(RunQuery.all()).size());
        assertSameRun(first, repo.findByModelVersion("v1").orElseThrow());
        // a failed run keeps its version too
        repo.fail(first.id(), "boom", T0.plusSeconds(2));
        assertThrows(DuplicateModelVersionException.class, () -> started("v1", T0.plusSeconds(3)));
        // and the repository still works afterwards
        assertEquals("v2", started("v2", T0.plusSeconds(4)).modelVersion());
    }

    // ---------------------------------------------------------------- listing

    /** Runs with every status, several trainers, datasets, equal times and equal metrics (for ties). */
    private List<TrainingRun> mixedRuns() {
        List<TrainingRun> runs = new ArrayList<>();
        String[] trainers = {"smile", "tribuo", "smile", "custom"};
        double[] f1 = {0.70, 0.91, 0.80, 0.91, 0.65, 0.80, 0.99};
        for (int i = 0; i < 14; i++) {
            Instant at = T0.plusSeconds(60L * (i / 2)); // pairs share a start time
            String sha = i % 3 == 0 ? SHA_B : SHA_A;
            TrainingRun r = repo.start(spec(String.format("2026.%02d-%s", 14 - i, i % 2 == 0 ? "a" : "B"), at,
                    trainers[i % trainers.length], sha));
            switch (i % 4) {
                case 0, 1 -> r = repo.succeed(r.id(), outcome(f1[i % f1.length]), at.plusSeconds(30 - i));
                case 2 -> r = repo.fail(r.id(), "boom " + i, at.plusSeconds(5));
                default -> {
                    if (i % 8 == 7) {
                        r = repo.interrupt(r.id(), "gone", at.plusSeconds(7));
                    }
                }
            }
            runs.add(r);
        }
        return runs;
    }

    @ParameterizedTest
    @EnumSource(RunField.class)
    void ordersByEveryFieldAsRunOrderingDoes(RunField field) {
        List<TrainingRun> runs = mixedRuns();
        for (boolean desc : new boolean[] {true, false}) {
            List<Long> expected = ids(runs.stream().sorted(RunOrdering.comparator(field, desc)).toList());
            assertEquals(expected, ids(repo.list(RunQuery.all().orderBy(field, desc))), field + (desc ? " desc" : " asc"));
        }
    }

    @Test
    void defaultOrderIsNewestFirstWithTiesByIdDescending() {
        List<TrainingRun> runs = mixedRuns();
        List<Long> expected = ids(runs.stream()
                .sorted(Comparator.comparing((TrainingRun r) -> r.spec().startedAt()).thenComparing(TrainingRun::id)
                        .reversed()).toList());
        assertEquals(expected, ids(repo.list(RunQuery.all())));
    }

    @Test
    void filtersByStatusTrainerDatasetAndDates() {
        List<TrainingRun> runs = mixedRuns();
        for (RunStatus s : RunStatus.values()) {
            assertEquals(runs.stream().filter(r -> r.status() == s).map(TrainingRun::id).sorted().toList(),
                    ids(repo.list(RunQuery.all().withStatus(s).orderBy(RunField.ID, false))), s.name());
        }
        assertEquals(runs.stream().filter(r -> r.spec().trainerName().equals("tribuo")).map(TrainingRun::id).sorted().toList(),
                ids(repo.list(RunQuery.all().withTrainer("tribuo").orderBy(RunField.ID, false))));
        assertEquals(List.of(), repo.list(RunQuery.all().withTrainer("Smile")), "trainer match is exact");
        assertEquals(runs.stream().filter(r -> r.spec().datasetSha256().equals(SHA_B)).map(TrainingRun::id).sorted().toList(),
                ids(repo.list(RunQuery.all().withDatasetSha256(SHA_B).orderBy(RunField.ID, false))));

        Instant from = T0.plusSeconds(120);
        Instant to = T0.plusSeconds(300);
        List<Long> inRange = runs.stream()
                .filter(r -> !r.spec().startedAt().isBefore(from) && r.spec().startedAt().isBefore(to))
                .map(TrainingRun::id).sorted().toList();
        assertEquals(6, inRange.size(), "from is inclusive, to exclusive");
        assertEquals(inRange, ids(repo.list(RunQuery.all().withFrom(from).withTo(to).orderBy(RunField.ID, false))));
        assertEquals(inRange, ids(repo.list(RunQuery.all().withFrom(from.minusNanos(1)).withTo(to.minusNanos(1))
                .orderBy(RunField.ID, false))), "bounds below a millisecond");

        List<Long> combined = runs.stream()
                .filter(r -> r.status() == RunStatus.SUCCEEDED && r.spec().trainerName().equals("smile")
                        && r.spec().datasetSha256().equals(SHA_A) && !r.spec().startedAt().isBefore(T0.plusSeconds(60)))
                .map(TrainingRun::id).sorted().toList();
        assertEquals(combined, ids(repo.list(RunQuery.all().withStatus(RunStatus.SUCCEEDED).withTrainer("smile")
                .withDatasetSha256(SHA_A).withFrom(T0.plusSeconds(60)).orderBy(RunField.ID, false))));
    }

    @Test
    void versionPatternsMatchLiterallyExceptStar() {
        List<String> versions = List.of("2026-01-a", "2026-02-b", "2027-01-a", "v1_0", "v1x0", "v1%0", "V1_0",
                "rel?1", "rel[1]", "relA1", "x*y");
        for (int i = 0; i < versions.size(); i++) {
            started(versions.get(i), T0.plusSeconds(i));
        }
        for (String pattern : List.of("2026-*", "*-a", "2026-0*-b", "*", "v1_0", "v1%0", "v1*0", "V1*", "rel?1",
                "rel[1]", "rel*1*", "x*y", "nothing*", "2026")) {
            List<String> expected = versions.stream().filter(v -> RunQuery.matchesPattern(pattern, v)).sorted().toList();
            List<String> actual = repo.list(RunQuery.all().withVersionPattern(pattern).orderBy(RunField.MODEL_VERSION, false))
                    .stream().map(TrainingRun::modelVersion).toList();
            assertEquals(expected, actual, "pattern " + pattern);
        }
    }

    @Test
    void pagesWithLimitAndOffset() {
        List<TrainingRun> runs = mixedRuns();
        List<Long> all = ids(repo.list(RunQuery.all().orderBy(RunField.F1, true)));
        assertEquals(runs.size(), all.size());
        List<Long> paged = new ArrayList<>();
        for (int offset = 0; offset < all.size(); offset += 4) {
            List<TrainingRun> page = repo.list(RunQuery.all().orderBy(RunField.F1, true).withLimit(4).withOffset(offset));
            assertTrue(page.size() <= 4);
            paged.addAll(ids(page));
        }
        assertEquals(all, paged);
        assertEquals(List.of(), repo.list(RunQuery.all().withLimit(0)));
        assertEquals(List.of(), repo.list(RunQuery.all().withOffset(all.size())));
        assertEquals(all.subList(3, all.size()), ids(repo.list(RunQuery.all().orderBy(RunField.F1, true).withOffset(3))));
        assertEquals(all.subList(0, 5), ids(repo.list(RunQuery.all().orderBy(RunField.F1, true).withLimit(5))));
    }

    // ---------------------------------------------------------------- best and latest

    @Test
    void bestRunByEachMetric() {
        assertEquals(Optional.empty(), repo.best(RunField.F1, RunQuery.all()));
        List<TrainingRun> runs = mixedRuns();
        for (RunField metric : List.of(RunField.ACCURACY, RunField.PRECISION, RunField.RECALL, RunField.F1)) {
            TrainingRun expected = runs.stream().filter(r -> r.status() == RunStatus.SUCCEEDED)
                    .sorted(RunOrdering.comparator(metric, true)).findFirst().orElseThrow();
            assertSameRun(expected, repo.best(metric, RunQuery.all()).orElseThrow());
        }
        TrainingRun bestTribuo = runs.stream()
                .filter(r -> r.status() == RunStatus.SUCCEEDED && r.spec().trainerName().equals("tribuo"))
                .sorted(RunOrdering.comparator(RunField.F1, true)).findFirst().orElseThrow();
        assertEquals(bestTribuo.id(), repo.best(RunField.F1, RunQuery.all().withTrainer("tribuo")).orElseThrow().id());
        assertEquals(Optional.empty(), repo.best(RunField.F1, RunQuery.all().withTrainer("nobody")));
        dev.grove.InvalidRequestException notMetric = assertThrows(dev.grove.InvalidRequestException.class,
                () -> repo.best(RunField.STARTED_AT, RunQuery.all()));
        assertEquals("'started-at' is not a metric, so there is no best run by it; use one of: accuracy, precision, "
                + "recall, f1", notMetric.getMessage());
    }

    @Test
    void bestBreaksTiesTowardsTheNewestId() {
        TrainingRun a = started("tie-a", T0);
        TrainingRun b = started("tie-b", T0.plusSeconds(1));
        repo.succeed(a.id(), outcome(0.9), T0.plusSeconds(2));
        repo.succeed(b.id(), outcome(0.9), T0.plusSeconds(3));
        assertEquals(b.id(), repo.best(RunField.F1, RunQuery.all()).orElseThrow().id());
    }

    @Test
    void latestSucceededRunOfADataset() {
        assertEquals(Optional.empty(), repo.latestSucceeded(SHA_A));
        TrainingRun old = repo.start(spec(nextVersion(), T0, "smile", SHA_A));
        repo.succeed(old.id(), outcome(0.9), T0.plusSeconds(10));
        TrainingRun newer = repo.start(spec(nextVersion(), T0.plusSeconds(100), "tribuo", SHA_A));
        TrainingRun newerDone = repo.succeed(newer.id(), outcome(0.7), T0.plusSeconds(110));
        TrainingRun failed = repo.start(spec(nextVersion(), T0.plusSeconds(200), "smile", SHA_A));
        repo.fail(failed.id(), "boom", T0.plusSeconds(201));
        repo.start(spec(nextVersion(), T0.plusSeconds(300), "smile", SHA_A)); // still RUNNING
        TrainingRun otherData = repo.start(spec(nextVersion(), T0.plusSeconds(400), "smile", SHA_B));
        repo.succeed(otherData.id(), outcome(0.95), T0.plusSeconds(401));

        assertSameRun(newerDone, repo.latestSucceeded(SHA_A).orElseThrow());
        assertEquals(otherData.id(), repo.latestSucceeded(SHA_B).orElseThrow().id());
        assertEquals(Optional.empty(), repo.latestSucceeded("c".repeat(64)));
    }

    // ---------------------------------------------------------------- heartbeats and stale runs

    @Test
    void aRunStartsWithItsStartAsHeartbeatAndHeartbeatsMoveIt() {
        TrainingRun r = started(nextVersion(), T0);
        assertEquals(T0, r.heartbeatAt());
        assertTrue(repo.heartbeat(r.id(), T0.plusSeconds(30)));
        TrainingRun beaten = repo.findById(r.id()).orElseThrow();
        assertEquals(T0.plusSeconds(30), beaten.heartbeatAt());
        assertEquals(RunStatus.RUNNING, beaten.status());
        assertSameSpec(r.spec(), beaten.spec());
    }

    @Test
    void aHeartbeatForAFinishedRunSaysSoAndChangesNothing() {
        TrainingRun r = started(nextVersion(), T0);
        TrainingRun done = repo.succeed(r.id(), outcome(0.8), T0.plusSeconds(5));
        assertFalse(repo.heartbeat(r.id(), T0.plusSeconds(10)));
        assertSameRun(done, repo.findById(r.id()).orElseThrow());
    }

    @Test
    void runsWhoseHeartbeatIsOlderThanTheTimeoutAreMarkedInterruptedWhateverTheirHost() {
        // Liveness is the heartbeat alone: host names and pids, even this process's own, decide nothing.
        RunHost self = RunHost.current();
        TrainingRun silent = repo.start(spec("silent", T0, "smile", SHA_A, self.host(), self.pid()));
        TrainingRun alive = repo.start(spec("alive", T0, "smile", SHA_A, self.host(), self.pid()));
        TrainingRun elsewhere = repo.start(spec("elsewhere", T0, "smile", SHA_A, "another-host.invalid", 1));
        TrainingRun finished = repo.start(spec("finished", T0, "smile", SHA_A, "another-host.invalid", 1));
        TrainingRun finishedDone = repo.succeed(finished.id(), outcome(0.9), T0.plusSeconds(4));
        assertTrue(repo.heartbeat(alive.id(), T0.plusSeconds(100)));
        assertTrue(repo.heartbeat(elsewhere.id(), T0.plusSeconds(90)));

        Instant now = T0.plusSeconds(130);
        List<TrainingRun> marked = StaleRuns.markInterrupted(repo, java.time.Duration.ofSeconds(60),
                Clock.fixed(now, ZoneOffset.UTC));

        assertEquals(List.of(silent.id()), ids(marked));
        TrainingRun s1 = repo.findById(silent.id()).orElseThrow();
        assertEquals(RunStatus.INTERRUPTED, s1.status());
        assertEquals(Optional.of(now), s1.finishedAt());
        String why = s1.error().orElseThrow();
        assertTrue(why.contains("no heartbeat") && why.contains(T0.toString()) && why.contains("pid " + self.pid()), why);
        assertEquals(RunStatus.RUNNING, repo.findById(alive.id()).orElseThrow().status());
        assertEquals(RunStatus.RUNNING, repo.findById(elsewhere.id()).orElseThrow().status());
        assertSameRun(finishedDone, repo.findById(finished.id()).orElseThrow());
        assertEquals(List.of(), StaleRuns.markInterrupted(repo, java.time.Duration.ofSeconds(60),
                Clock.fixed(now, ZoneOffset.UTC)), "idempotent");
        assertFalse(repo.heartbeat(silent.id(), now.plusSeconds(1)), "the interrupted run's process learns it lost");
    }

    @Test
    void interruptIfStaleLosesToAFresherHeartbeat() {
        TrainingRun r = started(nextVersion(), T0);
        assertTrue(repo.heartbeat(r.id(), T0.plusSeconds(50)));
        assertEquals(Optional.empty(), repo.interruptIfStale(r.id(), T0.plusSeconds(50), "stale", T0.plusSeconds(60)),
                "a heartbeat exactly at the cutoff is not stale");
        assertEquals(RunStatus.RUNNING, repo.findById(r.id()).orElseThrow().status());
        TrainingRun moved = repo.interruptIfStale(r.id(), T0.plusSeconds(51), "stale", T0.plusSeconds(61)).orElseThrow();
        assertEquals(RunStatus.INTERRUPTED, moved.status());
        assertEquals(Optional.of("stale"), moved.error());
        assertEquals(Optional.empty(), repo.interruptIfStale(r.id(), T0.plusSeconds(999), "again", T0.plusSeconds(70)),
                "a finished run is never rewritten");
    }

    @Test
    void closingTheStoreInterruptsTheRunsThisHandleStartedAndNothingElse() {
        TrainingRun running = started(nextVersion(), T0);
        TrainingRun done = repo.succeed(started(nextVersion(), T0).id(), outcome(0.7), T0.plusSeconds(1));
        TrainingRun markedElsewhere = started(nextVersion(), T0);
        RunRepository other = reopen();
        TrainingRun othersRun = null;
        TrainingRun markedDone = null;
        if (other != null) {
            othersRun = other.start(spec(nextVersion(), T0, "smile", SHA_A));
            markedDone = other.interrupt(markedElsewhere.id(), "marked by another process", T0.plusSeconds(2));
        }
        repo.close();
        repo.close(); // a second close does nothing
        assertThrows(dev.grove.RunStoreClosedException.class, () -> repo.heartbeat(running.id(), T0.plusSeconds(2)));
        assertThrows(dev.grove.RunStoreClosedException.class, () -> repo.start(spec(nextVersion(), T0, "smile", SHA_A)));
        repo = other;
        if (other != null) {
            TrainingRun r = other.findById(running.id()).orElseThrow();
            assertEquals(RunStatus.INTERRUPTED, r.status());
            assertEquals(Optional.of(RunRepository.CLOSED_WHILE_RUNNING), r.error());
            assertSameRun(done, other.findById(done.id()).orElseThrow());
            assertSameRun(markedDone, other.findById(markedElsewhere.id()).orElseThrow());
            assertEquals(RunStatus.RUNNING, other.findById(othersRun.id()).orElseThrow().status(),
                    "a run another handle started is left alone");
        }
    }

    // ---------------------------------------------------------------- concurrency

    @Test
    void concurrentWritersAllRecordTheirRuns() throws Exception {
        int threads = 4;
        int perThread = 10;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<List<Long>>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    List<Long> mine = new ArrayList<>();
                    for (int i = 0; i < perThread; i++) {
                        Instant at = T0.plusMillis(thread * 1000L + i);
                        TrainingRun r = repo.start(spec("t" + thread + "-" + i, at, "smile", SHA_A));
                        if (i % 3 == 0) {
                            repo.fail(r.id(), "boom", at.plusMillis(1));
                        } else {
                            repo.succeed(r.id(), outcome(0.5 + i / 100.0), at.plusMillis(1));
                        }
                        repo.list(RunQuery.all().withLimit(3));
                        mine.add(r.id());
                    }
                    return mine;
                }));
            }
            Set<Long> ids = new HashSet<>();
            for (Future<List<Long>> f : futures) {
                ids.addAll(f.get(120, TimeUnit.SECONDS));
            }
            assertEquals(threads * perThread, ids.size(), "distinct ids");
        } finally {
            pool.shutdownNow();
        }
        List<TrainingRun> all = repo.list(RunQuery.all());
        assertEquals(threads * perThread, all.size());
        assertEquals(0, all.stream().filter(r -> r.status() == RunStatus.RUNNING).count());
        for (int t = 0; t < threads; t++) {
            for (int i = 0; i < perThread; i++) {
                assertTrue(repo.findByModelVersion("t" + t + "-" + i).isPresent());
            }
        }
    }

    @Test
    void instantsRoundTripAtMillisecondPrecision() {
        Instant odd = Instant.parse("1999-12-31T23:59:59.999Z");
        TrainingRun r = started("y2k", odd);
        assertEquals(odd, repo.findById(r.id()).orElseThrow().spec().startedAt());
        Instant end = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        assertEquals(Optional.of(end), repo.succeed(r.id(), outcome(0.5), end).finishedAt());
        assertNotEquals(0, r.id());
    }
}
