package dev.grove.retrain;

import dev.grove.InvalidRequestException;

/**
 * When data counts as drifted: at least {@code share} of the features have a population stability
 * index above {@code psi} against the alias holder's training data. The defaults (PSI 0.2 — the
 * usual line between a moderate and a significant shift — on at least 30% of the features) stay
 * quiet on a fresh sample of the same distribution and fire on a shifted copy (tested on the
 * bundled datasets; see DriftTriggerTest).
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
