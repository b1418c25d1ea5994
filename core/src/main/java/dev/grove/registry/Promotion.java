package dev.grove.registry;

import dev.grove.run.RunField;
import java.util.Objects;
import java.util.Optional;

/**
 * A request to move {@code alias} of {@code model} to {@code version} through the gate: the
 * challenger must score at least as well as the alias's holder on {@code metric} plus
 * {@code minGain}, both on the challenger's held-out rows. Start from {@link #of}.
 *
 * @param force    move the alias whatever the gate says (the history says so, with the scores)
 * @param sourceDb the database URL (with credentials) to rebuild a query-trained challenger's held-out
 *                 rows from; empty: the recorded URL, which has none
 */
public record Promotion(String model, String version, String alias, RunField metric, double minGain, boolean force,
                        String actor, String reason, Optional<String> sourceDb) {
    public Promotion {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(alias, "alias");
        Objects.requireNonNull(metric, "metric");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(sourceDb, "sourceDb");
        if (!metric.isMetric()) {
            throw new dev.grove.InvalidRequestException("'" + metric.userName() + "' is not a metric the gate can "
                    + "compare; use one of: " + RunField.metricNames());
        }
        if (!(minGain >= 0) || Double.isInfinite(minGain)) {
            throw new dev.grove.InvalidRequestException("the minimum gain must be a number of at least 0, got " + minGain);
        }
    }

    /** Gated on the weighted F1 score, no margin, by the OS user. */
    public static Promotion of(String model, String version, String alias) {
        return new Promotion(model, version, alias, RunField.F1, 0.0, false, System.getProperty("user.name", ""), "",
                Optional.empty());
    }

    public Promotion withMetric(RunField m) {
        return new Promotion(model, version, alias, m, minGain, force, actor, reason, sourceDb);
    }

    public Promotion withMinGain(double gain) {
        return new Promotion(model, version, alias, metric, gain, force, actor, reason, sourceDb);
    }

    public Promotion forced() {
        return new Promotion(model, version, alias, metric, minGain, true, actor, reason, sourceDb);
    }

    public Promotion by(String who, String why) {
        return new Promotion(model, version, alias, metric, minGain, force, who, why, sourceDb);
    }

    /** Reads a query-trained challenger's rows from {@code url} (the record keeps no credentials). */
    public Promotion withSourceDb(String url) {
        return new Promotion(model, version, alias, metric, minGain, force, actor, reason, Optional.of(url));
    }
}
