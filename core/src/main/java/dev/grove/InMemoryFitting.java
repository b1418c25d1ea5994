package dev.grove;

import dev.grove.artifact.LoadedModel;
import dev.grove.artifact.ModelSidecar;
import dev.grove.data.Column;
import dev.grove.data.DataInput;
import dev.grove.data.Dataset;
import dev.grove.data.DatasetProfile;
import dev.grove.data.ReferenceProfile;
import dev.grove.eval.Evaluation;
import dev.grove.eval.Evaluator;
import dev.grove.internal.ModelArtifacts;
import dev.grove.internal.PortableStratifiedSplit;
import dev.grove.internal.Split;
import dev.grove.internal.TrainingRows;
import dev.grove.train.FitProgress;
import dev.grove.train.Predictions;
import dev.grove.train.TrainedModel;
import dev.grove.train.Trainer;
import dev.grove.train.TrainingParams;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rows read into this JVM and split with the portable stratified split; only the train and test
 * rows stay reachable once {@link #prepare} returns, so the full table can be collected during the
 * fit. The model is written with its training rows, for fair comparisons later.
 */
final class InMemoryFitting implements Fitting {
    private static final Logger LOG = LoggerFactory.getLogger(InMemoryFitting.class);

    private final Map<String, Object> readOptions;
    private final String datasetPath;
    private final String datasetSha256;
    private final String labelName;
    private final DatasetProfile profile;
    private final Map<String, String> featureTypes;
    private final TrainingParams params;
    private final Dataset train;
    private final Dataset test;
    /** The test rows' predictions made while evaluating, which the written model must reproduce. */
    private Predictions predicted;

    private InMemoryFitting(DataInput input, Dataset data, DatasetProfile profile, TrainingParams params, Dataset train,
                            Dataset test) {
        this.readOptions = input.readOptions();
        this.datasetPath = input.recordedPath(data);
        this.datasetSha256 = data.source().sha256();
        this.labelName = data.labelName();
        this.profile = profile;
        this.featureTypes = featureTypes(data);
        this.params = params;
        this.train = train;
        this.test = test;
    }

    /** Stages 2–3: read the rows (streaming, hashed), profile them, split them. */
    static InMemoryFitting prepare(TrainingRequest request, Trainer trainer, StageClock stages) {
        // 2. Read the data and profile it.
        stages.begin(Stage.READ, "reading " + request.data());
        Dataset data = request.data().read();
        stages.end(data.size() + " rows, " + data.features().columns().size() + " features");

        stages.begin(Stage.PROFILE, "profiling");
        DatasetProfile profile = DatasetProfile.of(data, request.data().requestedFeatures());
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
        trainer.validate(params, train); // what depends on the data is refused here, before a run is recorded
        stages.end(train.size() + " train / " + test.size() + " test rows");
        return new InMemoryFitting(request.data(), data, profile, params, train, test);
    }

    @Override
    public String datasetPath() {
        return datasetPath;
    }

    @Override
    public String datasetSha256() {
        return datasetSha256;
    }

    @Override
    public Map<String, Object> readOptions() {
        return readOptions;
    }

    @Override
    public String labelName() {
        return labelName;
    }

    @Override
    public DatasetProfile profile() {
        return profile;
    }

    @Override
    public int trainRows() {
        return train.size();
    }

    @Override
    public int testRows() {
        return test.size();
    }

    @Override
    public Map<String, String> featureTypes() {
        return featureTypes;
    }

    @Override
    public TrainingParams params() {
        return params;
    }

    @Override
    public Optional<ReferenceProfile> reference() {
        return Optional.of(ReferenceProfile.of(train.features()));
    }

    @Override
    public TrainedModel fit(Trainer trainer, FitProgress progress) {
        return trainer.fit(train, params, progress);
    }

    @Override
    public Evaluation evaluate(TrainedModel model) {
        predicted = model.predict(test.features());
        return Evaluator.evaluate(test.classes(), test.labels(), predicted.predicted());
    }

    @Override
    public ModelSidecar write(Path modelPath, TrainedModel model, ModelSidecar sidecar) {
        return ModelArtifacts.write(modelPath, model, sidecar, Optional.of(TrainingRows.of(train)));
    }

    /**
     * Fails unless the model file, read back through its trainer's {@code load} after its SHA-256
     * is checked, predicts a sample of the test rows exactly (classes and probabilities) as the
     * model in memory did: a run is SUCCEEDED only with a model that works from disk.
     */
    @Override
    public TrainedModel verify(Path modelPath, Trainer trainer) {
        LoadedModel reread = Fitting.readBack(modelPath, trainer);
        int n = test.size();
        int take = Math.min(n, VERIFY_ROWS);
        int[] rows = new int[take];
        for (int i = 0; i < take; i++) {
            rows[i] = (int) ((long) i * n / take); // evenly spread over the test rows
        }
        Predictions back = reread.model().predict(test.features().select(rows));
        for (int i = 0; i < take; i++) {
            int row = rows[i];
            double[] expected = predicted.probabilities()[row];
            for (double p : expected) {
                if (!Double.isFinite(p)) {
                    throw new ArtifactException("trainer '" + trainer.name() + "' gave test row " + row
                            + " the class probabilities " + Arrays.toString(expected)
                            + "; a model must give finite probabilities: this is a fault of the trainer");
                }
            }
            if (back.predicted()[i] != predicted.predicted()[row]
                    || !Arrays.equals(back.probabilities()[i], expected)) {
                throw new ArtifactException("the model read back from " + modelPath + " predicts test row " + row
                        + " as " + back.label(i) + " " + Arrays.toString(back.probabilities()[i])
                        + " but the trained model predicted " + predicted.label(row) + " "
                        + Arrays.toString(expected) + "; trainer '" + trainer.name()
                        + "' does not write its models faithfully");
            }
        }
        return reread.model();
    }

    @Override
    public void deleteWritten(Path modelPath) {
        deleteFiles(modelPath);
    }

    /** Deletes a model file, its sidecar and its training rows; never throws. */
    static void deleteFiles(Path model) {
        for (Path p : List.of(model, ModelArtifacts.sidecarOf(model), TrainingRows.fileOf(model))) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException e) {
                LOG.warn("cannot delete {}: {}", p, e.getMessage());
            }
        }
    }

    @Override
    public void close() {
        // nothing held beyond the heap
    }

    private static Map<String, String> featureTypes(Dataset data) {
        Map<String, String> types = new LinkedHashMap<>();
        for (Column c : data.features().columns()) {
            types.put(c.name(), c.type().name().toLowerCase(Locale.ROOT));
        }
        return types;
    }
}
