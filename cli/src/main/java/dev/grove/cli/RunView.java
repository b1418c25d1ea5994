package dev.grove.cli;

import dev.grove.run.TrainingRun;
import java.util.Map;

/** A run as the flat, snake_case map that {@code --json} prints: the one core shares with the server's API. */
final class RunView {
    private RunView() {
    }

    static Map<String, Object> of(TrainingRun run) {
        return dev.grove.internal.RunView.of(run);
    }
}
