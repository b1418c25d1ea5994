package dev.grove.testing;

import dev.grove.data.Dataset;
import dev.grove.internal.forest.Workers;
import dev.grove.train.FitProgress;
import dev.grove.train.TrainedModel;
import dev.grove.train.Trainer;
import dev.grove.train.TrainingParams;
import java.io.IOException;
import java.io.InputStream;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * A slow trainer for tests of what happens while a training is in progress (other processes,
 * signals, heartbeats): its fit reports progress for {@code -P wait-ms=N} milliseconds, then fits
 * the {@link CentroidTrainer}'s model.
 */
public final class WaitingTrainer implements Trainer {
    public static final String NAME = "waiting";
    private final CentroidTrainer delegate = new CentroidTrainer();

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String version() {
        return "1.0";
    }

    @Override
    public void validate(TrainingParams params) {
        params.requireKnownExtras(NAME, Set.of("wait-ms"));
    }

    @Override
    public TrainedModel fit(Dataset train, TrainingParams params, FitProgress progress) {
        long waitMs = Long.parseLong(params.extras().getOrDefault("wait-ms", "0"));
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(waitMs);
        try {
            while (System.nanoTime() < end) {
                Thread.sleep(20);
                progress.update(1 - (end - System.nanoTime()) / (waitMs * 1e6), "waiting");
            }
        } catch (InterruptedException e) {
            throw Workers.interrupted("waiting training", e);
        }
        return delegate.fit(train, params, progress);
    }

    @Override
    public TrainedModel load(InputStream in) throws IOException {
        return delegate.load(in);
    }
}
