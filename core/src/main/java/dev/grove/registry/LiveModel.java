package dev.grove.registry;

import dev.grove.artifact.LoadedModel;
import dev.grove.run.TrainingRun;
import dev.grove.train.Prediction;
import dev.grove.train.Predictions;
import dev.grove.train.TrainedModel;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves predictions from the version an alias points at ({@code future_skills@production}) and
 * follows the alias when it moves: {@link #refresh()} (or a poll every so often) loads the new
 * version, its file checked against the SHA-256 the store recorded, and swaps it in atomically.
 * A version that fails to load is logged and the current one keeps serving. Any number of threads
 * may predict while it swaps: each call uses one fully loaded model from start to end.
 */
public final class LiveModel implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LiveModel.class);

    /** A loaded version and the run it came from: swapped as one. */
    private record Served(TrainingRun run, TrainedModel model) {
    }

    private final Models models;
    private final String reference;
    private final AtomicReference<Served> served = new AtomicReference<>();
    private final Object refreshing = new Object();
    private ScheduledExecutorService poller;

    private LiveModel(Models models, String reference, Served first) {
        this.models = models;
        this.reference = reference;
        this.served.set(first);
    }

    /**
     * Loads the version {@code model@alias} points at now; fails when it cannot (there is nothing
     * to serve yet).
     */
    public static LiveModel open(Models models, String model, String alias) {
        String reference = ModelNames.requireName(model) + "@" + ModelNames.requireAlias(alias);
        return new LiveModel(models, reference, load(models, reference));
    }

    private static Served load(Models models, String reference) {
        TrainingRun run = models.resolve(reference);
        LoadedModel loaded = models.load("id:" + run.id());
        return new Served(run, loaded.model());
    }

    /** The prediction for one row (feature name → value). */
    public Prediction predict(Map<String, ?> row) {
        return served.get().model().predict(row);
    }

    /** Predictions for many rows, all from one version. */
    public Predictions predict(List<? extends Map<String, ?>> rows) {
        return served.get().model().predict(rows);
    }

    /** The model being served now (hold on to it to make several calls against one version). */
    public TrainedModel model() {
        return served.get().model();
    }

    /** The version being served now. */
    public String version() {
        return served.get().run().modelVersion();
    }

    /** The run whose model is being served now. */
    public TrainingRun run() {
        return served.get().run();
    }

    /**
     * Looks up the alias and, when it points at another version, loads that one and swaps it in.
     * When the alias is gone or the new version cannot be loaded, the current version keeps
     * serving and the reason is logged.
     *
     * @return true when another version is now served
     */
    public boolean refresh() {
        synchronized (refreshing) {
            Served now = served.get();
            try {
                TrainingRun target = models.resolve(reference);
                if (target.id() == now.run().id()) {
                    return false;
                }
                Served next = load(models, reference);
                served.set(next);
                LOG.info("{} now serves {} (was {})", reference, next.run().modelVersion(), now.run().modelVersion());
                return true;
            } catch (RuntimeException e) {
                LOG.warn("{}: keeping {}: {}", reference, now.run().modelVersion(), e.getMessage());
                return false;
            }
        }
    }

    /** Refreshes every {@code period} on a daemon thread of its own, until closed. */
    public synchronized void pollEvery(Duration period) {
        Objects.requireNonNull(period, "period");
        if (poller != null) {
            poller.shutdownNow();
        }
        poller = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "grove-live-" + reference);
            t.setDaemon(true);
            return t;
        });
        long ms = Math.max(1, period.toMillis());
        poller.scheduleWithFixedDelay(this::refresh, ms, ms, TimeUnit.MILLISECONDS);
    }

    /** Stops polling; the last version loaded still predicts. */
    @Override
    public synchronized void close() {
        if (poller != null) {
            poller.shutdownNow();
            poller = null;
        }
    }
}
