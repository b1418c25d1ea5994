package dev.grove.run;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Where training runs are recorded. A run is inserted RUNNING by {@link #start} and moved once
 * to SUCCEEDED, FAILED or INTERRUPTED; nothing else ever rewrites or deletes a run.
 * Implementations must be safe to call from several threads.
 */
public interface RunRepository extends AutoCloseable {

    /**
     * Records a new RUNNING run.
     *
     * @throws dev.grove.DuplicateModelVersionException when a run with that model version exists
     */
    TrainingRun start(RunSpec spec);

    /** Moves a RUNNING run to SUCCEEDED; fails if the run is not RUNNING. */
    TrainingRun succeed(long id, RunOutcome outcome, Instant finishedAt);

    /** Moves a RUNNING run to FAILED with the error; fails if the run is not RUNNING. */
    TrainingRun fail(long id, String error, Instant finishedAt);

    /** Moves a RUNNING run to INTERRUPTED (its process died); fails if the run is not RUNNING. */
    TrainingRun interrupt(long id, String reason, Instant finishedAt);

    Optional<TrainingRun> findById(long id);

    Optional<TrainingRun> findByUuid(UUID uuid);

    Optional<TrainingRun> findByModelVersion(String modelVersion);

    /** Runs matching the query's filters, in its order, one page. */
    List<TrainingRun> list(RunQuery query);

    /** The succeeded run with the highest {@code metric} among those matching {@code filter}. */
    default Optional<TrainingRun> best(RunField metric, RunQuery filter) {
        if (!metric.isMetric()) {
            throw new IllegalArgumentException(metric + " is not a metric");
        }
        return list(filter.withStatus(RunStatus.SUCCEEDED).orderBy(metric, true).withLimit(1).withOffset(0))
                .stream().findFirst();
    }

    /** The newest succeeded run trained on data with this SHA-256. */
    default Optional<TrainingRun> latestSucceeded(String datasetSha256) {
        return list(RunQuery.all().withStatus(RunStatus.SUCCEEDED).withDatasetSha256(datasetSha256).withLimit(1))
                .stream().findFirst();
    }

    /** Where the runs live, for messages (a file path or a JDBC URL without credentials). */
    String location();

    @Override
    void close();
}
