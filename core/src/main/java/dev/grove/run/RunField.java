package dev.grove.run;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Fields runs can be ordered by, and the metrics a "best run" can be chosen on. */
public enum RunField {
    ID,
    STARTED_AT,
    FINISHED_AT,
    ACCURACY,
    PRECISION,
    RECALL,
    F1,
    TRAINING_SECONDS,
    MODEL_VERSION;

    /** Parses a user-facing name such as {@code f1}, {@code accuracy} or {@code started-at}. */
    public static RunField parse(String text) {
        String key = text.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        if (key.equals("F1_SCORE") || key.equals("F1_WEIGHTED")) {
            return F1;
        }
        if (key.equals("DATE") || key.equals("RUN_DATE")) {
            return STARTED_AT;
        }
        if (key.equals("DURATION")) {
            return TRAINING_SECONDS;
        }
        try {
            return valueOf(key);
        } catch (IllegalArgumentException e) {
            throw new dev.grove.InvalidRequestException("unknown field '" + text + "'; use one of: " + names());
        }
    }

    /** Lower-case names, comma-separated. */
    public static String names() {
        return Arrays.stream(values()).map(RunField::userName).collect(Collectors.joining(", "));
    }

    /** The metric names, comma-separated. */
    public static String metricNames() {
        return Arrays.stream(values()).filter(RunField::isMetric).map(RunField::userName).collect(Collectors.joining(", "));
    }

    /** The name the run table and {@code --json} give the field ({@code f1_score}, {@code accuracy}, …). */
    public String columnName() {
        return switch (this) {
            case F1 -> "f1_score";
            case STARTED_AT -> "run_date";
            case TRAINING_SECONDS -> "training_duration_seconds";
            default -> name().toLowerCase(Locale.ROOT);
        };
    }

    public String userName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** True for the model-quality metrics (higher is better). */
    public boolean isMetric() {
        return this == ACCURACY || this == PRECISION || this == RECALL || this == F1;
    }
}
