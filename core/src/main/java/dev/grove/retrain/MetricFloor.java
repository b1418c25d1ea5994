package dev.grove.retrain;

import dev.grove.InvalidRequestException;
import dev.grove.run.RunField;
import java.util.Objects;

/** The alias holder's score on the newest labelled data below which it is retrained. */
public record MetricFloor(RunField metric, double min) {
    public MetricFloor {
        Objects.requireNonNull(metric, "metric");
        if (!metric.isMetric()) {
            throw new InvalidRequestException("'" + metric.userName() + "' is not a metric; use one of: "
                    + RunField.metricNames());
        }
        if (!(min >= 0 && min <= 1)) {
            throw new InvalidRequestException("the metric floor must be in [0, 1], got " + min);
        }
    }
}
