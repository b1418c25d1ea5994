package dev.grove.run;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One recorded training run: the original feature's {@code TrainingRun} row and Grove's
 * additions. {@link #outcome()} is present once the run SUCCEEDED; {@link #error()} once it
 * FAILED or was INTERRUPTED.
 *
 * @param heartbeatAt the last time the training process said it was alive (its start, at first);
 *                    a RUNNING run whose heartbeat is too old is presumed dead
 */
public record TrainingRun(long id, RunStatus status, RunSpec spec, Instant heartbeatAt, Optional<Instant> finishedAt,
                          Optional<RunOutcome> outcome, Optional<String> error) {
    public TrainingRun {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(heartbeatAt, "heartbeatAt");
        Objects.requireNonNull(finishedAt, "finishedAt");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(error, "error");
    }

    public String modelVersion() {
        return spec.modelVersion();
    }

    /** The effective params when the run succeeded, else the requested ones. */
    public Map<String, Object> params() {
        return outcome.map(RunOutcome::params).orElse(spec.params());
    }

    /** Start to finish, when finished. */
    public Optional<Duration> wallTime() {
        return finishedAt.map(f -> Duration.between(spec.startedAt(), f));
    }
}
