package dev.grove.retrain;

import dev.grove.TrainingRequest;
import dev.grove.registry.ModelNames;
import dev.grove.run.RunField;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * When and how a model is retrained: which triggers are on, and how the challenger is gated. The
 * challenger is trained with the alias holder's recorded settings (its dataset file or query,
 * label, trainer, every param and seed), then {@code overrides} may change them.
 *
 * @param onNewData   fire when the data's fingerprint differs from the one the holder was trained on
 * @param every       fire when the last retraining (or the holder's training) is at least this old
 * @param cron        fire when a time of this cron expression (Unix, five fields) has passed since then
 * @param drift       fire when the data's feature distributions moved (see {@link DriftRule})
 * @param floor       fire when the holder scores below a floor on the data
 * @param sourceDb    the database URL to read a query-trained model's data from (with the credentials
 *                    the record never keeps); empty: the recorded URL
 */
public record RetrainPolicy(String alias, boolean onNewData, Optional<Duration> every, Optional<String> cron,
                            Optional<DriftRule> drift, Optional<MetricFloor> floor, RunField gateMetric, double minGain,
                            Optional<String> sourceDb, UnaryOperator<TrainingRequest> overrides, String actor) {
    public RetrainPolicy {
        ModelNames.requireAlias(alias);
        Objects.requireNonNull(every, "every");
        Objects.requireNonNull(cron, "cron");
        cron.ifPresent(CronSchedule::parse);
        Objects.requireNonNull(drift, "drift");
        Objects.requireNonNull(floor, "floor");
        Objects.requireNonNull(gateMetric, "gateMetric");
        Objects.requireNonNull(sourceDb, "sourceDb");
        Objects.requireNonNull(overrides, "overrides");
        Objects.requireNonNull(actor, "actor");
        every.ifPresent(d -> {
            if (d.isNegative() || d.isZero()) {
                throw new dev.grove.InvalidRequestException("the retraining period must be positive, got " + d);
            }
        });
    }

    /** Alias {@code production}, the new-data trigger only, gated on F1 with no margin, by the OS user. */
    public static RetrainPolicy defaults() {
        return new RetrainPolicy("production", true, Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), RunField.F1, 0.0, Optional.empty(), UnaryOperator.identity(),
                System.getProperty("user.name", ""));
    }

    public RetrainPolicy withAlias(String a) {
        return new RetrainPolicy(a, onNewData, every, cron, drift, floor, gateMetric, minGain, sourceDb, overrides, actor);
    }

    public RetrainPolicy withNewData(boolean on) {
        return new RetrainPolicy(alias, on, every, cron, drift, floor, gateMetric, minGain, sourceDb, overrides, actor);
    }

    public RetrainPolicy withEvery(Duration d) {
        return new RetrainPolicy(alias, onNewData, Optional.of(d), cron, drift, floor, gateMetric, minGain, sourceDb,
                overrides, actor);
    }

    public RetrainPolicy withCron(String expression) {
        return new RetrainPolicy(alias, onNewData, every, Optional.of(expression), drift, floor, gateMetric, minGain,
                sourceDb, overrides, actor);
    }

    public RetrainPolicy withDrift(DriftRule rule) {
        return new RetrainPolicy(alias, onNewData, every, cron, Optional.of(rule), floor, gateMetric, minGain, sourceDb,
                overrides, actor);
    }

    public RetrainPolicy withFloor(MetricFloor f) {
        return new RetrainPolicy(alias, onNewData, every, cron, drift, Optional.of(f), gateMetric, minGain, sourceDb,
                overrides, actor);
    }

    public RetrainPolicy withGate(RunField metric, double gain) {
        return new RetrainPolicy(alias, onNewData, every, cron, drift, floor, metric, gain, sourceDb, overrides, actor);
    }

    public RetrainPolicy withSourceDb(String url) {
        return new RetrainPolicy(alias, onNewData, every, cron, drift, floor, gateMetric, minGain, Optional.of(url),
                overrides, actor);
    }

    public RetrainPolicy withOverrides(UnaryOperator<TrainingRequest> o) {
        return new RetrainPolicy(alias, onNewData, every, cron, drift, floor, gateMetric, minGain, sourceDb, o, actor);
    }

    public RetrainPolicy by(String who) {
        return new RetrainPolicy(alias, onNewData, every, cron, drift, floor, gateMetric, minGain, sourceDb, overrides, who);
    }
}
