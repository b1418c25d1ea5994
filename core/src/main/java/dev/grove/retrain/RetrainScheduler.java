package dev.grove.retrain;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs {@link Retrainer#check} for a model on a schedule, on a daemon thread of its own: every
 * so long, or at the times of a cron expression. A failed check is logged (and recorded in the
 * trigger history by the retrainer) and the schedule goes on. Close it before the Grove it uses:
 * closing interrupts a check in progress (its training stops and is recorded INTERRUPTED, the
 * evaluation FAILED) and waits for it to end. A listener, when given, hears of each evaluation a
 * check returns (a server refreshes what it serves after a promotion).
 */
public final class RetrainScheduler implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RetrainScheduler.class);

    private final Retrainer retrainer;
    private final String model;
    private final RetrainPolicy policy;
    private final Consumer<TriggerEvaluation> listener;
    private final ScheduledExecutorService timer;

    private RetrainScheduler(Retrainer retrainer, String model, RetrainPolicy policy,
                             Consumer<TriggerEvaluation> listener) {
        this.retrainer = Objects.requireNonNull(retrainer, "retrainer");
        this.model = Objects.requireNonNull(model, "model");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "grove-retrain-" + model);
            t.setDaemon(true);
            return t;
        });
    }

    /** Checks now, then every {@code period} after each check ends. */
    public static RetrainScheduler every(Retrainer retrainer, String model, RetrainPolicy policy, Duration period) {
        return every(retrainer, model, policy, period, e -> { });
    }

    /**
     * As {@link #every(Retrainer, String, RetrainPolicy, Duration)}, telling {@code listener} of each
     * evaluation a check returns (on the scheduler's thread; a failed check throws, is logged and
     * recorded, and is not passed on).
     */
    public static RetrainScheduler every(Retrainer retrainer, String model, RetrainPolicy policy, Duration period,
                                         Consumer<TriggerEvaluation> listener) {
        RetrainScheduler s = new RetrainScheduler(retrainer, model, policy, listener);
        s.timer.scheduleWithFixedDelay(s::checkQuietly, 0, Math.max(1, period.toMillis()), TimeUnit.MILLISECONDS);
        return s;
    }

    /** Checks at each time of a Unix cron expression (five fields, UTC), e.g. {@code 0 3 * * *}. */
    public static RetrainScheduler cron(Retrainer retrainer, String model, RetrainPolicy policy, String expression,
                                        Clock clock) {
        return cron(retrainer, model, policy, expression, clock, e -> { });
    }

    /** As {@link #cron(Retrainer, String, RetrainPolicy, String, Clock)}, telling {@code listener} of each evaluation. */
    public static RetrainScheduler cron(Retrainer retrainer, String model, RetrainPolicy policy, String expression,
                                        Clock clock, Consumer<TriggerEvaluation> listener) {
        CronSchedule cron = CronSchedule.parse(expression);
        RetrainScheduler s = new RetrainScheduler(retrainer, model, policy, listener);
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
        TriggerEvaluation e;
        try {
            e = retrainer.check(model, policy);
            LOG.info("{}@{}: {} {}", model, policy.alias(), e.outcome(), e.fired());
        } catch (RuntimeException failed) {
            LOG.error("retraining check of {}@{} failed: {}", model, policy.alias(), failed.getMessage());
            return;
        }
        try {
            listener.accept(e);
        } catch (RuntimeException failed) {
            LOG.warn("the listener of {}@{}'s retraining failed: {}", model, policy.alias(), failed.toString());
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
