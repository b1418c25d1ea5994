package dev.grove.server;

import dev.grove.CancelSignal;
import dev.grove.ProgressEvent;
import dev.grove.Stage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One training the server accepted: its request, where it stands, and the events a client can
 * follow (server-sent, replayable from any event id). Its model version is fixed when it is
 * accepted, so the version names it before its run exists; the run id comes once the training
 * records its run. Thread-safe: the training thread writes, request threads read and wait.
 */
final class Job {
    /** Where a job stands; the last four are final. */
    enum State {
        QUEUED, RUNNING, SUCCEEDED, FAILED, INTERRUPTED,
        /** Refused before its run was recorded (bad request or data): no run, no version used. */
        REFUSED,
        /** Cancelled while queued (or before its run was recorded): nothing was read or recorded. */
        CANCELLED;

        boolean finished() {
            return this != QUEUED && this != RUNNING;
        }
    }

    /** Progress updates inside a stage closer together than this are dropped (a fit reports every tree). */
    private static final long UPDATE_SPACING_NANOS = 100_000_000L;
    /** Beyond this many events only stage starts and ends are kept. */
    private static final int MANY_EVENTS = 2_000;

    private final String version;
    private final TrainingRequests.Parsed parsed;
    private final CancelSignal signal = new CancelSignal();
    private final Instant queuedAt;
    private final List<JobEvent> events = new ArrayList<>();
    private State state = State.QUEUED;
    private Long runId;
    private Instant startedAt;
    private Instant finishedAt;
    private String error;
    private int errorStatus;
    private long lastUpdate;

    Job(String version, TrainingRequests.Parsed parsed, Instant queuedAt) {
        this.version = version;
        this.parsed = parsed;
        this.queuedAt = queuedAt;
    }

    String version() {
        return version;
    }

    TrainingRequests.Parsed parsed() {
        return parsed;
    }

    CancelSignal signal() {
        return signal;
    }

    synchronized State state() {
        return state;
    }

    synchronized OptionalLong runId() {
        return runId == null ? OptionalLong.empty() : OptionalLong.of(runId);
    }

    synchronized Optional<String> error() {
        return Optional.ofNullable(error);
    }

    synchronized int errorStatus() {
        return errorStatus;
    }

    synchronized Instant finishedAt() {
        return finishedAt;
    }

    synchronized Instant startedAt() {
        return startedAt;
    }

    /** The seconds from start to end, when both happened. */
    synchronized Optional<Double> seconds() {
        return startedAt == null || finishedAt == null ? Optional.empty()
                : Optional.of((finishedAt.toEpochMilli() - startedAt.toEpochMilli()) / 1000.0);
    }

    synchronized void queued(int position) {
        emit("queued", Map.of("model_version", version, "position", position));
    }

    synchronized void started(Instant at) {
        state = State.RUNNING;
        startedAt = at;
        emit("started", Map.of("model_version", version, "started_at", at.toString()));
    }

    synchronized void recorded(long id) {
        if (runId == null) {
            runId = id;
            emit("recorded", Map.of("model_version", version, "run_id", id));
        }
    }

    /** A stage's progress from the training thread; updates inside a stage are thinned out. */
    synchronized void progress(ProgressEvent e) {
        boolean edge = e.done() || e.fraction().orElse(0) == 0;
        long now = System.nanoTime();
        if (!edge && (now - lastUpdate < UPDATE_SPACING_NANOS || events.size() >= MANY_EVENTS)) {
            return;
        }
        lastUpdate = now;
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("stage", e.stage().userName());
        d.put("stage_number", e.stage().ordinal() + 1);
        d.put("stages", Stage.values().length);
        d.put("fraction", e.fraction().isPresent() ? e.fraction().getAsDouble() : null);
        d.put("elapsed_seconds", e.elapsed().toNanos() / 1e9);
        d.put("message", e.message());
        d.put("done", e.done());
        emit("stage", d);
    }

    /**
     * Ends the job; the {@code done} event carries the final state, the run as recorded (when there
     * is one), and the error.
     */
    synchronized void finish(State end, Instant at, Map<String, Object> run, String message, int status) {
        if (state.finished()) {
            return;
        }
        state = end;
        finishedAt = at;
        error = message;
        errorStatus = status;
        if (run != null && run.get("run_id") instanceof Number n && runId == null) {
            runId = n.longValue();
        }
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("model_version", version);
        d.put("status", end.name());
        d.put("run_id", runId);
        d.put("run", run);
        d.put("error", message);
        if (status > 0) {
            d.put("http_status", status);
        }
        emit("done", d);
    }

    private void emit(String type, Map<String, Object> data) {
        events.add(new JobEvent(events.size() + 1L, type, data));
        notifyAll();
    }

    /**
     * The events after {@code afterId}, waiting up to {@code waitMillis} for one when there are none
     * yet; an empty list after the wait (or when the job has finished and all were seen).
     */
    synchronized List<JobEvent> eventsAfter(long afterId, long waitMillis) throws InterruptedException {
        long deadline = System.nanoTime() + waitMillis * 1_000_000L;
        while (events.size() <= afterId && !state.finished()) {
            long left = (deadline - System.nanoTime()) / 1_000_000L;
            if (left <= 0) {
                break;
            }
            wait(left);
        }
        int from = (int) Math.min(Math.max(afterId, 0), events.size());
        return List.copyOf(events.subList(from, events.size()));
    }

    /** Waits until the run is recorded or the job has finished, at most {@code millis}. */
    synchronized void awaitRecorded(long millis) throws InterruptedException {
        long deadline = System.nanoTime() + millis * 1_000_000L;
        while (runId == null && !state.finished()) {
            long left = (deadline - System.nanoTime()) / 1_000_000L;
            if (left <= 0) {
                return;
            }
            wait(left);
        }
    }

    /** Waits until the job has finished, at most {@code millis}; true when it has. */
    synchronized boolean awaitFinished(long millis) throws InterruptedException {
        long deadline = System.nanoTime() + millis * 1_000_000L;
        while (!state.finished()) {
            long left = (deadline - System.nanoTime()) / 1_000_000L;
            if (left <= 0) {
                return false;
            }
            wait(left);
        }
        return true;
    }

    /**
     * The job as the API shows it before its run is recorded: the run's keys that are known (the
     * rest are recorded with the run), its state and its place in the queue.
     */
    synchronized Map<String, Object> view(int queuePosition) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("run_id", runId);
        m.put("status", state.name());
        m.put("model_name", parsed.request().modelName()
                .orElseGet(() -> dev.grove.registry.ModelNames.defaultFor(parsed.dataset().toString())));
        m.put("model_version", version);
        m.put("trainer", parsed.request().trainer().orElse(null));
        m.put("dataset_path", parsed.dataset().toString());
        m.put("n_estimators", parsed.request().params().nEstimators());
        m.put("random_state", parsed.request().params().randomState());
        m.put("test_split", parsed.request().testSplit());
        m.put("trained_by", parsed.request().trainedBy());
        m.put("notes", parsed.request().notes());
        m.put("queued_at", queuedAt.toString());
        m.put("started_at", startedAt == null ? null : startedAt.toString());
        m.put("finished_at", finishedAt == null ? null : finishedAt.toString());
        m.put("queue_position", state == State.QUEUED ? queuePosition : null);
        m.put("error", error);
        return m;
    }
}
