package dev.grove.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.grove.Grove;
import dev.grove.GroveException;
import dev.grove.InvalidRequestException;
import dev.grove.NotFoundException;
import dev.grove.TrainingFailedException;
import dev.grove.TrainingRequest;
import dev.grove.TrainingResult;
import dev.grove.data.CsvOptions;
import dev.grove.data.CsvReader;
import dev.grove.data.Dataset;
import dev.grove.internal.PortableStratifiedSplit;
import dev.grove.internal.Split;
import dev.grove.run.InMemoryRunRepository;
import dev.grove.run.RunField;
import dev.grove.run.RunStatus;
import dev.grove.run.TrainingRun;
import dev.grove.testing.CentroidTrainer;
import dev.grove.testing.TestData;
import dev.grove.train.TrainerRegistry;
import dev.grove.train.TrainingParams;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The registry's rules through Grove, on the in-memory store (each store's own side is RegistryContract's). */
class ModelsTest {
    @TempDir
    Path dir;

    private InMemoryRunRepository runs;
    private Grove grove;
    private Models models;
    private Path skills;

    @BeforeEach
    void setUp() throws Exception {
        runs = new InMemoryRunRepository();
        grove = Grove.builder().trainers(TrainerRegistry.of(new CentroidTrainer())).runs(runs)
                .modelsDir(dir.resolve("models")).build();
        models = grove.models();
        skills = TestData.copy(TestData.FUTURE_SKILLS, dir);
    }

    private TrainingResult train(String version, String... features) {
        TrainingRequest r = TrainingRequest.of(skills).withModelVersion(version);
        if (features.length > 0) {
            r = r.withCsv(CsvOptions.defaults().withInclude(List.of(features)));
        }
        return grove.train(r);
    }

    private double f1(String version) {
        return runs.findByModelVersion(version).orElseThrow().outcome().orElseThrow().evaluation().f1Weighted();
    }

    @Test
    void aModelIsNamedAfterItsDatasetUnlessNamed() throws Exception {
        assertEquals("future_skills", train("a").run().spec().modelName());
        Path iris = TestData.copy(TestData.IRIS, dir);
        TrainingResult named = grove.train(TrainingRequest.of(iris).withModelName("flowers").withModelVersion("f1"));
        assertEquals("flowers", named.run().spec().modelName());
        assertEquals(List.of("flowers", "future_skills"), models.list().stream().map(ModelSummary::name).toList());
        assertEquals(List.of("a"), models.show("future_skills").runs().stream().map(TrainingRun::modelVersion).toList());
        assertEquals("iris", ModelNames.defaultFor(iris.toString()));
        assertEquals("my_data_2026", ModelNames.defaultFor("/x/my data 2026.tar.csv".replace(".tar", "")));
        assertEquals("iris", ModelNames.defaultFor("memory:iris"));
        assertEquals("skills", ModelNames.defaultFor("s3a://lake/warehouse/skills.parquet/"));
        assertEquals("skills", ModelNames.defaultFor("hdfs://nn:8020/warehouse/skills"));
        assertEquals("staff", ModelNames.defaultFor("jdbc:sqlite:/srv/app.db :: SELECT age, role FROM hr.staff ORDER BY id"));
        assertEquals("staff", ModelNames.defaultFor("jdbc:postgresql://db/x :: select * from \"staff\" s join t on 1=1"));
        assertEquals("model_2024", ModelNames.defaultFor("2024.csv"));
        assertThrows(InvalidRequestException.class, () -> grove.train(TrainingRequest.of(iris).withModelName("a@b")));
    }

    /** What a reference names but the store lacks is a NotFoundException (a server's 404); a malformed one is not. */
    @Test
    void somethingNamedButAbsentIsNotFoundWhileMalformedInputIsInvalid() {
        train("a");
        for (Executable absent : List.<Executable>of(() -> models.resolve("nope"), () -> models.resolve("99"),
                () -> models.resolve("future_skills@production"), () -> models.show("iris"),
                () -> models.deleteAlias("future_skills", "production", "me", ""),
                () -> models.rollback("nobody", "production", "me", ""))) {
            assertThrows(NotFoundException.class, absent);
        }
        InvalidRequestException malformed = assertThrows(InvalidRequestException.class, () -> models.show("a@b"));
        assertFalse(malformed instanceof NotFoundException);
        InvalidRequestException unknownVersion = assertThrows(InvalidRequestException.class,
                () -> models.setAlias("future_skills", "production", "b", "me", ""));
        assertFalse(unknownVersion instanceof NotFoundException, "a version named in a request body is a bad request");
    }

    @Test
    void theGateRefusesAWorseChallengerAndLetsABetterOneThroughThenRollbackRestores() {
        train("good");
        train("weak", "hiring_difficulty");
        train("best", "trend_score", "scarcity_index", "internal_usage", "training_requests", "hiring_difficulty",
                "avg_salary_k", "economic_indicator", "skill_name", "job_family");
        assertTrue(f1("weak") < f1("good"), "the one-feature model is worse: " + f1("weak") + " vs " + f1("good"));

        PromotionOutcome first = models.promote(Promotion.of("future_skills", "good", "production").by("ana", "first"));
        assertTrue(first.moved());
        assertEquals(AliasAction.PROMOTE, first.change().action());
        assertTrue(first.change().gate().orElseThrow().champion().isEmpty(), "no champion yet");
        assertEquals(f1("good"), first.change().gate().orElseThrow().challenger(), 1e-12,
                "the gate's score on the held-out rows is the run's own recorded F1");

        PromotionOutcome refused = models.promote(Promotion.of("future_skills", "weak", "production").by("bob", ""));
        assertFalse(refused.moved());
        assertEquals("good", models.alias("future_skills", "production").orElseThrow().version());
        GateScores g = refused.change().gate().orElseThrow();
        assertEquals(f1("weak"), g.challenger(), 1e-12);
        assertEquals(f1("good"), g.champion().getAsDouble(), 1e-12, "both scored on the same held-out rows");
        assertEquals(80, g.rows());
        assertTrue(refused.summary().startsWith("future_skills@production stays at good: the gate refused it"),
                refused.summary());

        PromotionOutcome forced = models.promote(Promotion.of("future_skills", "weak", "production").forced()
                .by("bob", "hotfix"));
        assertTrue(forced.moved());
        assertEquals(AliasAction.FORCE, forced.change().action());
        assertTrue(forced.change().reason().startsWith("hotfix; forced"), forced.change().reason());

        AliasChange back = models.rollback("future_skills", "production", "ana", "bad forced promotion");
        assertEquals(Optional.of("good"), back.toVersion());
        assertEquals("good", models.alias("future_skills", "production").orElseThrow().version());

        List<AliasAction> actions = models.history("future_skills").stream().map(AliasChange::action).toList();
        assertEquals(List.of(AliasAction.PROMOTE, AliasAction.REFUSE, AliasAction.FORCE, AliasAction.ROLLBACK), actions);
        assertFalse(refused.change().reason().contains("another split"), "same data, seed and split: a fair comparison");
        assertEquals("good", grove.loadModel("future_skills@production").sidecar().modelVersion(),
                "NAME@ALIAS names the alias's holder wherever a model is named");
    }

    @Test
    void theChampionsTrainingRowsAreLeftOutOfTheGateOrTheHistorySaysItIsFavoured() throws Exception {
        train("a");
        grove.train(TrainingRequest.of(skills).withModelVersion("b").withParams(TrainingParams.defaults().withRandomState(7)));
        models.setAlias("future_skills", "prod", "a", "ana", "");
        // Rebuilt here: b's held-out rows, and which of them were a's training rows (seed 42).
        Dataset d = CsvReader.readDataset(skills, CsvOptions.defaults());
        Split ofA = PortableStratifiedSplit.split(d.labels(), d.classes().size(), 0.2, 42);
        Split ofB = PortableStratifiedSplit.split(d.labels(), d.classes().size(), 0.2, 7);
        java.util.Set<Integer> trainedA = java.util.Arrays.stream(ofA.train()).boxed().collect(java.util.stream.Collectors.toSet());
        int[] fresh = java.util.Arrays.stream(ofB.test()).filter(r -> !trainedA.contains(r)).toArray();

        PromotionOutcome o = models.promote(Promotion.of("future_skills", "b", "prod"));
        GateScores g = o.change().gate().orElseThrow();
        assertEquals(fresh.length, g.rows(), "scored on b's held-out rows that a did not train on");
        assertTrue(o.change().reason().contains((ofB.test().length - fresh.length) + " of the " + ofB.test().length
                + " held-out rows were a's training rows and were left out"), o.change().reason());
        Dataset rows = d.select(fresh);
        assertEquals(dev.grove.internal.Scores.of(grove.loadModel("a"), rows, RunField.F1), g.champion().getAsDouble(), 1e-12);
        assertEquals(dev.grove.internal.Scores.of(grove.loadModel("b"), rows, RunField.F1), g.challenger(), 1e-12);

        // Without a's training rows beside its model, the gate scores on all and says a is favoured.
        models.setAlias("future_skills", "prod", "a", "ana", "back");
        Files.delete(dev.grove.internal.TrainingRows.fileOf(Path.of(runs.findByModelVersion("a").orElseThrow().spec()
                .modelPath())));
        PromotionOutcome blind = models.promote(Promotion.of("future_skills", "b", "prod"));
        assertEquals(ofB.test().length, blind.change().gate().orElseThrow().rows());
        assertTrue(blind.change().reason().contains("its training rows are not kept beside its model"),
                blind.change().reason());
    }

    @Test
    void theMinimumGainAndTheMetricAreTheGates() {
        train("a");
        train("b", "trend_score", "scarcity_index", "internal_usage", "training_requests", "hiring_difficulty",
                "avg_salary_k", "economic_indicator", "skill_name", "job_family");
        models.setAlias("future_skills", "prod", "a", "ana", "");
        double acc = runs.findByModelVersion("b").orElseThrow().outcome().orElseThrow().evaluation().accuracy();
        PromotionOutcome o = models.promote(Promotion.of("future_skills", "b", "prod").withMetric(RunField.ACCURACY)
                .withMinGain(1.0));
        assertFalse(o.moved(), "nothing beats by a whole point of accuracy");
        assertEquals("accuracy", o.change().gate().orElseThrow().metric());
        assertEquals(acc, o.change().gate().orElseThrow().challenger(), 1e-12);
        assertThrows(InvalidRequestException.class, () -> Promotion.of("future_skills", "b", "prod")
                .withMetric(RunField.STARTED_AT));
        assertThrows(InvalidRequestException.class, () -> Promotion.of("future_skills", "b", "prod").withMinGain(-0.1));
    }

    @Test
    void badRequestsChangeNothing() throws Exception {
        train("v1");
        train("v2");
        Path iris = TestData.copy(TestData.IRIS, dir);
        grove.train(TrainingRequest.of(iris).withModelVersion("iris-1"));
        assertThrows(TrainingFailedException.class, () -> grove.train(TrainingRequest.of(skills).withModelVersion("broken")
                .withParams(TrainingParams.defaults().withExtra("fail", "fit"))));
        models.setAlias("future_skills", "prod", "v1", "ana", "");
        int history = models.history("future_skills").size();

        assertRefused("no model named 'nope'", () -> models.promote(Promotion.of("nope", "v2", "prod")));
        assertRefused("has no alias 'staging'; its aliases are: prod", () -> models.rollback("future_skills", "staging",
                "a", ""));
        assertRefused("alias 'v2' is also a model version", () -> models.setAlias("future_skills", "v2", "v2", "a", ""));
        assertRefused("alias 'Prod!' must start with a lower-case letter", () -> models.setAlias("future_skills", "Prod!",
                "v2", "a", ""));
        assertRefused("version broken is FAILED, so it has no model", () -> models.promote(
                Promotion.of("future_skills", "broken", "prod")));
        assertRefused("version iris-1 belongs to model iris, not future_skills", () -> models.promote(
                Promotion.of("future_skills", "iris-1", "prod")));
        assertRefused("prod has no earlier version to roll back to", () -> models.rollback("future_skills", "prod", "a",
                ""));
        assertRefused("already points at v1", () -> models.promote(Promotion.of("future_skills", "v1", "prod")));

        // The challenger's dataset changed since: its held-out rows cannot be rebuilt.
        Files.writeString(skills, Files.readString(skills) + Files.readAllLines(skills).get(1) + "\n");
        assertRefused("changed since version v2 was trained", () -> models.promote(
                Promotion.of("future_skills", "v2", "prod")));
        // A model file deleted behind the store's back.
        Files.delete(Path.of(runs.findByModelVersion("v2").orElseThrow().spec().modelPath()));
        assertRefused("does not exist", () -> models.setAlias("future_skills", "prod", "v2", "a", ""));

        assertEquals("v1", models.alias("future_skills", "prod").orElseThrow().version());
        assertEquals(history, models.history("future_skills").size(), "no history row for any of them");
    }

    private static void assertRefused(String says, Executable call) {
        GroveException e = assertThrows(GroveException.class, call);
        assertTrue(e.getMessage().contains(says), e.getMessage());
    }

    @Test
    void aReproductionRetrainsFromTheRecordAndProvesIdentity() throws Exception {
        TrainingRun original = train("v1").run();
        Reproduction r = grove.reproduce("v1", "ci");
        assertTrue(r.identical(), r.differences().toString());
        TrainingRun again = r.reproduction().run();
        assertEquals(RunStatus.SUCCEEDED, again.status());
        assertEquals(java.util.OptionalLong.of(original.id()), again.spec().reproduces());
        assertEquals("v1-repro-1", again.modelVersion());
        assertEquals(original.outcome().orElseThrow().modelSha256(), again.outcome().orElseThrow().modelSha256());
        assertEquals("v1-repro-2", grove.reproduce("id:" + original.id(), "ci").reproduction().modelVersion());

        Files.writeString(skills, Files.readString(skills).replaceFirst("69.5", "69.6"));
        assertRefused("changed since run " + original.id() + " was trained", () -> grove.reproduce("v1", "ci"));
    }

    @Test
    void concurrentPromotionsOfOneAliasEndWithOneWinnerAndAHistoryRowEach() throws Exception {
        train("base", "hiring_difficulty");
        for (int i = 1; i <= 4; i++) {
            grove.train(TrainingRequest.of(skills).withModelVersion("c" + i)
                    .withParams(TrainingParams.defaults().withRandomState(i)));
        }
        models.setAlias("future_skills", "prod", "base", "ana", "");
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        List<java.util.concurrent.Future<PromotionOutcome>> outcomes = new java.util.ArrayList<>();
        java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
        for (int i = 1; i <= 4; i++) {
            String v = "c" + i;
            outcomes.add(pool.submit(() -> {
                go.await();
                return models.promote(Promotion.of("future_skills", v, "prod"));
            }));
        }
        go.countDown();
        int moved = 0;
        for (var f : outcomes) {
            moved += f.get(60, java.util.concurrent.TimeUnit.SECONDS).moved() ? 1 : 0;
        }
        pool.shutdown();
        List<AliasChange> history = models.history("future_skills");
        assertEquals(1 + 4, history.size(), "the first set, then one row per promotion");
        long promotions = history.stream().filter(c -> c.action() == AliasAction.PROMOTE).count();
        assertEquals(moved, promotions);
        assertTrue(moved >= 1, "the first to move it beats the one-feature base");
        AliasChange lastMove = history.stream().filter(c -> c.action() != AliasAction.REFUSE).reduce((a, b) -> b).orElseThrow();
        assertEquals(lastMove.toVersion().orElseThrow(), models.alias("future_skills", "prod").orElseThrow().version(),
                "the alias agrees with the history");
    }
}
