package dev.grove.run;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Where training runs are recorded. A run is inserted RUNNING by {@link #start} and moved once
 * to SUCCEEDED, FAILED or INTERRUPTED; apart from a RUNNING run's heartbeat, nothing else ever
 * rewrites or deletes a run. Implementations must be safe to call from several threads and from
 * several processes sharing one store.
 *
 * <p>Liveness: the process training a RUNNING run refreshes its {@link TrainingRun#heartbeatAt()}
 * through {@link #heartbeat}; any process may move a run whose heartbeat is too old to
 * INTERRUPTED through {@link #interruptIfStale}. Host names and pids are recorded for people,
 * never used to decide liveness (containers share host names; pids are per namespace).
 */
public interface RunRepository extends AutoCloseable {

    /**
     * Opens the run store at {@code location} — a SQLite file path, {@code jdbc:sqlite:…} or
     * {@code jdbc:postgresql://…} with {@code grove-store-jooq} on the classpath — through the first
     * {@link RunStoreProvider} that supports it.
     *
     * @throws dev.grove.RunStoreException when no provider supports it, or the store cannot be opened
     */
    static RunRepository open(String location) {
        java.util.Objects.requireNonNull(location, "location");
        ClassLoader cl = Thread.currentThread().getContextClassLoader();
        for (RunStoreProvider p : java.util.ServiceLoader.load(RunStoreProvider.class,
                cl != null ? cl : RunRepository.class.getClassLoader())) {
            if (p.supports(location)) {
                return p.open(location);
            }
        }
        throw new dev.grove.RunStoreException("no run store module on the classpath can open '" + location
                + "'; add dev.grove:grove-store-jooq (SQLite files and PostgreSQL URLs), or pass a RunRepository");
    }

    /** The reason recorded for runs still RUNNING when the store instance that started them is closed. */
    String CLOSED_WHILE_RUNNING = "the run store was closed while the run was in progress";

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

    /** Moves a RUNNING run to INTERRUPTED (its process died or it was cancelled); fails if the run is not RUNNING. */
    TrainingRun interrupt(long id, String reason, Instant finishedAt);

    /**
     * Records that the process training run {@code id} is alive at {@code at}.
     *
     * @return false when the run is not RUNNING (another process marked it) or does not exist, so
     *         the training should stop
     */
    boolean heartbeat(long id, Instant at);

    /**
     * Moves run {@code id} to INTERRUPTED with {@code reason}, in one atomic step, if it is still
     * RUNNING and its heartbeat is older than {@code staleBefore}; a heartbeat that arrives first
     * wins and the run is left alone.
     *
     * @return the run as it now is, when it was moved
     */
    Optional<TrainingRun> interruptIfStale(long id, Instant staleBefore, String reason, Instant at);

    Optional<TrainingRun> findById(long id);

    Optional<TrainingRun> findByUuid(UUID uuid);

    Optional<TrainingRun> findByModelVersion(String modelVersion);

    /** Runs matching the query's filters, in its order, one page. */
    List<TrainingRun> list(RunQuery query);

    /** The succeeded run with the highest {@code metric} among those matching {@code filter}. */
    default Optional<TrainingRun> best(RunField metric, RunQuery filter) {
        if (!metric.isMetric()) {
            throw new dev.grove.InvalidRequestException("'" + metric.userName() + "' is not a metric, so there is no best "
                    + "run by it; use one of: " + RunField.metricNames());
        }
        return list(filter.withStatus(RunStatus.SUCCEEDED).orderBy(metric, true).withLimit(1).withOffset(0))
                .stream().findFirst();
    }

    /** The newest succeeded run trained on data with this SHA-256. */
    default Optional<TrainingRun> latestSucceeded(String datasetSha256) {
        return list(RunQuery.all().withStatus(RunStatus.SUCCEEDED).withDatasetSha256(datasetSha256).withLimit(1))
                .stream().findFirst();
    }

    /**
     * The model registry (aliases and their history) kept in the same store.
     *
     * @throws dev.grove.RunStoreException when this store keeps none
     */
    default dev.grove.registry.ModelRegistry registry() {
        throw new dev.grove.RunStoreException("run store " + location() + " keeps no model registry (aliases); "
                + "use grove-store-jooq or the in-memory store");
    }

    /**
     * The retraining lock and trigger history kept in the same store.
     *
     * @throws dev.grove.RunStoreException when this store keeps none
     */
    default dev.grove.retrain.RetrainLedger retraining() {
        throw new dev.grove.RunStoreException("run store " + location() + " keeps no retraining history; use "
                + "grove-store-jooq or the in-memory store");
    }

    /** Where the runs live, for messages (a file path or a JDBC URL without credentials); works after close too. */
    String location();

    /**
     * Closes the store. Runs this instance started that are still RUNNING are first moved to
     * INTERRUPTED (their training can no longer be recorded), so no run is left RUNNING by a
     * live process that lost its store. Every call after it, but {@link #location()}, throws
     * {@link dev.grove.RunStoreClosedException}; closing twice does nothing.
     */
    @Override
    void close();
}
