package dev.grove.server;

import dev.grove.data.Dataset;
import dev.grove.train.FitProgress;
import dev.grove.train.TrainedModel;
import dev.grove.train.Trainer;
import dev.grove.train.TrainerRegistry;
import dev.grove.train.TrainingParams;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Smile's forest behind a gate, for tests of what happens while trainings wait or run: each fit
 * reports progress and holds until the test lets one through ({@link #release}), then fits for
 * real. Progress reports are where the pipeline notices a cancellation, as with any trainer.
 */
final class GatedTrainer implements Trainer {
    static final String NAME = "gated";
    private final Trainer real = TrainerRegistry.load().get("smile");
    private final Semaphore gate = new Semaphore(0);
    private final AtomicInteger started = new AtomicInteger();

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String version() {
        return "1 (smile " + real.version() + ")";
    }

    @Override
    public void validate(TrainingParams params) {
        real.validate(params);
    }

    @Override
    public TrainedModel fit(Dataset train, TrainingParams params, FitProgress progress) {
        started.incrementAndGet();
        try {
            while (!gate.tryAcquire(20, TimeUnit.MILLISECONDS)) {
                progress.update(0.01, "waiting at the gate");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted at the gate", e);
        }
        return real.fit(train, params, progress);
    }

    @Override
    public TrainedModel load(InputStream in) throws IOException {
        return real.load(in);
    }

    /** Lets {@code n} fits through. */
    void release(int n) {
        gate.release(n);
    }

    /** Fits that have begun (and are waiting or done). */
    int started() {
        return started.get();
    }

    /** Waits until {@code n} fits have begun. */
    void awaitStarted(int n) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (started.get() < n) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("only " + started.get() + " of " + n + " fits began");
            }
            Thread.sleep(10);
        }
    }
}
