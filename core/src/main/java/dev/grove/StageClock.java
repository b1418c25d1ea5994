package dev.grove;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.OptionalDouble;

/** Times the stages of one training and reports them to a listener. */
final class StageClock {
    private final ProgressListener listener;
    private final Cancellation cancel;
    private final long start = System.nanoTime();
    private final Map<Stage, Duration> spent = new EnumMap<>(Stage.class);
    private Stage current;
    private long stageStart;
    private long runId = -1;
    private boolean runClosed;

    StageClock(ProgressListener listener, Cancellation cancel) {
        this.listener = listener;
        this.cancel = cancel;
    }

    /** Starts a stage; a cancelled training stops here, between stages. */
    void begin(Stage stage, String message) {
        cancel.check();
        current = stage;
        stageStart = System.nanoTime();
        listener.onProgress(new ProgressEvent(stage, OptionalDouble.of(0), elapsed(), message, false));
    }

    /** Reports progress inside a stage; a cancelled training stops here too (trainers report per tree). */
    void update(double fraction, String message) {
        cancel.check();
        listener.onProgress(new ProgressEvent(current, OptionalDouble.of(Math.max(0, Math.min(1, fraction))), elapsed(),
                message, false));
    }

    /** Ends the current stage; returns its duration. */
    Duration end(String message) {
        Duration d = Duration.ofNanos(System.nanoTime() - stageStart);
        spent.merge(current, d, Duration::plus);
        listener.onProgress(new ProgressEvent(current, OptionalDouble.of(1), elapsed(), message, true));
        return d;
    }

    /** Notes the run this training recorded RUNNING, so a last-resort handler can still close it. */
    void runStarted(long id) {
        runId = id;
    }

    /** Notes that the run was recorded FAILED (or SUCCEEDED). */
    void runClosed() {
        runClosed = true;
    }

    /** The id of a run recorded RUNNING and not yet closed, or -1. */
    long openRun() {
        return runClosed ? -1 : runId;
    }

    Stage current() {
        return current;
    }

    StageTimings timings() {
        return new StageTimings(spent);
    }

    private Duration elapsed() {
        return Duration.ofNanos(System.nanoTime() - start);
    }
}
