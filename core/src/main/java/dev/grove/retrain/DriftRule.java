package dev.grove.retrain;

import dev.grove.InvalidRequestException;
import dev.grove.data.ReferenceProfile;
import dev.grove.data.Table;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * When data counts as drifted: at least {@code share} of the features moved, a feature moving when
 * its population stability index against the alias holder's training data exceeds {@code psi}
 * beyond the PSI that sampling alone gives samples of these sizes (see
 * {@link dev.grove.data.ReferenceProfile#samplingNoise}), so small data does not fire by chance.
 *
 * <p>The defaults — PSI 0.2, the usual line between a moderate and a significant shift, on at
 * least 30% of the features — stayed quiet on 200 bootstrap resamples each of iris, penguins and
 * future_skills and fired on copies whose numeric features were shifted by half a standard
 * deviation (DriftTriggerTest).
 */
public record DriftRule(double psi, double share) {
    public static final DriftRule DEFAULT = new DriftRule(0.2, 0.3);

    public DriftRule {
        if (!(psi > 0) || Double.isInfinite(psi)) {
            throw new InvalidRequestException("the drift PSI threshold must be a number above 0, got " + psi);
        }
        if (!(share > 0 && share <= 1)) {
            throw new InvalidRequestException("the drifted share must be in (0, 1], got " + share);
        }
    }

    /** Compares {@code data}'s features with {@code reference}. */
    public DriftAssessment assess(ReferenceProfile reference, Table data) {
        Map<String, Double> psi = reference.psi(data);
        Map<String, Double> noise = new LinkedHashMap<>();
        psi.keySet().forEach(f -> noise.put(f, reference.samplingNoise(f, data.rowCount())));
        List<String> drifted = psi.keySet().stream().filter(f -> psi.get(f) - noise.get(f) > this.psi).toList();
        List<String> missing = reference.names().stream().filter(n -> !psi.containsKey(n)).toList();
        double moved = psi.isEmpty() ? 0 : (double) drifted.size() / psi.size();
        return new DriftAssessment(psi, noise, drifted, missing, moved, moved >= share || !missing.isEmpty());
    }
}
