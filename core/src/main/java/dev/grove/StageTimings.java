package dev.grove;

import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/** Wall time spent in each stage of one training. */
public record StageTimings(Map<Stage, Duration> byStage) {
    public StageTimings {
        byStage = Collections.unmodifiableMap(new EnumMap<>(byStage));
    }

    public Duration of(Stage stage) {
        return byStage.getOrDefault(stage, Duration.ZERO);
    }

    public Duration total() {
        return byStage.values().stream().reduce(Duration.ZERO, Duration::plus);
    }

    /** Everything but the fit: what Grove itself costs. */
    public Duration overhead() {
        return total().minus(of(Stage.FIT));
    }
}
