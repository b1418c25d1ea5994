package dev.grove.store;

import dev.grove.run.RunHost;
import dev.grove.run.RunSpec;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;

/** Small run specs for the store's own tests. */
final class WriterSpecs {
    private WriterSpecs() {
    }

    static RunSpec spec(String version) {
        return spec("x", version);
    }

    static RunSpec spec(String model, String version) {
        RunHost host = RunHost.current();
        return new RunSpec(UUID.randomUUID(), model, version, Instant.now().truncatedTo(ChronoUnit.MILLIS), "smile", "3.1.1",
                Map.of("n_estimators", 10), 10, 42, 0.2, "/data/x.csv", "e".repeat(64), Map.of("format", "csv"), "label",
                10, 8, 2, Map.of("A", 5, "B", 5), 1.0, List.of("x1"), Map.of("x1", "numeric"), "/models/" + version,
                "tester", host.host(), host.pid(), host.jvm(), "", OptionalLong.empty(), Optional.empty());
    }
}
