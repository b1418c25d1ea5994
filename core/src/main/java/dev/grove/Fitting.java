package dev.grove;

import dev.grove.artifact.LoadedModel;
import dev.grove.artifact.ModelSidecar;
import dev.grove.data.DatasetProfile;
import dev.grove.data.ReferenceProfile;
import dev.grove.eval.Evaluation;
import dev.grove.internal.ModelArtifacts;
import dev.grove.train.FitProgress;
import dev.grove.train.TrainedModel;
import dev.grove.train.Trainer;
import dev.grove.train.TrainerRegistry;
import dev.grove.train.TrainingParams;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Data read, profiled and split, ready for the pipeline's later stages (record, fit, evaluate,
 * write, verify): rows held in this JVM ({@link InMemoryFitting}), or a table a source trainer
 * prepared where it lives ({@link SourceFitting}). The one seam between the two, so {@link Grove}
 * runs the same stages in the same order for both.
 */
interface Fitting extends AutoCloseable {
    /** Test rows a written model must predict exactly as the model in memory (or the engine) did. */
    int VERIFY_ROWS = 1000;

    /** What the run records as its dataset path. */
    String datasetPath();

    /** The dataset's fingerprint, as recorded. */
    String datasetSha256();

    /** How the rows were read (and, for a source, split), as recorded. */
    Map<String, Object> readOptions();

    String labelName();

    DatasetProfile profile();

    int trainRows();

    int testRows();

    /** Feature name → {@code numeric} or {@code categorical}, in column order. */
    Map<String, String> featureTypes();

    default List<String> featureNames() {
        return List.copyOf(featureTypes().keySet());
    }

    /** The params the run records and the fit uses. */
    TrainingParams params();

    /** The training rows' feature distributions for drift checks; empty when the rows never came here. */
    Optional<ReferenceProfile> reference();

    TrainedModel fit(Trainer trainer, FitProgress progress);

    /** Scores the model on the test rows with core's evaluator. */
    Evaluation evaluate(TrainedModel model);

    /** Writes the model and its sidecar atomically, and what else belongs beside them. */
    ModelSidecar write(Path modelPath, TrainedModel model, ModelSidecar sidecar);

    /**
     * Fails unless the written model, read back through its trainer, predicts test rows as the model
     * evaluated did; returns it. Needs no model in memory: the caller lets go of its own first, so a
     * large forest is never held twice.
     */
    TrainedModel verify(Path modelPath, Trainer trainer);

    /** Removes everything {@link #write} may have written; never throws. */
    void deleteWritten(Path modelPath);

    /** Releases what the data holds; never throws. */
    @Override
    void close();

    /** The model file read back as any later user will (its SHA-256 checked against its sidecar). */
    static LoadedModel readBack(Path modelPath, Trainer trainer) {
        try {
            return ModelArtifacts.load(modelPath, TrainerRegistry.of(trainer));
        } catch (GroveException e) {
            throw new ArtifactException("the model just written cannot be read back by trainer '" + trainer.name()
                    + "' (" + e.getMessage() + "); this is a fault of the trainer, not of the data", e);
        }
    }
}
