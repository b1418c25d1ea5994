package dev.grove.run;

import dev.grove.eval.Evaluation;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What a successful run produced.
 *
 * @param params          the parameters the trainer actually used (defaults resolved)
 * @param trainingSeconds wall time of the fit alone
 * @param modelSha256     SHA-256 of the written model file
 */
public record RunOutcome(Evaluation evaluation, double trainingSeconds, String modelSha256, Map<String, Object> params) {
    public RunOutcome {
        Objects.requireNonNull(evaluation, "evaluation");
        Objects.requireNonNull(modelSha256, "modelSha256");
        params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
    }
}
