package dev.grove.store;

import dev.grove.run.RunHost;
import dev.grove.run.RunSpec;
import dev.grove.run.TrainingRun;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * A separate OS process that records runs in one SQLite file, for the multi-process test:
 * {@code java -cp <test classpath> dev.grove.store.WriterMain <db> <prefix> <runs>}.
 * Exits 0 when every run was started and finished.
 */
public final class WriterMain {
    private WriterMain() {
    }

    public static void main(String[] args) {
        String db = args[0];
        String prefix = args[1];
        int runs = Integer.parseInt(args[2]);
        RunHost host = RunHost.current();
        try (JooqRunRepository repo = JooqRunRepository.open(db)) {
            for (int i = 0; i < runs; i++) {
                Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
                RunSpec spec = new RunSpec(UUID.randomUUID(), prefix, prefix + "-" + i, now, "writer", "1", Map.of("i", i), 10, i,
                        0.2, "/data/" + prefix + ".csv", "f".repeat(64), Map.of("format", "csv"), "label", 100, 80, 20,
                        Map.of("A", 60, "B", 40), 1.5, List.of("x1", "x2"), Map.of("x1", "numeric", "x2", "numeric"),
                        "/models/" + prefix + "-" + i, "writer", host.host(), host.pid(), host.jvm(), "process " + prefix,
                        OptionalLong.empty(), Optional.empty());
                TrainingRun run = repo.start(spec);
                repo.fail(run.id(), "deliberately failed by " + prefix, now.plusMillis(1));
            }
        }
    }
}
