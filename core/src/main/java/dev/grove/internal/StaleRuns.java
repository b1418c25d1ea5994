package dev.grove.internal;

import dev.grove.run.RunQuery;
import dev.grove.run.RunRepository;
import dev.grove.run.RunStatus;
import dev.grove.run.TrainingRun;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds RUNNING runs whose process stopped sending heartbeats (killed, crashed, machine lost
 * power, network gone) and marks them INTERRUPTED, as job schedulers do. Liveness comes from the
 * heartbeat alone, never from a host name and pid: containers and cloned machines share host
 * names, and a pid means nothing outside its own namespace.
 */
public final class StaleRuns {
    private static final Logger LOG = LoggerFactory.getLogger(StaleRuns.class);

    private StaleRuns() {
    }

    /** Marks RUNNING runs with no heartbeat for longer than {@code timeout} INTERRUPTED; returns them as they now are. */
    public static List<TrainingRun> markInterrupted(RunRepository runs, Duration timeout, Clock clock) {
        Instant now = clock.instant();
        Instant staleBefore = now.minus(timeout);
        List<TrainingRun> marked = new ArrayList<>();
        for (TrainingRun run : runs.list(RunQuery.all().withStatus(RunStatus.RUNNING))) {
            if (!run.heartbeatAt().isBefore(staleBefore)) {
                continue;
            }
            String reason = "no heartbeat from its process (pid " + run.spec().pid() + " on " + run.spec().host()
                    + ") since " + run.heartbeatAt() + ", more than " + Heartbeats.describe(timeout)
                    + " before " + now + "; presumed dead";
            Optional<TrainingRun> moved = runs.interruptIfStale(run.id(), staleBefore, reason, now);
            moved.ifPresent(r -> {
                marked.add(r);
                LOG.info("run {} ({}) sent no heartbeat since {}: marked INTERRUPTED", r.id(), r.modelVersion(),
                        run.heartbeatAt());
            });
        }
        return marked;
    }
}
