package dev.grove.retrain;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How far new data moved from a reference profile, feature by feature, and whether that counts as
 * drift under a {@link DriftRule}.
 *
 * @param psi      each profiled feature's population stability index
 * @param noise    the PSI sampling alone gives each feature at these sample sizes
 * @param drifted  the features whose PSI exceeds the rule's threshold beyond their noise
 * @param missing  profiled features the new data lacks (which counts as drift)
 * @param share    drifted features over the features compared
 */
public record DriftAssessment(Map<String, Double> psi, Map<String, Double> noise, List<String> drifted,
                              List<String> missing, double share, boolean fired) {
    public DriftAssessment {
        psi = Collections.unmodifiableMap(new LinkedHashMap<>(psi));
        noise = Collections.unmodifiableMap(new LinkedHashMap<>(noise));
        drifted = List.copyOf(drifted);
        missing = List.copyOf(missing);
    }
}
