package dev.grove;

import dev.grove.artifact.ModelSidecar;
import dev.grove.data.DatasetProfile;
import dev.grove.eval.Evaluation;
import dev.grove.run.TrainingRun;
import dev.grove.train.TrainedModel;
import java.nio.file.Path;

/**
 * What a successful training returns: the recorded run (id, UUID, version), the scores, the
 * trained model itself (ready to predict, no reload needed), where the model file and its
 * sidecar are, the data's profile and the time each stage took.
 */
public record TrainingResult(TrainingRun run, Evaluation evaluation, TrainedModel model, Path modelPath,
                             Path sidecarPath, ModelSidecar sidecar, DatasetProfile profile, StageTimings timings) {

    public long runId() {
        return run.id();
    }

    public String modelVersion() {
        return run.modelVersion();
    }

    /** Wall seconds of the fit alone (the original feature's training duration). */
    public double trainingSeconds() {
        return timings.of(Stage.FIT).toNanos() / 1e9;
    }
}
