package dev.grove;

import dev.grove.artifact.LoadedModel;
import dev.grove.internal.ModelArtifacts;
import dev.grove.artifact.ModelSidecar;
import dev.grove.data.CsvReader;
import dev.grove.data.Dataset;
import dev.grove.data.DatasetProfile;
import dev.grove.eval.Evaluation;
import dev.grove.eval.Evaluator;
import dev.grove.internal.MetricsSummary;
import dev.grove.run.InMemoryRunRepository;
import dev.grove.internal.RunHost;
import dev.grove.run.RunOutcome;
import dev.grove.run.RunRepository;
import dev.grove.run.RunSpec;
import dev.grove.internal.StaleRuns;
import dev.grove.run.TrainingRun;
import dev.grove.internal.PortableStratifiedSplit;
import dev.grove.internal.Split;
import dev.grove.train.Predictions;
import dev.grove.train.TrainedModel;
import dev.grove.train.Trainer;
import dev.grove.train.TrainerRegistry;
import dev.grove.train.TrainingParams;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The training pipeline, top to bottom as the original {@code train_future_skills_model}:
 * validate → read and profile → split → record RUNNING → fit → evaluate → write the model and
 * sidecar → record SUCCEEDED. Once the run is recorded, any failure marks it FAILED with the
 * error (and leaves no model file) before the error is rethrown.
 */
public final class Grove {
    private static final Logger LOG = LoggerFactory.getLogger(Grove.class);
    private static final Pattern VERSION = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
    private static final int OOM_RESERVE_BYTES = 1 << 20;
    private static final int OOM_RECORD_ATTEMPTS = 8;
    private static final long OOM_RECORD_PAUSE_MS = 150;
    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS").withZone(ZoneOffset.UTC);

    private final TrainerRegistry trainers;
    private final RunRepository runs;
    private final Path modelsDir;
    private final Clock clock;
    private final RunHost host;

    private Grove(Builder b) {
        this.trainers = b.trainers != null ? b.trainers : TrainerRegistry.load();
        this.runs = b.runs != null ? b.runs : new InMemoryRunRepository();
        this.modelsDir = b.modelsDir;
        this.clock = b.clock;
        this.host = b.host;
    }

    public static Builder builder() {
        return new Builder();
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

    /** Trains, scores, saves and records one model; see the class comment for the steps. */
    public TrainingResult train(TrainingRequest request, ProgressListener progress) {
        StageClock clockwork = new StageClock(progress);
        try {
            return run(request, clockwork);
        } catch (OutOfMemoryError e) {
            GroveException oom = outOfMemory(clockwork.current());
            long open = clockwork.openRun();
            if (open >= 0) {
                // Recording FAILED ran out of memory inside the pipeline; its frames (and data) are gone now.
                TrainingFailedException failed = new TrainingFailedException(open, oom.getMessage(), e);
                runs.findById(open).filter(r -> r.status() == dev.grove.run.RunStatus.RUNNING)
                        .ifPresent(r -> recordFailure(r, failed));
                throw failed;
            }
            throw oom;
        }
    }

    private TrainingResult run(TrainingRequest request, StageClock stages) {
        // 1. Validate the request before touching the data.
        stages.begin(Stage.VALIDATE, "checking the request");
        if (!(request.testSplit() > 0 && request.testSplit() < 1)) {
            throw new InvalidRequestException("test split must be between 0 and 1 (exclusive), got " + request.testSplit()
                    + "; 0.2 holds out a fifth of each class for scoring");
        }
        Trainer trainer = request.trainer().map(trainers::get).orElseGet(trainers::defaultTrainer);
        trainer.validate(request.params());
        String version = request.modelVersion().orElseGet(() -> TIMESTAMP.format(clock.instant()));
        if (!VERSION.matcher(version).matches()) {
            throw new InvalidRequestException("model version '" + version + "' must start with a letter or digit and use "
                    + "only letters, digits, '.', '_' and '-' (at most 128); it also names the model's folder");
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
            return readSplitAndTrain(request, stages, trainer, version, modelPath);
        } catch (RuntimeException | Error e) {
            removeIfEmpty(createdDir);
            throw e;
        }
    }

    private TrainingResult readSplitAndTrain(TrainingRequest request, StageClock stages, Trainer trainer, String version,
                                             Path modelPath) {
        // 2. Read the data (streaming, hashed) and profile it.
        stages.begin(Stage.READ, "reading " + request.dataset());
        Dataset data = CsvReader.readDataset(request.dataset(), request.csv());
        stages.end(data.size() + " rows, " + data.features().columns().size() + " features");

        stages.begin(Stage.PROFILE, "profiling");
        DatasetProfile profile = DatasetProfile.of(data, request.csv().include());
        TrainableCheck.require(data, profile);
        stages.end(profile.classCounts().toString());

        // 3. Split: the portable stratified split, so peers score the very same rows.
        stages.begin(Stage.SPLIT, PortableStratifiedSplit.NAME + ", test " + request.testSplit());
        TrainingParams params = request.params();
        Split split = PortableStratifiedSplit.split(data.labels(), data.classes().size(), request.testSplit(),
                params.randomState());
        if (split.test().length == 0) {
            throw new InvalidRequestException("test split " + request.testSplit() + " leaves no test rows in " + data.size()
                    + " rows; raise the test split");
        }
        Dataset train = data.select(split.train());
        Dataset test = data.select(split.test());
        stages.end(train.size() + " train / " + test.size() + " test rows");

        // 4. Record the run as RUNNING (a duplicate version loses the race here, before any training).
        stages.begin(Stage.RECORD_START, "recording the run in " + runs.location());
        RunSpec spec = new RunSpec(UUID.randomUUID(), version, clock.instant(), trainer.name(), trainer.version(),
                params.toMap(), params.nEstimators(), params.randomState(), request.testSplit(),
                data.source().path().toString(), data.source().sha256(), data.labelName(), data.size(), train.size(),
                test.size(), profile.classCounts(), profile.imbalanceRatio(), data.features().columnNames(),
                modelPath.toAbsolutePath().normalize().toString(), request.trainedBy(), host.host(), host.pid(), host.jvm(),
                request.notes());
        TrainingRun run = runs.start(spec);
        stages.runStarted(run.id());
        stages.end("run " + run.id() + " RUNNING");
        // The full table is not needed past this point; only train and test stay reachable. This
        // frame runs once, interpreted, so its locals stay GC roots until it returns: drop the
        // reference so the full table can be collected during the fit.
        data = null;
        return fitAndFinish(run, trainer, params, train, test, profile, modelPath, stages);
    }

    private TrainingResult fitAndFinish(TrainingRun run, Trainer trainer, TrainingParams params, Dataset train, Dataset test,
                                        DatasetProfile profile, Path modelPath, StageClock stages) {
        // Freed when memory runs out, so that recording the run FAILED has room to work.
        byte[] reserve = new byte[OOM_RESERVE_BYTES];
        try {
            // 5. Fit.
            stages.begin(Stage.FIT, trainer.name() + ": " + run.spec().nEstimators() + " trees on " + train.size() + " rows");
            TrainedModel model = trainer.fit(train, params, stages::update);
            double fitSeconds = stages.end("fitted").toNanos() / 1e9;

            // 6. Evaluate on the held-out rows, the same way for every trainer.
            stages.begin(Stage.EVALUATE, "scoring " + test.size() + " test rows");
            Predictions predicted = model.predict(test.features());
            Evaluation evaluation = Evaluator.evaluate(test.classes(), test.labels(), predicted.predicted());
            stages.end("accuracy " + evaluation.accuracy());

            // 7. Write the model and its sidecar atomically.
            stages.begin(Stage.WRITE_ARTIFACT, "writing " + modelPath);
            ModelSidecar sidecar = ModelArtifacts.write(modelPath, model, sidecarOf(run, model, evaluation));
            stages.end(sidecar.modelSha256());

            // 8. Record SUCCEEDED.
            stages.begin(Stage.RECORD_FINISH, "recording the result");
            TrainingRun done;
            try {
                done = runs.succeed(run.id(), new RunOutcome(evaluation, fitSeconds, sidecar.modelSha256(), model.params()),
                        clock.instant());
                stages.runClosed();
            } catch (RuntimeException e) {
                deleteArtifact(modelPath); // a model on disk always has a SUCCEEDED run behind it
                throw e;
            }
            stages.end("run " + done.id() + " SUCCEEDED");
            LOG.info("run {} ({}) succeeded: accuracy {}", done.id(), done.modelVersion(), evaluation.accuracy());
            return new TrainingResult(done, evaluation, modelPath, ModelArtifacts.sidecarOf(modelPath), sidecar, profile,
                    stages.timings());
        } catch (RuntimeException | Error e) {
            reserve = null; // let go of the reserve before anything else allocates
            throw failed(run, e, stages);
        }
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
                    throw again; // train() still turns it into the heap message; the next process marks the run
                }
                pause(OOM_RECORD_PAUSE_MS * attempt);
            }
        }
    }

    /** Loads a model file after checking it against its sidecar. */
    public LoadedModel loadModel(Path modelFile) {
        return ModelArtifacts.load(modelFile, trainers);
    }

    /** Marks runs whose process on this host is gone as INTERRUPTED; returns how many. */
    public int markInterruptedRuns() {
        return StaleRuns.markInterrupted(runs, host, clock).size();
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
     * running out of memory here is retried a few times before the run is left RUNNING for the
     * next process to mark INTERRUPTED.
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

    private static void deleteArtifact(Path model) {
        for (Path p : List.of(model, ModelArtifacts.sidecarOf(model))) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException e) {
                LOG.warn("cannot delete {}: {}", p, e.getMessage());
            }
        }
    }

    /** Configures a {@link Grove}; every setting has a default. */
    public static final class Builder {
        private TrainerRegistry trainers;
        private RunRepository runs;
        private Path modelsDir = Path.of("artifacts", "models");
        private Clock clock = Clock.systemUTC();
        private RunHost host = RunHost.current();

        private Builder() {
        }

        /** Trainers to choose from; default: those {@link java.util.ServiceLoader} finds. */
        public Builder trainers(TrainerRegistry t) {
            this.trainers = Objects.requireNonNull(t);
            return this;
        }

        /** Where runs are recorded; default: in memory only. */
        public Builder runs(RunRepository r) {
            this.runs = Objects.requireNonNull(r);
            return this;
        }

        /** Folder for models saved without an explicit path; default {@code artifacts/models}. */
        public Builder modelsDir(Path dir) {
            this.modelsDir = Objects.requireNonNull(dir);
            return this;
        }

        public Builder clock(Clock c) {
            this.clock = Objects.requireNonNull(c);
            return this;
        }

        public Builder host(RunHost h) {
            this.host = Objects.requireNonNull(h);
            return this;
        }

        public Grove build() {
            return new Grove(this);
        }
    }
}
