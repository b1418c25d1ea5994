package dev.grove.retrain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.grove.Grove;
import dev.grove.GroveException;
import dev.grove.TrainingRequest;
import dev.grove.data.CsvOptions;
import dev.grove.registry.AliasAction;
import dev.grove.registry.AliasChange;
import dev.grove.registry.Models;
import dev.grove.run.InMemoryRunRepository;
import dev.grove.run.RunField;
import dev.grove.run.TrainingRun;
import dev.grove.testing.CentroidTrainer;
import dev.grove.testing.CsvCopies;
import dev.grove.testing.SteppingClock;
import dev.grove.testing.TestData;
import dev.grove.testing.WaitingTrainer;
import dev.grove.run.RunQuery;
import dev.grove.run.RunStatus;
import dev.grove.train.TrainerRegistry;
import dev.grove.train.TrainingParams;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The retraining triggers and what follows them, through Grove on the in-memory store. */
class RetrainerTest {
    private static final String MODEL = "future_skills";

    @TempDir
    Path dir;

    private InMemoryRunRepository runs;
    private SteppingClock clock;
    private Grove grove;
    private Models models;
    private Path skills;

    @BeforeEach
    void setUp() {
        runs = new InMemoryRunRepository();
        clock = new SteppingClock(Instant.parse("2026-12-01T10:00:00Z"));
        grove = Grove.builder().trainers(TrainerRegistry.of(new CentroidTrainer())).runs(runs)
                .modelsDir(dir.resolve("models")).clock(clock).build();
        models = grove.models();
        skills = TestData.copy(TestData.FUTURE_SKILLS, dir);
    }

    /** v1 trained on the file as it is now, seed 7, and made production. */
    private TrainingRun production() {
        TrainingRun v1 = grove.train(TrainingRequest.of(skills).withModelVersion("v1")
                .withParams(TrainingParams.defaults().withRandomState(7)).withTestSplit(0.25)).run();
        models.setAlias(MODEL, "production", "v1", "ci", "first model");
        clock.advance(Duration.ofMinutes(1));
        return v1;
    }

    private TriggerEvaluation check(RetrainPolicy policy) {
        TriggerEvaluation e = grove.retrainer().check(MODEL, policy);
        clock.advance(Duration.ofMinutes(1));
        return e;
    }

    private String production(String model) {
        return models.alias(model, "production").orElseThrow().version();
    }

    @Test
    void unchangedRowsTrainNothingAndSaySo() {
        production();
        TriggerEvaluation e = check(RetrainPolicy.defaults().by("cron"));
        assertEquals(RetrainOutcome.UNCHANGED, e.outcome());
        assertEquals(List.of(), e.fired());
        assertTrue(e.reasons().get(0).startsWith("new data: none"), e.reasons().toString());
        assertEquals(1, runs.list(dev.grove.run.RunQuery.all()).size(), "nothing was trained");
        assertEquals(List.of(e), grove.runs().retraining().evaluations(MODEL), "the evaluation is in the history");
        assertTrue(e.id() > 0);
        assertEquals("cron", e.actor());
    }

    @Test
    void changedRowsTrainWithTheHoldersSettingsAndTheGatePromotesABetterModel() throws Exception {
        // v1 learnt from labels that were wrong; the application has fixed them since.
        Files.copy(skills, dir.resolve("fixed.csv"));
        CsvCopies.shuffleLabels(dir.resolve("fixed.csv"), 3, skills);
        TrainingRun v1 = production();
        Files.copy(dir.resolve("fixed.csv"), skills, java.nio.file.StandardCopyOption.REPLACE_EXISTING);

        TriggerEvaluation e = check(RetrainPolicy.defaults());
        assertEquals(RetrainOutcome.TRAINED, e.outcome(), e.reasons().toString());
        assertEquals(List.of("new-data"), e.fired());
        TrainingRun challenger = runs.findById(e.challenger().orElseThrow()).orElseThrow();
        assertEquals(MODEL, challenger.spec().modelName());
        assertEquals(v1.spec().randomState(), challenger.spec().randomState(), "the holder's seed");
        assertEquals(0.25, challenger.spec().testSplit(), "the holder's test split");
        assertEquals(v1.spec().trainerName(), challenger.spec().trainerName());
        assertEquals(v1.spec().datasetPath(), challenger.spec().datasetPath());
        assertEquals("retrained: new-data", challenger.spec().notes());

        assertEquals(java.util.Optional.of(true), e.promoted(), e.reasons().toString());
        assertEquals(challenger.modelVersion(), production(MODEL));
        AliasChange last = models.history(MODEL).get(models.history(MODEL).size() - 1);
        assertEquals(AliasAction.PROMOTE, last.action());
        assertTrue(last.gate().orElseThrow().challenger() > last.gate().orElseThrow().champion().orElseThrow());

        // The same rows again: the new holder was trained on them, so nothing happens.
        assertEquals(RetrainOutcome.UNCHANGED, check(RetrainPolicy.defaults()).outcome());
    }

    @Test
    void aWorseChallengerLeavesTheAliasAloneAndTheRefusalIsRecorded() throws Exception {
        production();
        Files.writeString(skills, Files.readString(skills).replace(",5,", ",4,")); // some rows change
        // Retrained on the skill's name alone, which the need level does not depend on, the challenger loses.
        RetrainPolicy weak = RetrainPolicy.defaults().withOverrides(r -> r.withCsv(CsvOptions.defaults()
                .withLabel("future_need_level").withInclude(List.of("skill_name"))));
        TriggerEvaluation e = check(weak);
        assertEquals(RetrainOutcome.TRAINED, e.outcome());
        assertEquals(java.util.Optional.of(false), e.promoted(), e.reasons().toString());
        assertEquals("v1", production(MODEL));
        TriggerEvaluation again = check(weak);
        assertEquals(RetrainOutcome.UNCHANGED, again.outcome(), "a challenger already lost on these rows");
        assertTrue(again.reasons().get(0).contains("which the gate did not keep"), again.reasons().toString());
        // Nor does another trigger retrain on them: the same rows and settings would give the same loser.
        TriggerEvaluation scheduled = check(weak.withEvery(Duration.ofSeconds(1)));
        assertEquals(List.of("schedule"), scheduled.fired());
        assertEquals(RetrainOutcome.UNCHANGED, scheduled.outcome(), scheduled.reasons().toString());
        assertEquals(2, runs.list(dev.grove.run.RunQuery.all()).size(), "v1 and the one challenger");
        AliasChange refusal = models.history(MODEL).get(models.history(MODEL).size() - 1);
        assertEquals(AliasAction.REFUSE, refusal.action());
        assertTrue(e.reasons().stream().anyMatch(r -> r.startsWith("gate: ")), e.reasons().toString());

        // A margin no model can clear refuses a challenger trained with the holder's settings too.
        Files.writeString(skills, Files.readString(skills).replace(",4,", ",3,"));
        TriggerEvaluation margin = check(RetrainPolicy.defaults().withGate(RunField.ACCURACY, 1.0));
        assertEquals(java.util.Optional.of(false), margin.promoted());
        assertEquals("v1", production(MODEL));
    }

    @Test
    void theScheduleFiresWhenThePeriodHasPassedSinceTheLastTraining() {
        production(); // trained at 10:00
        RetrainPolicy hourly = RetrainPolicy.defaults().withNewData(false).withEvery(Duration.ofHours(1));
        TriggerEvaluation early = check(hourly);
        assertEquals(RetrainOutcome.UNCHANGED, early.outcome(), early.reasons().toString());
        assertTrue(early.reasons().get(0).contains("less than PT1H ago"), early.reasons().toString());

        clock.advance(Duration.ofMinutes(60));
        TriggerEvaluation due = check(hourly);
        assertEquals(RetrainOutcome.TRAINED, due.outcome());
        assertEquals(List.of("schedule"), due.fired());
        // The retraining counts as the last training: the next is an hour after it.
        assertEquals(RetrainOutcome.UNCHANGED, check(hourly).outcome());
    }

    @Test
    void aCronScheduleFiresOnceItsTimeHasComeRoundSinceTheLastTraining() {
        production(); // 10:00 UTC
        RetrainPolicy nightly = RetrainPolicy.defaults().withNewData(false).withCron("0 3 * * *");
        TriggerEvaluation before = check(nightly);
        assertEquals(RetrainOutcome.UNCHANGED, before.outcome());
        assertTrue(before.reasons().get(0).contains("comes round next at 2026-12-02T03:00:00Z"),
                before.reasons().toString());
        clock.advance(Duration.ofHours(17));
        TriggerEvaluation after = check(nightly);
        assertEquals(List.of("schedule"), after.fired(), after.reasons().toString());
        assertThrows(GroveException.class, () -> RetrainPolicy.defaults().withCron("3am daily"));
    }

    @Test
    void theMetricTriggerFiresWhenTheHolderScoresBelowTheFloorOnTheNewestData() {
        TrainingRun v1 = production();
        double recorded = v1.outcome().orElseThrow().evaluation().f1Weighted();
        RetrainPolicy policy = RetrainPolicy.defaults().withNewData(false);
        TriggerEvaluation above = check(policy.withFloor(new MetricFloor(RunField.F1, recorded - 0.01)));
        assertEquals(RetrainOutcome.UNCHANGED, above.outcome(), above.reasons().toString());
        // On unchanged data the holder's held-out rows are the ones it was scored on when trained.
        assertEquals(recorded, (Double) above.measurements().get("holder_f1_score"), 1e-12);

        TriggerEvaluation below = check(policy.withFloor(new MetricFloor(RunField.F1, recorded + 0.01)));
        assertEquals(List.of("metric"), below.fired(), below.reasons().toString());
        assertEquals(RetrainOutcome.TRAINED, below.outcome());
    }

    @Test
    void anEvaluationThatFindsARetrainingInProgressIsRecordedAsSkipped() {
        production();
        Files.exists(skills);
        RetrainLedger ledger = grove.runs().retraining();
        assertTrue(ledger.tryLock(MODEL, "another host", clock.instant(), clock.instant().minusSeconds(120)));
        TriggerEvaluation e = check(RetrainPolicy.defaults().withEvery(Duration.ofSeconds(1)));
        assertEquals(RetrainOutcome.SKIPPED, e.outcome());
        assertEquals(1, runs.list(dev.grove.run.RunQuery.all()).size(), "nothing was trained");
        assertTrue(e.reasons().get(0).contains("in progress"), e.reasons().toString());
        ledger.unlock(MODEL, "another host");
        assertEquals(RetrainOutcome.TRAINED, check(RetrainPolicy.defaults().withEvery(Duration.ofSeconds(1))).outcome(),
                "the lock was released");
    }

    @Test
    void aFailedEvaluationIsRecordedAndThrownAndReleasesTheLock() throws Exception {
        production();
        Files.delete(skills);
        GroveException e = assertThrows(GroveException.class, () -> grove.retrainer().check(MODEL, RetrainPolicy.defaults()));
        assertTrue(e.getMessage().contains(skills.getFileName().toString()), e.getMessage());
        TriggerEvaluation failed = grove.runs().retraining().evaluations(MODEL).get(0);
        assertEquals(RetrainOutcome.FAILED, failed.outcome());
        assertEquals(e.getMessage(), failed.error().orElseThrow());
        assertTrue(grove.runs().retraining().tryLock(MODEL, "next", clock.instant(), clock.instant().minusSeconds(1)));
    }

    @Test
    void aModelWithoutTheAliasCannotBeRetrainedAndTheMessageSaysHowToSetIt() {
        grove.train(TrainingRequest.of(skills).withModelVersion("v1"));
        GroveException e = assertThrows(GroveException.class,
                () -> grove.retrainer().check(MODEL, RetrainPolicy.defaults()));
        assertTrue(e.getMessage().contains("production"), e.getMessage());
        assertEquals(1, runs.list(dev.grove.run.RunQuery.all()).size());
        assertThrows(dev.grove.NotFoundException.class, () -> grove.retrainer().check("typo", RetrainPolicy.defaults()));
        assertEquals(List.of(), grove.runs().retraining().evaluations(MODEL), "a typo is refused, not recorded");
        assertEquals(List.of(), grove.runs().retraining().evaluations("typo"));
    }

    @Test
    void aSchedulerChecksRepeatedlyUntilClosed() throws Exception {
        production();
        Files.writeString(skills, Files.readString(skills).replace(",5,", ",4,"));
        try (RetrainScheduler s = RetrainScheduler.every(grove.retrainer(), MODEL, RetrainPolicy.defaults(),
                Duration.ofMillis(20))) {
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (grove.runs().retraining().evaluations(MODEL).size() < 3 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
        }
        List<TriggerEvaluation> history = grove.runs().retraining().evaluations(MODEL);
        assertTrue(history.size() >= 3, history.toString());
        assertEquals(RetrainOutcome.TRAINED, history.get(0).outcome());
        // Trained once: the new holder was trained on these rows, or a challenger already lost on them.
        assertTrue(history.stream().skip(1).allMatch(h -> h.outcome() == RetrainOutcome.UNCHANGED), history.toString());
        Thread.sleep(100);
        int after = grove.runs().retraining().evaluations(MODEL).size();
        Thread.sleep(200);
        assertEquals(after, grove.runs().retraining().evaluations(MODEL).size(), "closed: no more checks");
    }

    @Test
    void aSchedulersListenerHearsEachEvaluationAsRecordedAndCannotStopTheSchedule() throws Exception {
        production();
        Files.writeString(skills, Files.readString(skills).replace(",5,", ",4,"));
        List<TriggerEvaluation> heard = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (RetrainScheduler s = RetrainScheduler.every(grove.retrainer(), MODEL, RetrainPolicy.defaults(),
                Duration.ofMillis(20), e -> {
                    heard.add(e);
                    throw new IllegalStateException("a listener's bug");
                })) {
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (heard.size() < 3 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
        }
        assertTrue(heard.size() >= 3, "the schedule went on after the listener threw: " + heard);
        List<TriggerEvaluation> history = grove.runs().retraining().evaluations(MODEL);
        assertEquals(history.subList(0, heard.size()), heard, "each as recorded, with its id, in order");
        assertEquals(RetrainOutcome.TRAINED, heard.get(0).outcome());
        assertTrue(heard.get(0).promoted().isPresent());
    }

    @Test
    void closingTheSchedulerInterruptsARetrainingInProgressAndRecordsIt() throws Exception {
        Grove slow = Grove.builder().trainers(TrainerRegistry.of(new WaitingTrainer())).runs(runs)
                .modelsDir(dir.resolve("models")).build();
        slow.train(TrainingRequest.of(skills).withModelVersion("w1"));
        slow.models().setAlias(MODEL, "production", "w1", "ci", "");
        Files.writeString(skills, Files.readString(skills).replace(",5,", ",4,"));
        RetrainPolicy minute = RetrainPolicy.defaults().withOverrides(r -> r.withParams(r.params()
                .withExtra("wait-ms", "60000")));
        RetrainScheduler s = RetrainScheduler.every(slow.retrainer(), MODEL, minute, Duration.ofHours(1));
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (runs.list(RunQuery.all().withStatus(RunStatus.RUNNING)).isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        long start = System.nanoTime();
        s.close();
        assertTrue(System.nanoTime() - start < Duration.ofSeconds(30).toNanos(), "close did not wait for the minute");
        TriggerEvaluation e = slow.runs().retraining().evaluations(MODEL).get(0);
        assertEquals(RetrainOutcome.FAILED, e.outcome(), e.toString());
        assertEquals(List.of(RunStatus.INTERRUPTED, RunStatus.SUCCEEDED),
                runs.list(RunQuery.all()).stream().map(TrainingRun::status).toList());
        assertTrue(slow.runs().retraining().tryLock(MODEL, "next", Instant.now(), Instant.now()), "the lock was released");
    }

    @Test
    void everyEvaluationSaysWhatItMeasured() {
        production();
        TriggerEvaluation e = check(RetrainPolicy.defaults().withDrift(DriftRule.DEFAULT)
                .withFloor(new MetricFloor(RunField.ACCURACY, 0)));
        Map<String, Object> m = e.measurements();
        assertEquals("v1", m.get("holder"));
        assertTrue(m.containsKey("dataset_sha256") && m.containsKey("psi") && m.containsKey("holder_accuracy"),
                m.toString());
        assertEquals(3, e.reasons().size(), e.reasons().toString());
    }
}
