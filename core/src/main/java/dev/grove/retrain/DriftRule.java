package dev.grove.retrain;

import dev.grove.InvalidRequestException;

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
}
