package dev.grove;

import dev.grove.artifact.LoadedModel;
import dev.grove.artifact.ModelSidecar;
import dev.grove.data.DatasetProfile;
import dev.grove.data.ReferenceProfile;
import dev.grove.eval.Evaluation;
import dev.grove.internal.Heartbeats;
import dev.grove.internal.RecordedInput;
import dev.grove.data.CsvOptions;
import dev.grove.data.DataInput;
import dev.grove.data.ExternalTable;
import dev.grove.internal.Sha256;
import dev.grove.registry.LiveModel;
import dev.grove.registry.ModelNames;
import dev.grove.registry.ModelRef;
import dev.grove.registry.Models;
import dev.grove.registry.Reproduction;
import dev.grove.retrain.Retrainer;
import dev.grove.internal.MetricsSummary;
import dev.grove.internal.ModelArtifacts;
import dev.grove.run.RunHost;
import dev.grove.internal.StaleRuns;
import dev.grove.run.RunOutcome;
import dev.grove.run.RunRepository;
import dev.grove.run.RunSpec;
import dev.grove.run.RunStatus;
import dev.grove.run.TrainingRun;
import dev.grove.train.SourceTrainer;
import dev.grove.train.TrainedModel;
import dev.grove.train.Trainer;
import dev.grove.train.TrainerRegistry;
import dev.grove.train.TrainingParams;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The training pipeline, top to bottom as the original {@code train_future_skills_model}:
 * validate → read and profile → split → record RUNNING → fit → evaluate → write the model and
 * sidecar, then read it back and check it → record SUCCEEDED. Once the run is recorded, a
 * failure marks it FAILED with the error and a cancellation marks it INTERRUPTED, and neither
 * leaves a model file behind. While the run is RUNNING its heartbeat is kept fresh.
 *
 * <p>An external table ({@link DataInput#external}) goes through the same stages with a
 * {@link SourceTrainer}, which reads, profiles and splits it where it lives; core scores its
 * confusion counts, writes the exported model beside the trainer's native one, and checks the
 * written model predicts a sample of test rows as the engine did.
 *
 * <p>Build one with {@link #builder()}; it is safe to train from several threads at once.
 * Close it when it opened its own store ({@link Builder#store(String)}).
 */
public final class Grove implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Grove.class);
    private static final Pattern VERSION = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
    /** Run ids are all digits; a version never is, so the two can never be confused. */
    private static final Pattern ALL_DIGITS = Pattern.compile("[0-9]+");
    private static final int OOM_RESERVE_BYTES = 1 << 20;
    private static final int OOM_RECORD_ATTEMPTS = 8;
    private static final long OOM_RECORD_PAUSE_MS = 150;
    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS").withZone(ZoneOffset.UTC);

    private final TrainerRegistry trainers;
    private final RunRepository runs;
    private final boolean ownsRuns;
    private final Path modelsDir;
    private final Clock clock;
    private final RunHost host;
    private final Duration staleAfter;

    private Grove(Builder b, RunRepository runs, boolean ownsRuns) {
        this.trainers = b.trainers != null ? b.trainers : TrainerRegistry.load();
        this.runs = runs;
        this.ownsRuns = ownsRuns;
        this.modelsDir = b.modelsDir;
        this.clock = b.clock;
        this.host = b.host;
        this.staleAfter = b.staleAfter;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * A Grove that records runs in the store at {@code store} (a SQLite file path or a JDBC URL, with
     * {@code grove-store-jooq} on the classpath) and writes models under {@code modelsDir}, with
     * the trainers on the classpath; close it to close the store. See {@link #builder()} for more.
     */
    public static Grove open(String store, Path modelsDir) {
        return builder().store(store).modelsDir(modelsDir).build();
    }

    /** This Grove's version, e.g. {@code 0.1.0}. */
    public static String version() {
        return VERSION_OF_GROVE;
    }

    private static final String VERSION_OF_GROVE = readVersion();

    private static String readVersion() {
        try (java.io.InputStream in = Grove.class.getResourceAsStream("grove.properties")) {
            java.util.Properties p = new java.util.Properties();
            if (in != null) {
                p.load(in);
            }
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    public TrainerRegistry trainers() {
        return trainers;
    }

    public RunRepository runs() {
        return runs;
    }

    public TrainingResult train(TrainingRequest request) {
        return train(request, ProgressListener.NONE);
    }

    /**
     * Trains, scores, saves and records one model; see the class comment for the steps.
     *
     * @throws CancelledException when the thread is interrupted or the run is lost meanwhile
     * @throws TrainingFailedException when the training fails after its run was recorded
     * @throws GroveException (a subclass) when the request or the data is refused before anything is recorded
     */
    public TrainingResult train(TrainingRequest request, ProgressListener progress) {
        return train(request, progress, new CancelSignal());
    }

    /**
     * As {@link #train(TrainingRequest, ProgressListener)}, stoppable from another thread through
     * {@code signal}, whose reason the run's record keeps.
     */
    public TrainingResult train(TrainingRequest request, ProgressListener progress, CancelSignal signal) {
        return train(request, progress, signal, OptionalLong.empty());
    }

    /** @param reproduces the run a reproduction retrains, recorded with the new run */
    private TrainingResult train(TrainingRequest request, ProgressListener progress, CancelSignal signal,
                                 OptionalLong reproduces) {
        Cancellation cancel = new Cancellation();
        signal.attach(cancel);
        StageClock stages = new StageClock(progress, cancel);
        try {
            return run(request, stages, cancel, reproduces);
        } catch (OutOfMemoryError e) {
            GroveException oom = outOfMemory(stages.current());
            long open = stages.openRun();
            if (open >= 0) {
                // Recording FAILED ran out of memory inside the pipeline; its frames (and data) are gone now.
                TrainingFailedException failed = new TrainingFailedException(open, oom.getMessage(), e);
                runs.findById(open).filter(r -> r.status() == RunStatus.RUNNING).ifPresent(r -> recordFailure(r, failed));
                throw failed;
            }
            throw oom;
        } finally {
            signal.detach();
            cancel.close();
        }
    }

    private TrainingResult run(TrainingRequest request, StageClock stages, Cancellation cancel, OptionalLong reproduces) {
        // 1. Validate the request before touching the data.
        stages.begin(Stage.VALIDATE, "checking the request");
        if (!(request.testSplit() > 0 && request.testSplit() < 1)) {
            throw new InvalidRequestException("test split must be between 0 and 1 (exclusive), got " + request.testSplit()
                    + "; 0.2 holds out a fifth of each class for scoring");
        }
        Trainer trainer = request.trainer().map(trainers::get).orElseGet(trainers::defaultTrainer);
        requireMatchingData(trainer, request.data());
        trainer.validate(request.params());
        String version = request.modelVersion().orElseGet(() -> {
            String now = TIMESTAMP.format(clock.instant());
            return runs.findByModelVersion(now).isEmpty() ? now : freeVersion(now); // two in one millisecond
        });
        if (!VERSION.matcher(version).matches()) {
            throw new InvalidRequestException("model version '" + version + "' must start with a letter or digit and use "
                    + "only letters, digits, '.', '_' and '-' (at most 128); it also names the model's folder");
        }
        request.modelName().ifPresent(ModelNames::requireName);
        if (ALL_DIGITS.matcher(version).matches()) {
            throw new InvalidRequestException("model version '" + version + "' is all digits, so it would read as a run "
                    + "id; add a letter or a separator (e.g. 'v" + version + "')");
        }
        if (runs.findByModelVersion(version).isPresent()) {
            throw new DuplicateModelVersionException(version);
        }
        Path modelPath = request.savePath().orElse(modelsDir.resolve(version).resolve("model.bin"));
        Path createdDir = request.savePath().isEmpty() ? createFolder(modelPath.getParent()) : null;
        try {
            ModelArtifacts.sweepTemporaryFiles(modelPath.toAbsolutePath().getParent());
            ModelArtifacts.checkWritable(modelPath);
            stages.end("request is valid");
            return readSplitAndTrain(request, stages, cancel, trainer, version, modelPath, reproduces);
        } catch (RuntimeException | Error e) {
            removeIfEmpty(createdDir);
            throw e;
        }
    }

    /**
     * An external table needs a trainer that reads it where it lives, and such a trainer needs one:
     * it does not take rows read into this JVM.
     */
    private void requireMatchingData(Trainer trainer, DataInput data) {
        Optional<ExternalTable> table = data.external();
        if (table.isPresent() && !(trainer instanceof SourceTrainer)) {
            List<String> able = trainers.all().stream().filter(t -> t instanceof SourceTrainer).map(Trainer::name).toList();
            throw new InvalidRequestException("trainer '" + trainer.name() + "' trains on rows read into memory and cannot "
                    + "read the external table " + table.get().location() + "; " + (able.isEmpty()
                    ? "no trainer on the classpath reads tables where they live (add dev.grove:grove-trainer-spark), or "
                    + "give the dataset as a CSV file to read it into memory"
                    : "choose a trainer that reads it where it lives: " + String.join(", ", able)
                    + " (e.g. --trainer " + able.get(0) + ")"));
        }
        if (table.isEmpty() && trainer instanceof SourceTrainer) {
            throw new InvalidRequestException("trainer '" + trainer.name() + "' reads its data where it lives and does not "
                    + "take rows read into memory (" + data + "); give the dataset as --dataset PATH|URI "
                    + "(DataInput.external), or choose an in-memory trainer");
        }
    }

    private TrainingResult readSplitAndTrain(TrainingRequest request, StageClock stages, Cancellation cancel,
                                             Trainer trainer, String version, Path modelPath, OptionalLong reproduces) {
        // 2–3. Read, profile and split: into this JVM, or by a source trainer where the data lives.
        Fitting data = trainer instanceof SourceTrainer source ? SourceFitting.prepare(request, source, stages)
                : InMemoryFitting.prepare(request, trainer, stages);
        try (data) {
            // 4. Record the run as RUNNING (a duplicate version loses the race here, before any training).
            stages.begin(Stage.RECORD_START, "recording the run in " + runs.location());
            String modelName = request.modelName().orElseGet(() -> ModelNames.defaultFor(data.datasetPath()));
            TrainingParams params = data.params();
            DatasetProfile profile = data.profile();
            // before the start time: the heartbeat runs from it
            Optional<ReferenceProfile> reference = data.reference();
            RunSpec spec = new RunSpec(UUID.randomUUID(), modelName, version, clock.instant(), trainer.name(),
                    trainer.version(), params.toMap(), params.nEstimators(), params.randomState(), request.testSplit(),
                    data.datasetPath(), data.datasetSha256(), data.readOptions(), data.labelName(),
                    profile.rows(), data.trainRows(), data.testRows(), profile.classCounts(), profile.imbalanceRatio(),
                    data.featureNames(), data.featureTypes(), modelPath.toAbsolutePath().normalize().toString(),
                    request.trainedBy(), host.host(), host.pid(), host.jvm(), request.notes(), reproduces, reference);
            TrainingRun run = runs.start(spec);
            stages.runStarted(run.id());
            stages.end("run " + run.id() + " RUNNING");
            try (Heartbeats beats = Heartbeats.start(runs, run.id(), staleAfter, clock, cancel::cancel)) {
                return fitAndFinish(run, trainer, data, modelPath, stages, cancel, beats);
            }
        }
    }

    private TrainingResult fitAndFinish(TrainingRun run, Trainer trainer, Fitting data, Path modelPath, StageClock stages,
                                        Cancellation cancel, Heartbeats beats) {
        // Freed when memory runs out, so that recording the run FAILED has room to work.
        byte[] reserve = new byte[OOM_RESERVE_BYTES];
        boolean written = false;
        try {
            // 5. Fit.
            stages.begin(Stage.FIT, trainer.name() + ": " + run.spec().nEstimators() + " trees on " + data.trainRows()
                    + " rows");
            TrainedModel model = data.fit(trainer, stages::update);
            double fitSeconds = stages.end("fitted").toNanos() / 1e9;

            // 6. Evaluate on the held-out rows, the same way for every trainer.
            stages.begin(Stage.EVALUATE, "scoring " + data.testRows() + " test rows");
            Evaluation evaluation = data.evaluate(model);
            stages.end("accuracy " + evaluation.accuracy());

            // 7. Write the model and its sidecar atomically (with the training rows, or the engine's own model).
            stages.begin(Stage.WRITE_ARTIFACT, "writing " + modelPath);
            ModelSidecar sidecar = data.write(modelPath, model, sidecarOf(run, model, evaluation));
            written = true;
            stages.end(sidecar.modelSha256());

            // 8. Read it back as any later user will, and check it predicts as the model in memory (or the engine) did.
            // The model read back is the one handed out from here: the fitted one is let go first, so a large
            // forest is never held twice.
            Map<String, Object> fittedParams = model.params();
            model = null;
            stages.begin(Stage.VERIFY_ARTIFACT, "reading " + modelPath + " back");
            model = data.verify(modelPath, trainer);
            stages.end("reads back and predicts identically");

            // 9. Record SUCCEEDED; no cancellation is taken after this point.
            stages.begin(Stage.RECORD_FINISH, "recording the result");
            beats.close();
            cancel.close();
            cancel.check();
            TrainingRun done = recordSuccess(run, new RunOutcome(evaluation, fitSeconds, sidecar.modelSha256(),
                    fittedParams), modelPath);
            stages.runClosed();
            stages.end("run " + done.id() + " SUCCEEDED");
            LOG.info("run {} ({}) succeeded: accuracy {}", done.id(), done.modelVersion(), evaluation.accuracy());
            return new TrainingResult(done, evaluation, model, modelPath, ModelArtifacts.sidecarOf(modelPath), sidecar,
                    data.profile(), stages.timings());
        } catch (RunNotRecordedException e) {
            throw e;
        } catch (RuntimeException | Error e) {
            reserve = null; // let go of the reserve before anything else allocates
            beats.close();
            cancel.close();
            if (written) {
                data.deleteWritten(modelPath); // only a SUCCEEDED run leaves a model behind
            }
            if (cancel.requested() || e instanceof CancelledException) {
                throw interrupted(run, cancel, e, stages);
            }
            throw failed(run, e, stages);
        }
    }

    /**
     * Records SUCCEEDED. When that fails the model file is complete and verified, so it is kept
     * (never thrown away because a status update lost a race) and the exception says where it is
     * and what the store now says.
     */
    private TrainingRun recordSuccess(TrainingRun run, RunOutcome outcome, Path modelPath) {
        try {
            return runs.succeed(run.id(), outcome, clock.instant());
        } catch (RuntimeException e) {
            String now;
            try {
                now = runs.findById(run.id()).map(r -> "is now " + r.status() + r.error().map(x -> " (" + x + ")")
                        .orElse("")).orElse("is gone");
            } catch (RuntimeException again) {
                e.addSuppressed(again);
                now = "could not be read (" + describe(again) + ")";
            }
            LOG.warn("run {} ({}) could not be recorded SUCCEEDED; keeping its complete model {}", run.id(),
                    run.modelVersion(), modelPath);
            throw new RunNotRecordedException(run.id(), "run " + run.id() + " (" + run.modelVersion() + ") could not be "
                    + "recorded SUCCEEDED (" + describe(e) + "); in the run store it " + now + ". Its model was fully "
                    + "written and verified, and is kept at " + modelPath + " (SHA-256 " + outcome.modelSha256()
                    + "); load it by path, or retrain under a new version", modelPath, e);
        }
    }

    /** Records the run INTERRUPTED (cancelled) and returns the exception to throw. */
    private CancelledException interrupted(TrainingRun run, Cancellation cancel, Throwable e, StageClock stages) {
        String reason = e instanceof CancelledException && !cancel.requested() ? e.getMessage() : cancel.message();
        // Record with a clear flag (some drivers refuse interrupted threads). The caller gets its own
        // interrupt back; one Grove made to stop the training (its run was lost) is Grove's and ends here.
        boolean restore = Thread.interrupted() && !cancel.hasReason();
        try {
            runs.interrupt(run.id(), reason, clock.instant());
        } catch (RuntimeException recordError) {
            // e.g. the store was closed, which already marked the run INTERRUPTED
            LOG.debug("could not record run {} INTERRUPTED: {}", run.id(), recordError.getMessage());
        } finally {
            if (restore) {
                Thread.currentThread().interrupt();
            }
        }
        stages.runClosed();
        return new CancelledException(run.id(), reason + "; run " + run.id() + " (" + run.modelVersion()
                + ") is INTERRUPTED and no model was kept", e);
    }

    /**
     * Records the run FAILED and returns the exception to throw. Out of memory, building the message
     * can itself run out while the trainer's workers still hold the heap: retried after a pause.
     */
    private TrainingFailedException failed(TrainingRun run, Throwable e, StageClock stages) {
        Stage stage = stages.current();
        for (int attempt = 1; ; attempt++) {
            try {
                String message = e instanceof OutOfMemoryError ? outOfMemory(stage).getMessage()
                        : e instanceof GroveException ? e.getMessage()
                        : stage.userName() + " failed: " + describe(e);
                TrainingFailedException failed = new TrainingFailedException(run.id(), message, e);
                recordFailure(run, failed);
                stages.runClosed();
                return failed;
            } catch (OutOfMemoryError again) {
                if (attempt == OOM_RECORD_ATTEMPTS) {
                    throw again; // train() still turns it into the heap message; its heartbeat stops, so others mark the run
                }
                pause(OOM_RECORD_PAUSE_MS * attempt);
            }
        }
    }

    /** Loads a model file after checking it against its sidecar. */
    public LoadedModel loadModel(Path modelFile) {
        return ModelArtifacts.load(modelFile, trainers);
    }

    /**
     * Loads the model of a recorded run, named {@code NAME@ALIAS}, by model version or by run id
     * (see {@link ModelRef}): the file must match both its sidecar and the SHA-256 the run store
     * recorded when the run succeeded.
     */
    public LoadedModel loadModel(String reference) {
        return models().load(reference);
    }

    /** The model registry: names, aliases, the promotion gate, rollback, history. */
    public Models models() {
        return new Models(runs, trainers, clock);
    }

    /**
     * Retraining triggers: {@link Retrainer#check} decides whether a model's alias holder needs
     * retraining (new data, schedule, drift, metric floor), retrains it and gates the challenger;
     * {@link dev.grove.retrain.RetrainScheduler} runs it on a schedule.
     */
    public Retrainer retrainer() {
        return new Retrainer(this, clock);
    }

    /**
     * A model that serves {@code NAME@ALIAS} and follows the alias when it moves (see
     * {@link LiveModel}); close it to stop its polling.
     */
    public LiveModel live(String modelAtAlias) {
        ModelRef ref = ModelRef.parse(modelAtAlias);
        if (ref.kind() != ModelRef.Kind.ALIAS) {
            throw new InvalidRequestException("a live model follows an alias: name it NAME@ALIAS, e.g. future_skills"
                    + "@production (got '" + modelAtAlias + "')");
        }
        return LiveModel.open(models(), ref.model(), ref.alias());
    }

    /**
     * Retrains a recorded run from its record alone (its dataset file, checked against the recorded
     * SHA-256, read the same way; its trainer, every param and seed; its split) as a new run linked
     * to it, and compares the two: the same model file and the same metrics, or what differs. A run
     * a source trainer trained on an external table is retrained on the same location, format and
     * label with the trainer's resolved params (e.g. Spark's partition count, which shapes its
     * forest); its fingerprint is the trainer's, so a changed table shows as a changed
     * {@code dataset_sha256} among the differences.
     *
     * @param reference the run: {@code NAME@ALIAS}, a model version or a run id
     */
    public Reproduction reproduce(String reference, String trainedBy) {
        TrainingRun original = models().resolve(reference);
        RunSpec s = original.spec();
        if (original.status() != RunStatus.SUCCEEDED) {
            throw new InvalidRequestException("run " + original.id() + " (" + original.modelVersion() + ") is "
                    + original.status() + ": only a SUCCEEDED run has a model and metrics to reproduce");
        }
        DataInput input = RecordedInput.external(s).orElseGet(() -> recordedFile(original));
        String version = freeVersion(s.modelVersion() + "-repro");
        TrainingRequest request = TrainingRequest.of(input)
                .withTrainer(s.trainerName()).withParams(TrainingParams.fromMap(s.params())).withTestSplit(s.testSplit())
                .withModelName(s.modelName()).withModelVersion(version).withSavePath(besideOriginal(s, version))
                .withNotes("reproduces run " + original.id() + " (" + original.modelVersion() + ")")
                .withTrainedBy(trainedBy);
        Path created = createFolder(request.savePath().orElseThrow().getParent());
        TrainingResult again;
        try {
            again = train(request, ProgressListener.NONE, new CancelSignal(), OptionalLong.of(original.id()));
        } catch (RuntimeException | Error e) {
            removeIfEmpty(created);
            throw e;
        }
        return new Reproduction(original, again, differences(original, again.run()));
    }

    /** The CSV file a run was trained on, checked against its recorded SHA-256, read as it was read. */
    private static DataInput recordedFile(TrainingRun original) {
        RunSpec s = original.spec();
        if (!"csv".equals(s.readOptions().get("format"))) {
            throw new InvalidRequestException("run " + original.id() + " was trained on rows from memory, not a file, so "
                    + "its record cannot bring them back; reproduce it from the application that built them");
        }
        Path data = Path.of(s.datasetPath());
        if (!Files.isRegularFile(data)) {
            throw new InvalidDataException("the dataset run " + original.id() + " was trained on, " + data
                    + ", is gone; restore it (SHA-256 " + s.datasetSha256() + ") to reproduce the run");
        }
        String now = Sha256.of(data);
        if (!now.equalsIgnoreCase(s.datasetSha256())) {
            throw new InvalidDataException("the dataset " + data + " changed since run " + original.id() + " was trained "
                    + "(SHA-256 " + now + ", recorded " + s.datasetSha256() + "); restore the file it was trained on");
        }
        return DataInput.csv(data, CsvOptions.fromDescription(s.readOptions()).withLabel(s.labelColumn()));
    }

    /**
     * Where a reproduction's model goes: beside the original's, as {@code <models>/<version>/model.bin}
     * when the original sits in a folder named after its version, else {@code <folder>/<version>.bin}.
     */
    private static Path besideOriginal(RunSpec original, String version) {
        Path model = Path.of(original.modelPath()).toAbsolutePath();
        Path folder = model.getParent();
        if (folder.getFileName() != null && folder.getFileName().toString().equals(original.modelVersion())) {
            return folder.resolveSibling(version).resolve(model.getFileName());
        }
        return folder.resolve(version + ".bin");
    }

    private String freeVersion(String base) {
        for (int n = 1; ; n++) {
            String v = base + "-" + n;
            if (runs.findByModelVersion(v).isEmpty()) {
                return v;
            }
        }
    }

    /**
     * What a reproduction changed: the model file, any metric, the features, the trainer's version,
     * the data's fingerprint (a table a source trainer reads is fingerprinted by it, not checked first).
     */
    private static List<String> differences(TrainingRun a, TrainingRun b) {
        List<String> d = new java.util.ArrayList<>();
        RunOutcome x = a.outcome().orElseThrow();
        RunOutcome y = b.outcome().orElseThrow();
        differ(d, "model_sha256", x.modelSha256(), y.modelSha256());
        differ(d, "dataset_sha256", a.spec().datasetSha256(), b.spec().datasetSha256());
        differ(d, "trainer_version", a.spec().trainerVersion(), b.spec().trainerVersion());
        differ(d, "features_used", a.spec().featuresUsed(), b.spec().featuresUsed());
        differ(d, "train_samples", a.spec().trainSamples(), b.spec().trainSamples());
        differ(d, "test_samples", a.spec().testSamples(), b.spec().testSamples());
        Evaluation e = x.evaluation();
        Evaluation f = y.evaluation();
        differ(d, "accuracy", e.accuracy(), f.accuracy());
        differ(d, "precision", e.precisionWeighted(), f.precisionWeighted());
        differ(d, "recall", e.recallWeighted(), f.recallWeighted());
        differ(d, "f1_score", e.f1Weighted(), f.f1Weighted());
        differ(d, "precision_macro", e.precisionMacro(), f.precisionMacro());
        differ(d, "recall_macro", e.recallMacro(), f.recallMacro());
        differ(d, "f1_macro", e.f1Macro(), f.f1Macro());
        differ(d, "per_class_metrics", e.perClass(), f.perClass());
        differ(d, "confusion_matrix", java.util.Arrays.deepToString(e.confusion()), java.util.Arrays.deepToString(f.confusion()));
        return d;
    }

    private static void differ(List<String> out, String field, Object was, Object now) {
        if (!Objects.equals(was, now)) {
            out.add(field + ": " + was + " -> " + now);
        }
    }

    /** Marks RUNNING runs whose process sent no heartbeat for the stale-after time INTERRUPTED; returns how many. */
    public int markInterruptedRuns() {
        return StaleRuns.markInterrupted(runs, staleAfter, clock).size();
    }

    /** Closes the run store when this Grove opened it ({@link Builder#store(String)}); a store passed in stays open. */
    @Override
    public void close() {
        if (ownsRuns) {
            runs.close();
        }
    }

    private ModelSidecar sidecarOf(TrainingRun run, TrainedModel model, Evaluation evaluation) {
        RunSpec s = run.spec();
        return new ModelSidecar(ModelSidecar.FORMAT, s.modelVersion(), s.uuid().toString(), s.trainerName(),
                s.trainerVersion(), clock.instant().toString(), s.labelColumn(), model.classes(),
                model.encoding().features(), model.params(), MetricsSummary.of(evaluation), s.datasetPath(),
                s.datasetSha256(), "", "", model.provenance());
    }

    /**
     * Records the run FAILED. After an OutOfMemoryError the heap may still be full for a moment
     * (a trainer's other worker threads finish their tasks and hold their memory until then), so
     * running out of memory here is retried a few times before the run is left RUNNING for its
     * stale heartbeat to give away.
     */
    private void recordFailure(TrainingRun run, Throwable error) {
        for (int attempt = 1; ; attempt++) {
            try {
                runs.fail(run.id(), describe(error), clock.instant());
                return;
            } catch (RuntimeException e) {
                if (causedByOutOfMemory(e) && attempt < OOM_RECORD_ATTEMPTS) { // e.g. a driver wrapping it
                    pause(OOM_RECORD_PAUSE_MS * attempt);
                    continue;
                }
                error.addSuppressed(e);
                LOG.error("could not record run {} as FAILED: {}", run.id(), e.getMessage());
                return;
            } catch (OutOfMemoryError e) {
                if (attempt == OOM_RECORD_ATTEMPTS) {
                    LOG.error("could not record run {} as FAILED: out of memory", run.id());
                    return;
                }
                pause(OOM_RECORD_PAUSE_MS * attempt);
            }
        }
    }

    private static boolean causedByOutOfMemory(Throwable e) {
        for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof OutOfMemoryError) {
                return true;
            }
        }
        return false;
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static GroveException outOfMemory(Stage stage) {
        long maxMb = Runtime.getRuntime().maxMemory() >> 20;
        return new GroveException("ran out of memory " + (stage == null ? "while starting" : "in the " + stage.userName() + " stage")
                + " (heap limit " + maxMb + " MB); give Grove more memory (GROVE_HEAP=8g for the grove launcher, "
                + "or -Xmx8g), or train on fewer rows or columns");
    }

    private static String describe(Throwable e) {
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }

    private static Path createFolder(Path dir) {
        if (Files.isDirectory(dir)) {
            return null;
        }
        try {
            Files.createDirectories(dir);
            return dir;
        } catch (IOException e) {
            throw new ArtifactException("cannot create the model folder " + dir + ": " + describe(e)
                    + "; choose another save path", e);
        }
    }

    private static void removeIfEmpty(Path dir) {
        if (dir != null) {
            try {
                Files.deleteIfExists(dir);
            } catch (IOException e) {
                LOG.debug("leaving {}: {}", dir, e.getMessage());
            }
        }
    }

    /**
     * Configures a {@link Grove}. The run store and the models folder have no default: an app
     * names them, so runs never silently vanish into memory and models never land relative to
     * whatever the working directory happens to be.
     */
    public static final class Builder {
        private TrainerRegistry trainers;
        private RunRepository runs;
        private String storeLocation;
        private Path modelsDir;
        private Clock clock = Clock.systemUTC();
        private RunHost host = RunHost.current();
        private Duration staleAfter = Heartbeats.DEFAULT_TIMEOUT;

        private Builder() {
        }

        /** Trainers to choose from; default: those {@link java.util.ServiceLoader} finds. */
        public Builder trainers(TrainerRegistry t) {
            this.trainers = Objects.requireNonNull(t);
            return this;
        }

        /** Records runs in this repository, which stays the caller's to close. */
        public Builder runs(RunRepository r) {
            this.runs = Objects.requireNonNull(r);
            this.storeLocation = null;
            return this;
        }

        /**
         * Records runs in the store at {@code location} (a SQLite file path or a JDBC URL; see
         * {@link RunRepository#open(String)}), opened by {@link #build()} and closed by {@link Grove#close()}.
         */
        public Builder store(String location) {
            this.storeLocation = Objects.requireNonNull(location);
            this.runs = null;
            return this;
        }

        /** Folder for models saved without an explicit path: {@code <dir>/<version>/model.bin}. */
        public Builder modelsDir(Path dir) {
            this.modelsDir = Objects.requireNonNull(dir);
            return this;
        }

        public Builder clock(Clock c) {
            this.clock = Objects.requireNonNull(c);
            return this;
        }

        /** Who this process is, for the run record (host, pid and JVM are recorded, never used for liveness). */
        public Builder host(RunHost h) {
            this.host = Objects.requireNonNull(h);
            return this;
        }

        /**
         * How long a RUNNING run may go without a heartbeat before it is presumed dead (default 2
         * minutes); this process beats every sixth of it. Every process sharing a store should use
         * the same value.
         */
        public Builder staleAfter(Duration timeout) {
            if (timeout.isNegative() || timeout.isZero()) {
                throw new InvalidRequestException("stale-after must be positive, got " + timeout);
            }
            this.staleAfter = timeout;
            return this;
        }

        /**
         * @throws InvalidRequestException when the run store or the models folder was not named
         */
        public Grove build() {
            if (runs == null && storeLocation == null) {
                throw new InvalidRequestException("Grove needs a run store: call store(\"runs.db\") (a SQLite file or a "
                        + "JDBC URL, with grove-store-jooq on the classpath), runs(repository), or "
                        + "runs(new InMemoryRunRepository()) for runs that need not outlive the process");
            }
            if (modelsDir == null) {
                throw new InvalidRequestException("Grove needs a models folder: call modelsDir(path) to say where "
                        + "models without an explicit save path are written");
            }
            if (runs != null) {
                return new Grove(this, runs, false);
            }
            return new Grove(this, RunRepository.open(storeLocation), true);
        }
    }
}
