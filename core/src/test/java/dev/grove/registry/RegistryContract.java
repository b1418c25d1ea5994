package dev.grove.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.grove.AliasConflictException;
import dev.grove.run.RunQuery;
import dev.grove.run.RunRepository;
import dev.grove.run.RunRepositoryContract;
import dev.grove.run.RunSpec;
import dev.grove.run.TrainingRun;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every store's {@link ModelRegistry} must do: aliases moved only by compare-and-set, each
 * move and refusal appended to a history that is never rewritten, models listed by name. Extend it
 * and return a fresh, empty store from {@link #newRepository()}.
 */
public abstract class RegistryContract {
    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00.123456Z");

    protected abstract RunRepository newRepository();

    protected RunRepository repo;
    protected ModelRegistry registry;

    @BeforeEach
    void open() {
        repo = newRepository();
        registry = repo.registry();
    }

    @AfterEach
    void close() {
        repo.close();
    }

    private TrainingRun succeeded(String model, String version) {
        RunSpec s = RunRepositoryContract.spec(version, T0, "smile", "a".repeat(64));
        RunSpec named = new RunSpec(s.uuid(), model, s.modelVersion(), s.startedAt(), s.trainerName(), s.trainerVersion(),
                s.params(), s.nEstimators(), s.randomState(), s.testSplit(), s.datasetPath(), s.datasetSha256(),
                s.readOptions(), s.labelColumn(), s.totalSamples(), s.trainSamples(), s.testSamples(),
                s.classDistribution(), s.imbalanceRatio(), s.featuresUsed(), s.featureTypes(), s.modelPath(),
                s.trainedBy(), s.host(), s.pid(), s.jvm(), s.notes(), OptionalLong.empty(), s.referenceProfile());
        TrainingRun r = repo.start(named);
        return repo.succeed(r.id(), RunRepositoryContract.outcome(0.8), T0.plusSeconds(1));
    }

    private static AliasChange change(String model, String alias, AliasAction action, String from, String to,
                                      Optional<GateScores> gate, int second) {
        return new AliasChange(0, model, alias, action, Optional.ofNullable(from), Optional.ofNullable(to), "ana",
                T0.plusSeconds(second), "because " + action, gate);
    }

    @Test
    void aliasesAreSetMovedAndDeletedWithAHistoryOldestFirst() {
        TrainingRun v1 = succeeded("skills", "v1");
        TrainingRun v2 = succeeded("skills", "v2");
        GateScores scores = new GateScores("f1_score", 0.81, OptionalDouble.of(0.79), 0.005, 80, "b".repeat(64));

        AliasChange set = registry.changeAlias("skills", "production", Optional.empty(), Optional.of(v1),
                change("skills", "production", AliasAction.SET, null, "v1", Optional.empty(), 10));
        assertTrue(set.id() > 0);
        Alias now = registry.alias("skills", "production").orElseThrow();
        assertEquals(new Alias("skills", "production", "v1", v1.id(), T0.plusSeconds(10), "ana"), now);

        AliasChange promoted = registry.changeAlias("skills", "production", Optional.of("v1"), Optional.of(v2),
                change("skills", "production", AliasAction.PROMOTE, "v1", "v2", Optional.of(scores), 20));
        assertEquals("v2", registry.alias("skills", "production").orElseThrow().version());
        AliasChange deleted = registry.changeAlias("skills", "production", Optional.of("v2"), Optional.empty(),
                change("skills", "production", AliasAction.DELETE, "v2", null, Optional.empty(), 30));
        assertEquals(Optional.empty(), registry.alias("skills", "production"));

        List<AliasChange> history = registry.history("skills");
        assertEquals(List.of(set, promoted, deleted), history);
        assertTrue(set.id() < promoted.id() && promoted.id() < deleted.id());
        assertEquals(Optional.of(scores), history.get(1).gate());
        assertEquals(Optional.of("v1"), history.get(1).fromVersion());
    }

    @Test
    void aMoveThatExpectsAnotherVersionChangesNothing() {
        TrainingRun v1 = succeeded("skills", "v1");
        TrainingRun v2 = succeeded("skills", "v2");
        registry.changeAlias("skills", "prod", Optional.empty(), Optional.of(v1),
                change("skills", "prod", AliasAction.SET, null, "v1", Optional.empty(), 1));
        assertThrows(AliasConflictException.class, () -> registry.changeAlias("skills", "prod", Optional.of("v2"),
                Optional.of(v2), change("skills", "prod", AliasAction.SET, "v2", "v2", Optional.empty(), 2)));
        assertThrows(AliasConflictException.class, () -> registry.changeAlias("skills", "prod", Optional.empty(),
                Optional.of(v2), change("skills", "prod", AliasAction.SET, null, "v2", Optional.empty(), 3)),
                "the alias exists: a move that expects none must fail");
        assertEquals("v1", registry.alias("skills", "prod").orElseThrow().version());
        assertEquals(1, registry.history("skills").size(), "no history row for a move that did not happen");
    }

    @Test
    void aRefusalIsRecordedAndMovesNothing() {
        TrainingRun v1 = succeeded("skills", "v1");
        succeeded("skills", "v2");
        registry.changeAlias("skills", "prod", Optional.empty(), Optional.of(v1),
                change("skills", "prod", AliasAction.SET, null, "v1", Optional.empty(), 1));
        GateScores worse = new GateScores("accuracy", 0.5, OptionalDouble.of(0.8), 0.0, 30, "c".repeat(64));
        AliasChange refused = registry.recordRefusal(change("skills", "prod", AliasAction.REFUSE, "v1", "v2",
                Optional.of(worse), 2));
        assertEquals("v1", registry.alias("skills", "prod").orElseThrow().version());
        assertEquals(refused, registry.history("skills").get(1));
        GateScores noChampion = new GateScores("f1_score", 0.7, OptionalDouble.empty(), 0.01, 30, "c".repeat(64));
        AliasChange first = registry.recordRefusal(change("skills", "other", AliasAction.REFUSE, null, "v2",
                Optional.of(noChampion), 3));
        assertEquals(Optional.of(noChampion), registry.history("skills").get(2).gate());
        assertEquals(first, registry.history("skills").get(2));
    }

    @Test
    void modelsAreListedByNameAndRunsFilteredByModel() {
        succeeded("skills", "s1");
        succeeded("churn", "c1");
        succeeded("skills", "s2");
        assertEquals(List.of("churn", "skills"), registry.modelNames());
        assertEquals(List.of("s2", "s1"), repo.list(RunQuery.all().withModelName("skills")).stream()
                .map(TrainingRun::modelVersion).toList());
        assertEquals(List.of(), registry.aliases("skills"));
        assertEquals(List.of(), registry.history("nobody"));
    }

    @Test
    void aReproductionIsLinkedToTheRunItReproduces() {
        TrainingRun original = succeeded("skills", "v1");
        RunSpec s = original.spec();
        RunSpec repro = new RunSpec(UUID.randomUUID(), s.modelName(), "v1-repro-1", s.startedAt(), s.trainerName(),
                s.trainerVersion(), s.params(), s.nEstimators(), s.randomState(), s.testSplit(), s.datasetPath(),
                s.datasetSha256(), s.readOptions(), s.labelColumn(), s.totalSamples(), s.trainSamples(), s.testSamples(),
                s.classDistribution(), s.imbalanceRatio(), s.featuresUsed(), s.featureTypes(), s.modelPath() + "-2",
                s.trainedBy(), s.host(), s.pid(), s.jvm(), s.notes(), OptionalLong.of(original.id()),
                s.referenceProfile());
        long id = repo.start(repro).id();
        assertEquals(OptionalLong.of(original.id()), repo.findById(id).orElseThrow().spec().reproduces());
        assertEquals(OptionalLong.empty(), repo.findById(original.id()).orElseThrow().spec().reproduces());
    }

    @Test
    void concurrentMovesOfOneAliasHaveOneWinner() throws Exception {
        TrainingRun v1 = succeeded("skills", "v1");
        List<TrainingRun> challengers = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            challengers.add(succeeded("skills", "c" + i));
        }
        registry.changeAlias("skills", "prod", Optional.empty(), Optional.of(v1),
                change("skills", "prod", AliasAction.SET, null, "v1", Optional.empty(), 1));
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (TrainingRun c : challengers) {
                Callable<Boolean> move = () -> {
                    try {
                        registry.changeAlias("skills", "prod", Optional.of("v1"), Optional.of(c),
                                change("skills", "prod", AliasAction.PROMOTE, "v1", c.modelVersion(), Optional.empty(), 5));
                        return true;
                    } catch (AliasConflictException e) {
                        return false;
                    }
                };
                results.add(pool.submit(move));
            }
            int wins = 0;
            for (Future<Boolean> f : results) {
                wins += f.get(60, TimeUnit.SECONDS) ? 1 : 0;
            }
            assertEquals(1, wins);
        } finally {
            pool.shutdownNow();
        }
        List<AliasChange> history = registry.history("skills");
        assertEquals(2, history.size(), "the first set and the one winning move");
        assertEquals(history.get(1).toVersion().orElseThrow(), registry.alias("skills", "prod").orElseThrow().version());
    }
}
