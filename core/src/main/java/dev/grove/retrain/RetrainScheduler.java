package dev.grove.retrain;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs {@link Retrainer#check} for a model on a schedule, on a daemon thread of its own: every
 * so long, or at the times of a cron expression. A failed check is logged (and recorded in the
 * trigger history by the retrainer) and the schedule goes on. Close it before the Grove it uses:
 * closing interrupts a check in progress (its training stops and is recorded INTERRUPTED, the
 * evaluation FAILED) and waits for it to end.
 */
public final class RetrainScheduler implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RetrainScheduler.class);

    private final Retrainer retrainer;
    private final String model;
    private final RetrainPolicy policy;
    private final ScheduledExecutorService timer;

    private RetrainScheduler(Retrainer retrainer, String model, RetrainPolicy policy) {
        this.retrainer = Objects.requireNonNull(retrainer, "retrainer");
        this.model = Objects.requireNonNull(model, "model");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "grove-retrain-" + model);
            t.setDaemon(true);
            return t;
        });
    }

    /** Checks now, then every {@code period} after each check ends. */
    public static RetrainScheduler every(Retrainer retrainer, String model, RetrainPolicy policy, Duration period) {
        RetrainScheduler s = new RetrainScheduler(retrainer, model, policy);
        s.timer.scheduleWithFixedDelay(s::checkQuietly, 0, Math.max(1, period.toMillis()), TimeUnit.MILLISECONDS);
        return s;
    }

    /** Checks at each time of a Unix cron expression (five fields, UTC), e.g. {@code 0 3 * * *}. */
    public static RetrainScheduler cron(Retrainer retrainer, String model, RetrainPolicy policy, String expression,
                                        Clock clock) {
        CronSchedule cron = CronSchedule.parse(expression);
        RetrainScheduler s = new RetrainScheduler(retrainer, model, policy);
        s.scheduleNext(cron, clock);
        return s;
    }

    private void scheduleNext(CronSchedule cron, Clock clock) {
        Instant now = clock.instant();
        Optional<Instant> next = cron.next(now);
        if (next.isEmpty() || timer.isShutdown()) {
            return;
        }
        timer.schedule(() -> {
            checkQuietly();
            scheduleNext(cron, clock);
        }, Math.max(0, Duration.between(now, next.get()).toMillis()), TimeUnit.MILLISECONDS);
    }

    private void checkQuietly() {
        try {
            TriggerEvaluation e = retrainer.check(model, policy);
            LOG.info("{}@{}: {} {}", model, policy.alias(), e.outcome(), e.fired());
        } catch (RuntimeException e) {
            LOG.error("retraining check of {}@{} failed: {}", model, policy.alias(), e.getMessage());
        }
    }

    /** Stops the schedule, interrupting a check in progress, and waits (up to a minute) for it to end. */
    @Override
    public void close() {
        timer.shutdownNow();
        try {
            if (!timer.awaitTermination(1, TimeUnit.MINUTES)) {
                LOG.warn("the retraining check of {}@{} did not stop within a minute", model, policy.alias());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
