package dev.grove.registry;

import dev.grove.run.TrainingRun;
import java.util.List;

/** A registered model: its runs (newest first) and its aliases. */
public record ModelSummary(String name, List<TrainingRun> runs, List<Alias> aliases) {
    public ModelSummary {
        runs = List.copyOf(runs);
        aliases = List.copyOf(aliases);
    }
}
