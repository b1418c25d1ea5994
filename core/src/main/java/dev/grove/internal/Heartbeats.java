package dev.grove.internal;

import dev.grove.RunStoreClosedException;
import dev.grove.run.RunRepository;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one RUNNING run's heartbeat fresh while its training goes on, on a daemon thread of its
 * own. When the run turns out to be lost (another process marked it INTERRUPTED, or the store was
 * closed) it tells the training once, so the training stops instead of finishing for nothing.
 * A store that is briefly unreachable is only logged: the next beat tries again.
 */
public final class Heartbeats implements AutoCloseable {
    /** How long a RUNNING run may go without a heartbeat before others presume its process dead. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(2);

    private static final Logger LOG = LoggerFactory.getLogger(Heartbeats.class);
    private static final Duration MIN_INTERVAL = Duration.ofMillis(20);

    private final ScheduledExecutorService timer;

    private Heartbeats(ScheduledExecutorService timer) {
        this.timer = timer;
    }

    /**
     * Starts beating for run {@code runId} every {@link #interval}; {@code lost} receives the reason
     * at most once, on the heartbeat thread.
     */
    public static Heartbeats start(RunRepository runs, long runId, Duration timeout, Clock clock, Consumer<String> lost) {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "grove-heartbeat-run-" + runId);
            t.setDaemon(true);
            return t;
        });
        long every = interval(timeout).toMillis();
        timer.scheduleWithFixedDelay(() -> {
            try {
                if (!runs.heartbeat(runId, clock.instant())) {
                    String status = runs.findById(runId).map(r -> r.status() + r.error().map(e -> " (" + e + ")")
                            .orElse("")).orElse("gone");
                    lost.accept("run " + runId + " was marked " + status + " by another process");
                    timer.shutdown();
                }
            } catch (RunStoreClosedException e) {
                lost.accept(RunRepository.CLOSED_WHILE_RUNNING);
                timer.shutdown();
            } catch (RuntimeException e) {
                LOG.warn("could not refresh the heartbeat of run {} ({}); trying again in {} ms", runId, e.getMessage(), every);
            }
        }, every, every, TimeUnit.MILLISECONDS);
        return new Heartbeats(timer);
    }

    /** A sixth of the timeout: a run is presumed dead only after several beats in a row went missing. */
    public static Duration interval(Duration timeout) {
        Duration d = timeout.dividedBy(6);
        return d.compareTo(MIN_INTERVAL) < 0 ? MIN_INTERVAL : d;
    }

    /** "2 min", "30 s", "500 ms": a duration as people write it. */
    public static String describe(Duration d) {
        if (d.toMillis() < 1000) {
            return d.toMillis() + " ms";
        }
        if (d.getSeconds() % 60 != 0 || d.getSeconds() < 60) {
            return d.getSeconds() + " s";
        }
        return d.toMinutes() + " min";
    }

    /** Stops beating and waits for a beat in flight to end, so no heartbeat follows the run's final status. */
    @Override
    public void close() {
        timer.shutdownNow();
        boolean interrupted = Thread.interrupted();
        try {
            timer.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            interrupted = true;
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
