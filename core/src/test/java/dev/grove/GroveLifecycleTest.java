package dev.grove;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.grove.data.Dataset;
import dev.grove.internal.Sha256;
import dev.grove.internal.StaleRuns;
import dev.grove.internal.forest.Workers;
import dev.grove.run.InMemoryRunRepository;
import dev.grove.run.RunOutcome;
import dev.grove.run.RunQuery;
import dev.grove.run.RunRepository;
import dev.grove.run.RunSpec;
import dev.grove.run.RunStatus;
import dev.grove.run.TrainingRun;
import dev.grove.testing.CentroidTrainer;
import dev.grove.testing.TestData;
import dev.grove.train.FitProgress;
import dev.grove.train.TrainedModel;
import dev.grove.train.Trainer;
import dev.grove.train.TrainerRegistry;
import dev.grove.train.TrainingParams;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What happens to a run and its model when a training does not simply succeed: cancelled at any
 * stage, its run lost to another process or to a closed store, a model that does not read back
 * faithfully, a status update that loses a race. Nothing is ever half-written or silently lost.
 */
class GroveLifecycleTest {
    @TempDir
    Path dir;

    private InMemoryRunRepository runs;
    private Path data;

    @BeforeEach
    void setUp() {
        runs = new InMemoryRunRepository();
        data = TestData.copy(TestData.FUTURE_SKILLS, dir);
    }

    private Grove grove(Trainer trainer, RunRepository store, Duration staleAfter) {
        return Grove.builder().trainers(TrainerRegistry.of(trainer)).runs(store).modelsDir(dir.resolve("models"))
                .staleAfter(staleAfter).build();
    }

    private long modelFiles() throws IOException {
        if (!Files.exists(dir.resolve("models"))) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(dir.resolve("models"))) {
            return files.filter(Files::isRegularFile).count();
        }
    }

    /** Runs a training on a thread of its own and keeps what it threw and whether its interrupt flag survived. */
    private static final class Training {
        final AtomicReference<Throwable> thrown = new AtomicReference<>();
        final AtomicReference<TrainingResult> result = new AtomicReference<>();
        final AtomicBoolean interruptFlagAfter = new AtomicBoolean();
        final Thread thread;

        Training(Grove grove, TrainingRequest request) {
            thread = new Thread(() -> {
                try {
                    result.set(grove.train(request));
                } catch (Throwable t) {
                    thrown.set(t);
                }
                interruptFlagAfter.set(Thread.currentThread().isInterrupted());
            }, "test-training");
            thread.start();
        }

        Throwable awaitFailure() throws InterruptedException {
            thread.join(TimeUnit.SECONDS.toMillis(20));
            assertFalse(thread.isAlive(), "the training stopped");
            assertNotNull(thrown.get(), "the training threw");
            return thrown.get();
        }
    }

    @Test
    void interruptingTheThreadDuringTheFitStopsItPromptlyAndRecordsTheRunInterrupted() throws Exception {
        GateTrainer gate = new GateTrainer();
        Training t = new Training(grove(gate, runs, Duration.ofMinutes(2)), TrainingRequest.of(data).withModelVersion("v1"));
        assertTrue(gate.started.await(20, TimeUnit.SECONDS));
        long interruptedAt = System.nanoTime();
        t.thread.interrupt();

        CancelledException e = assertInstanceOf(CancelledException.class, t.awaitFailure());
        assertTrue(System.nanoTime() - interruptedAt < TimeUnit.SECONDS.toNanos(5), "stopped promptly");
        TrainingRun run = runs.findByModelVersion("v1").orElseThrow();
        assertEquals(run.id(), e.runId().orElseThrow());
        assertEquals(RunStatus.INTERRUPTED, run.status());
        assertEquals(Optional.of("training cancelled: its thread was interrupted"), run.error());
        assertTrue(e.getMessage().contains("run " + run.id() + " (v1) is INTERRUPTED and no model was kept"), e.getMessage());
        assertTrue(t.interruptFlagAfter.get(), "the caller's interrupt status is kept, as for any blocking call");
        assertEquals(0, modelFiles());
    }

    /** Whatever stage the thread is interrupted in, the training stops with nothing half-done. */
    @ParameterizedTest
    @EnumSource(Stage.class)
    void aTrainingInterruptedInAnyStageStopsWithNoModelAndAnHonestRecord(Stage stage) throws Exception {
        Grove grove = grove(new CentroidTrainer(), runs, Duration.ofMinutes(2));
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        AtomicBoolean flag = new AtomicBoolean();
        Thread t = new Thread(() -> {
            try {
                grove.train(TrainingRequest.of(data).withModelVersion("v-" + stage), e -> {
                    if (e.stage() == stage && !e.done() && e.fraction().orElse(-1) == 0) {
                        Thread.currentThread().interrupt(); // as Future.cancel(true) would, while the stage runs
                    }
                });
            } catch (Throwable e) {
                thrown.set(e);
            }
            flag.set(Thread.interrupted());
        });
        t.start();
        t.join(20_000);

        CancelledException e = assertInstanceOf(CancelledException.class, thrown.get());
        assertTrue(flag.get(), "interrupt status kept");
        Optional<TrainingRun> run = runs.findByModelVersion("v-" + stage);
        if (stage.compareTo(Stage.RECORD_START) > 0) {
            assertEquals(RunStatus.INTERRUPTED, run.orElseThrow().status(), stage.toString());
            assertEquals(run.get().id(), e.runId().orElseThrow());
        } else if (stage == Stage.RECORD_START) {
            run.ifPresent(r -> assertEquals(RunStatus.INTERRUPTED, r.status()));
        } else {
            assertEquals(Optional.empty(), run, "nothing recorded before the record stage");
            assertTrue(e.runId().isEmpty());
        }
        assertEquals(0, modelFiles(), "no model file at " + stage);
    }

    @Test
    void aRunMarkedInterruptedByAnotherProcessStopsItsTraining() throws Exception {
        GateTrainer gate = new GateTrainer();
        Training t = new Training(grove(gate, runs, Duration.ofMillis(300)), TrainingRequest.of(data).withModelVersion("v1"));
        assertTrue(gate.started.await(20, TimeUnit.SECONDS));
        long id = runs.findByModelVersion("v1").orElseThrow().id();
        runs.interrupt(id, "no heartbeat for a while, presumed dead", Instant.now()); // another process's view

        CancelledException e = assertInstanceOf(CancelledException.class, t.awaitFailure());
        assertTrue(e.getMessage().contains("run " + id + " was marked INTERRUPTED (no heartbeat for a while, presumed dead) "
                + "by another process"), e.getMessage());
        assertEquals(Optional.of("no heartbeat for a while, presumed dead"), runs.findById(id).orElseThrow().error(),
                "the other process's record stands");
        assertFalse(t.interruptFlagAfter.get(), "an interrupt Grove made for itself does not leak to the caller");
        assertEquals(0, modelFiles());
    }

    @Test
    void closingTheStoreDuringATrainingStopsItAndLeavesTheRunInterrupted() throws Exception {
        // (that the store itself moves the run to INTERRUPTED on close is RunRepositoryContract's to show)
        GateTrainer gate = new GateTrainer();
        Training t = new Training(grove(gate, runs, Duration.ofMillis(300)), TrainingRequest.of(data).withModelVersion("v1"));
        assertTrue(gate.started.await(20, TimeUnit.SECONDS));
        runs.close();

        CancelledException e = assertInstanceOf(CancelledException.class, t.awaitFailure());
        assertTrue(e.getMessage().contains(RunRepository.CLOSED_WHILE_RUNNING), e.getMessage());
        assertEquals(0, modelFiles());
        assertTrue(gate.stoppedEarly.get(), "the fit was stopped, not run to its end");
    }

    @Test
    void heartbeatsKeepALongTrainingAliveForOtherProcesses() throws Exception {
        GateTrainer gate = new GateTrainer();
        Duration staleAfter = Duration.ofMillis(600);
        Training t = new Training(grove(gate, runs, staleAfter), TrainingRequest.of(data).withModelVersion("v1"));
        assertTrue(gate.started.await(20, TimeUnit.SECONDS));
        TrainingRun run = runs.findByModelVersion("v1").orElseThrow();
        Thread.sleep(staleAfter.toMillis() * 2);

        // Another process looking for dead runs finds this one alive: its heartbeat is fresh.
        assertEquals(List.of(), StaleRuns.markInterrupted(runs, staleAfter, Clock.systemUTC()));
        assertTrue(runs.findById(run.id()).orElseThrow().heartbeatAt().isAfter(run.spec().startedAt()));
        gate.release.countDown();
        t.thread.join(20_000);
        assertEquals(RunStatus.SUCCEEDED, t.result.get().run().status());
        assertFalse(t.interruptFlagAfter.get());
    }

    @Test
    void aModelThatDoesNotReadBackFaithfullyFailsTheRunAndIsRemoved() throws IOException {
        Grove grove = grove(new CentroidTrainer(), runs, Duration.ofMinutes(2));
        TrainingFailedException e = assertThrows(TrainingFailedException.class, () -> grove.train(TrainingRequest.of(data)
                .withModelVersion("v1").withParams(TrainingParams.defaults().withExtra("fail", "write"))));
        assertTrue(e.getMessage().contains("trainer 'centroid' does not write its models faithfully"), e.getMessage());
        TrainingRun run = runs.findByModelVersion("v1").orElseThrow();
        assertEquals(RunStatus.FAILED, run.status());
        assertEquals(Optional.of(e.getMessage()), run.error());
        assertEquals(0, modelFiles());
    }

    @Test
    void aVerifiedModelIsKeptWhenTheSuccessCannotBeRecorded() throws IOException {
        RecordingRepository store = new RecordingRepository(runs);
        // Another process marks the run just before this one records its success: the update loses the race.
        store.beforeSucceed = id -> runs.interrupt(id, "presumed dead by another process", Instant.now());
        Grove grove = grove(new CentroidTrainer(), store, Duration.ofMinutes(2));

        RunNotRecordedException e = assertThrows(RunNotRecordedException.class,
                () -> grove.train(TrainingRequest.of(data).withModelVersion("v1")));

        Path model = dir.resolve("models/v1/model.bin");
        assertEquals(model, e.modelPath());
        assertTrue(Files.isRegularFile(model) && Files.isRegularFile(dir.resolve("models/v1/model.bin.json")));
        assertTrue(e.getMessage().contains("is now INTERRUPTED (presumed dead by another process)"), e.getMessage());
        assertTrue(e.getMessage().contains("kept at " + model + " (SHA-256 " + Sha256.of(Files.readAllBytes(model))),
                e.getMessage());
        assertEquals(RunStatus.INTERRUPTED, runs.findByModelVersion("v1").orElseThrow().status());
        assertNotNull(grove.loadModel(model), "the kept model loads");
    }

    @Test
    void aPreInterruptedThreadRecordsNothing() throws IOException {
        Grove grove = grove(new CentroidTrainer(), runs, Duration.ofMinutes(2));
        Thread.currentThread().interrupt();
        try {
            CancelledException e = assertThrows(CancelledException.class, () -> grove.train(TrainingRequest.of(data)));
            assertTrue(e.runId().isEmpty());
            assertTrue(Thread.currentThread().isInterrupted());
        } finally {
            Thread.interrupted();
        }
        assertEquals(List.of(), runs.list(RunQuery.all()));
        assertEquals(0, modelFiles());
    }

    @Test
    void theBuilderAsksForTheStoreAndTheModelsFolder() {
        String noStore = assertThrows(InvalidRequestException.class, () -> Grove.builder()
                .modelsDir(dir).build()).getMessage();
        assertTrue(noStore.startsWith("Grove needs a run store: call store(\"runs.db\")"), noStore);
        String noDir = assertThrows(InvalidRequestException.class, () -> Grove.builder().runs(runs).build()).getMessage();
        assertTrue(noDir.startsWith("Grove needs a models folder: call modelsDir(path)"), noDir);
        String noProvider = assertThrows(RunStoreException.class, () -> Grove.builder().store(dir.resolve("r.db")
                .toString()).modelsDir(dir).build()).getMessage();
        assertTrue(noProvider.contains("add dev.grove:grove-store-jooq"), noProvider);
    }

    /** A trainer whose fit waits, reporting progress, until released; then fits the centroid model. */
    static final class GateTrainer implements Trainer {
        final CountDownLatch started = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final AtomicBoolean stoppedEarly = new AtomicBoolean();
        private final CentroidTrainer delegate = new CentroidTrainer();

        @Override
        public String name() {
            return "gate";
        }

        @Override
        public String version() {
            return "1";
        }

        @Override
        public TrainedModel fit(Dataset train, TrainingParams params, FitProgress progress) {
            started.countDown();
            try {
                while (!release.await(10, TimeUnit.MILLISECONDS)) {
                    progress.update(0.5, "waiting"); // like a trainer reporting per tree
                }
            } catch (InterruptedException e) {
                stoppedEarly.set(true);
                throw Workers.interrupted("gate training", e);
            } catch (CancelledException e) {
                stoppedEarly.set(true);
                throw e;
            }
            return delegate.fit(train, params, progress);
        }

        @Override
        public TrainedModel load(InputStream in) throws IOException {
            return delegate.load(in);
        }
    }

    /** A repository that runs hooks before some calls, standing in for other processes. */
    static final class RecordingRepository implements RunRepository {
        private final RunRepository d;
        volatile java.util.function.LongConsumer beforeSucceed = id -> { };

        RecordingRepository(RunRepository d) {
            this.d = d;
        }

        @Override
        public TrainingRun start(RunSpec spec) {
            return d.start(spec);
        }

        @Override
        public TrainingRun succeed(long id, RunOutcome outcome, Instant finishedAt) {
            beforeSucceed.accept(id);
            return d.succeed(id, outcome, finishedAt);
        }

        @Override
        public TrainingRun fail(long id, String error, Instant finishedAt) {
            return d.fail(id, error, finishedAt);
        }

        @Override
        public TrainingRun interrupt(long id, String reason, Instant finishedAt) {
            return d.interrupt(id, reason, finishedAt);
        }

        @Override
        public boolean heartbeat(long id, Instant at) {
            return d.heartbeat(id, at);
        }

        @Override
        public Optional<TrainingRun> interruptIfStale(long id, Instant staleBefore, String reason, Instant at) {
            return d.interruptIfStale(id, staleBefore, reason, at);
        }

        @Override
        public Optional<TrainingRun> findById(long id) {
            return d.findById(id);
        }

        @Override
        public Optional<TrainingRun> findByUuid(UUID uuid) {
            return d.findByUuid(uuid);
        }

        @Override
        public Optional<TrainingRun> findByModelVersion(String modelVersion) {
            return d.findByModelVersion(modelVersion);
        }

        @Override
        public List<TrainingRun> list(RunQuery query) {
            return d.list(query);
        }

        @Override
        public String location() {
            return d.location();
        }

        @Override
        public void close() {
            d.close();
        }
    }
}
