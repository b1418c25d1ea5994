package dev.grove.registry;

import dev.grove.TrainingResult;
import dev.grove.run.TrainingRun;
import java.util.List;
import java.util.Objects;

/**
 * A run retrained from its record alone, and how the two compare: the same model file (SHA-256)
 * and the same metrics, or the list of what differs.
 *
 * @param differences one line per field that differs, e.g. {@code model_sha256: 67e9… → 1c0f…}
 */
public record Reproduction(TrainingRun original, TrainingResult reproduction, List<String> differences) {
    public Reproduction {
        Objects.requireNonNull(original, "original");
        Objects.requireNonNull(reproduction, "reproduction");
        differences = List.copyOf(differences);
    }

    public boolean identical() {
        return differences.isEmpty();
    }
}
