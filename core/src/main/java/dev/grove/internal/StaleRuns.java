package dev.grove.internal;

import dev.grove.run.RunQuery;
import dev.grove.run.RunRepository;
import dev.grove.run.RunStatus;
import dev.grove.run.TrainingRun;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds runs left RUNNING by a process that died (killed, crashed, machine lost power) on this
 * host, and marks them INTERRUPTED so the record stops claiming they are in progress.
 */
public final class StaleRuns {
    private static final Logger LOG = LoggerFactory.getLogger(StaleRuns.class);

    private StaleRuns() {
    }

    /** Marks this host's orphaned RUNNING runs INTERRUPTED; returns them as they now are. */
    public static List<TrainingRun> markInterrupted(RunRepository runs, RunHost self, Clock clock) {
        List<TrainingRun> marked = new ArrayList<>();
        for (TrainingRun run : runs.list(RunQuery.all().withStatus(RunStatus.RUNNING))) {
            if (!self.outlived(run)) {
                continue;
            }
            try {
                marked.add(runs.interrupt(run.id(), "process " + run.spec().pid() + " on " + run.spec().host()
                        + " ended before the run finished", clock.instant()));
                LOG.info("run {} ({}) was left RUNNING by process {}, which is gone: marked INTERRUPTED",
                        run.id(), run.modelVersion(), run.spec().pid());
            } catch (dev.grove.RunStoreException e) {
                LOG.debug("run {} changed state meanwhile: {}", run.id(), e.getMessage());
            }
        }
        return marked;
    }
}
