package dev.grove;

import dev.grove.artifact.ModelSidecar;
import dev.grove.data.DatasetProfile;
import dev.grove.eval.Evaluation;
import dev.grove.run.TrainingRun;
import java.nio.file.Path;

/**
 * What a successful training returns: the recorded run (id, UUID, version), the scores, where the
 * model and its sidecar are, the data's profile and the time each stage took.
 */
public record TrainingResult(TrainingRun run, Evaluation evaluation, Path modelPath, Path sidecarPath,
                             ModelSidecar sidecar, DatasetProfile profile, StageTimings timings) {

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
