package dev.grove;

import dev.grove.artifact.LoadedModel;
import dev.grove.artifact.ModelSidecar;
import dev.grove.data.DataInput;
import dev.grove.data.DatasetProfile;
import dev.grove.data.ExternalTable;
import dev.grove.data.ReferenceProfile;
import dev.grove.eval.Evaluation;
import dev.grove.eval.Evaluator;
import dev.grove.internal.ModelArtifacts;
import dev.grove.train.FitProgress;
import dev.grove.train.PreparedSource;
import dev.grove.train.Predictions;
import dev.grove.train.SourceTrainer;
import dev.grove.train.TrainedModel;
import dev.grove.train.Trainer;
import dev.grove.train.TrainingParams;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An external table that a {@link SourceTrainer} read, profiled and split where it lives; only
 * counts, names and a bounded sample of test rows come here. The run records the trainer's split
 * name under {@code read_options.split}. No training-rows file and no reference profile are kept
 * (the rows never come here): the promotion gate and drift checks treat its model as one without
 * them (the gate then needs {@code --force}; drift has no reference to compare with).
 */
final class SourceFitting implements Fitting {
    private static final Logger LOG = LoggerFactory.getLogger(SourceFitting.class);

    private final PreparedSource prepared;
    private final String datasetPath;
    private final Map<String, Object> readOptions;
    private final int trainRows;
    private final int testRows;
    private PreparedSource.TestSample sample; // the engine's predictions on some test rows, taken by evaluate

    private SourceFitting(PreparedSource prepared, String datasetPath, Map<String, Object> readOptions, int trainRows,
                          int testRows) {
        this.prepared = prepared;
        this.datasetPath = datasetPath;
        this.readOptions = readOptions;
        this.trainRows = trainRows;
        this.testRows = testRows;
    }

    /**
     * Stages 2–3, by the trainer where the data lives: it reads, profiles and splits the table in one
     * go; the same checks as for rows in memory follow. The prepared source is closed on a refusal.
     */
    static SourceFitting prepare(TrainingRequest request, SourceTrainer trainer, StageClock stages) {
        DataInput input = request.data();
        ExternalTable table = input.external().orElseThrow();
        // 2. Read and profile, where the data lives.
        stages.begin(Stage.READ, trainer.name() + " reads " + table.location() + " (" + table.format() + ")");
        PreparedSource prepared;
        try {
            prepared = trainer.prepare(table, request.params(), request.testSplit());
        } catch (GroveException e) {
            throw e;
        } catch (RuntimeException e) {
            // the engine's own error (a path that does not exist, a file that is not CSV or Parquet): say which table
            throw new InvalidDataException("trainer '" + trainer.name() + "' could not read the " + table.format()
                    + " table " + table.location() + ": " + describe(e) + "; check its location and --format", e);
        }
        try {
            DatasetProfile profile = prepared.profile();
            stages.end(profile.rows() + " rows, " + prepared.featureTypes().size() + " features");

            stages.begin(Stage.PROFILE, "profiled by " + trainer.name());
            TrainableCheck.require(prepared.source().path(), prepared.labelName(), prepared.featureTypes().size(), profile);
            stages.end(profile.classCounts().toString());

            // 3. Split, by the trainer: its own stratified split, named in the record.
            stages.begin(Stage.SPLIT, prepared.splitName() + ", test " + request.testSplit());
            int train = rows(prepared.trainRows(), "training", table);
            int test = rows(prepared.testRows(), "test", table);
            if (test == 0) {
                throw new InvalidRequestException("test split " + request.testSplit() + " leaves no test rows in "
                        + profile.rows() + " rows; raise the test split");
            }
            Map<String, Object> readOptions = new LinkedHashMap<>(input.readOptions());
            readOptions.put("split", prepared.splitName());
            stages.end(train + " train / " + test + " test rows");
            return new SourceFitting(prepared, input.recordedPath(table), readOptions, train, test);
        } catch (RuntimeException | Error e) {
            closeQuietly(prepared); // never masks e
            throw e;
        }
    }

    private static String describe(Throwable e) {
        return e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getSimpleName()
                : e.getMessage().strip().replaceAll("\\s+", " ");
    }

    private static int rows(long n, String which, ExternalTable table) {
        if (n < 0 || n > Integer.MAX_VALUE) {
            throw new InvalidDataException("the split of " + table.location() + " has " + n + " " + which + " rows; a run "
                    + "records from 0 to " + Integer.MAX_VALUE + ": train on a sample of the table");
        }
        return (int) n;
    }

    @Override
    public String datasetPath() {
        return datasetPath;
    }

    @Override
    public String datasetSha256() {
        return prepared.source().sha256();
    }

    @Override
    public Map<String, Object> readOptions() {
        return readOptions;
    }

    @Override
    public String labelName() {
        return prepared.labelName();
    }

    @Override
    public DatasetProfile profile() {
        return prepared.profile();
    }

    @Override
    public int trainRows() {
        return trainRows;
    }

    @Override
    public int testRows() {
        return testRows;
    }

    @Override
    public Map<String, String> featureTypes() {
        return prepared.featureTypes();
    }

    /** The trainer's resolved params (e.g. its partition count), so a reproduction trains the same model. */
    @Override
    public TrainingParams params() {
        return prepared.params();
    }

    @Override
    public Optional<ReferenceProfile> reference() {
        return Optional.empty();
    }

    @Override
    public TrainedModel fit(Trainer trainer, FitProgress progress) {
        TrainedModel model = prepared.fit(progress);
        if (!model.classes().equals(prepared.classes())) {
            throw new ArtifactException("trainer '" + trainer.name() + "' fitted a model of classes " + model.classes()
                    + " on a table of classes " + prepared.classes() + "; this is a fault of the trainer");
        }
        return model;
    }

    /** Core's metrics from the trainer's counts, so they mean what an in-memory run's mean. */
    @Override
    public Evaluation evaluate(TrainedModel model) {
        Evaluation evaluation = Evaluator.fromConfusion(prepared.classes(), prepared.confusion(model));
        sample = prepared.testSample(model, VERIFY_ROWS); // what verify holds the written model to, while the model is here
        return evaluation;
    }

    /**
     * The model and its sidecar (no training rows: they never came here), then the engine's native
     * model; when that fails, nothing of the three is left.
     */
    @Override
    public ModelSidecar write(Path modelPath, TrainedModel model, ModelSidecar sidecar) {
        ModelSidecar written = ModelArtifacts.write(modelPath, model, sidecar);
        try {
            prepared.writeNative(model, modelPath);
        } catch (RuntimeException | Error e) {
            deleteWritten(modelPath);
            throw e;
        }
        return written;
    }

    /**
     * Fails unless the model file, read back through its trainer's {@code load}, predicts a sample
     * of the test rows exactly as the engine predicted them: a model that predicts without the
     * engine must predict what the engine scored.
     */
    @Override
    public TrainedModel verify(Path modelPath, Trainer trainer) {
        LoadedModel reread = Fitting.readBack(modelPath, trainer);
        if (sample == null) {
            throw new IllegalStateException("verify before evaluate");
        }
        int n = sample.rows().size();
        if (n == 0 || sample.predicted().length != n) {
            throw new ArtifactException("trainer '" + trainer.name() + "' gave " + n + " test rows and "
                    + sample.predicted().length + " predictions to check its written model against; it must give at "
                    + "least one row and one prediction per row: this is a fault of the trainer");
        }
        Predictions back = reread.model().predict(sample.rows().features());
        List<String> classes = prepared.classes();
        for (int i = 0; i < n; i++) {
            String engine = classes.get(sample.predicted()[i]);
            if (!back.label(i).equals(engine)) {
                throw new ArtifactException("the model read back from " + modelPath + " predicts sampled test row " + i + " as "
                        + back.label(i) + " but " + trainer.name() + " predicted " + engine + "; trainer '"
                        + trainer.name() + "' does not export its models faithfully");
            }
        }
        return reread.model();
    }

    @Override
    public void deleteWritten(Path modelPath) {
        InMemoryFitting.deleteFiles(modelPath);
        try {
            prepared.deleteNative(modelPath);
        } catch (RuntimeException e) {
            LOG.warn("cannot delete the native model beside {}: {}", modelPath, e.getMessage());
        }
    }

    @Override
    public void close() {
        closeQuietly(prepared);
    }

    /** Closes a prepared table; a trainer that breaks its promise not to throw is logged, not propagated. */
    private static void closeQuietly(PreparedSource prepared) {
        try {
            prepared.close();
        } catch (RuntimeException e) {
            LOG.warn("closing the prepared table failed: {}", e.getMessage());
        }
    }
}
