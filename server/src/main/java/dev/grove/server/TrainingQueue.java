package dev.grove.server;

import dev.grove.CancelledException;
import dev.grove.Grove;
import dev.grove.GroveException;
import dev.grove.RunNotRecordedException;
import dev.grove.Stage;
import dev.grove.TrainingFailedException;
import dev.grove.TrainingResult;
import dev.grove.internal.RunView;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bounded training queue: a fixed number of worker threads ({@code concurrency}) train jobs
 * in the order they were accepted; at most {@code capacity} jobs wait. A job that finds no room
 * is refused with 429 and a {@code Retry-After} estimated from recent trainings. Model versions
 * are reserved when a job is accepted (given or a UTC timestamp), so two queued jobs never race
 * for one. Closing cancels what waits and stops what runs: their runs end INTERRUPTED.
 */
final class TrainingQueue implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TrainingQueue.class);
    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS").withZone(ZoneOffset.UTC);
    /** Finished jobs kept for their events and status (those whose run was never recorded live only here). */
    private static final int KEEP_FINISHED = 500;

    private final Grove grove;
    private final DataFolder data;
    private final int concurrency;
    private final int capacity;
    private final Clock clock;
    private final Deque<Job> waiting = new ArrayDeque<>();
    private final List<Job> running = new ArrayList<>();
    private final Map<String, Job> byVersion = new LinkedHashMap<>();
    private final List<Thread> workers = new ArrayList<>();
    private double typicalSeconds = 10; // smoothed duration of recent trainings, for Retry-After
    private boolean closed;

    TrainingQueue(Grove grove, DataFolder data, int concurrency, int capacity, Clock clock) {
        this.grove = grove;
        this.data = data;
        this.concurrency = concurrency;
        this.capacity = capacity;
        this.clock = clock;
        for (int i = 1; i <= concurrency; i++) {
            Thread t = new Thread(this::work, "grove-train-" + i);
            t.setDaemon(true); // close() stops them; a forgotten server must not keep the JVM alive
            workers.add(t);
            t.start();
        }
    }

    /** An accepted job: queued, and with an idle worker it starts at once ({@link Accepted#startsNow()}). */
    record Accepted(Job job, boolean startsNow) {
    }

    /**
     * Accepts a job, reserving its model version.
     *
     * @throws ApiException 429 when the queue is full, 503 once closing, 409 for a version taken by a
     *                      recorded run or by another job
     */
    synchronized Accepted submit(TrainingRequests.Parsed parsed) {
        if (closed) {
            throw new ApiException(503, "the server is stopping; it accepts no more trainings");
        }
        String version = parsed.request().modelVersion().orElseGet(this::freshVersion);
        // a taken version is refused before a full queue: retrying would not help it
        Job other = byVersion.get(version);
        if ((other != null && !other.state().finished()) || grove.runs().findByModelVersion(version).isPresent()) {
            throw new ApiException(409, "model version '" + version + "' already exists in the run store or the "
                    + "training queue; choose another model_version, or omit it for a fresh timestamp");
        }
        int active = waiting.size() + running.size();
        if (active >= concurrency + capacity) {
            long retry = retryAfterSeconds();
            throw new ApiException(429, "the training queue is full (" + running.size() + " training, " + waiting.size()
                    + " waiting, room for " + capacity + "); try again in about " + retry + " s",
                    Map.of("Retry-After", Long.toString(retry)), Map.of("retry_after_seconds", retry));
        }
        Job job = new Job(version, parsed.withVersion(version), clock.instant());
        remember(job);
        waiting.addLast(job);
        job.queued(waiting.size());
        notifyAll();
        return new Accepted(job, active < concurrency);
    }

    private String freshVersion() {
        String base = TIMESTAMP.format(clock.instant());
        String v = base;
        for (int n = 2; byVersion.containsKey(v) || grove.runs().findByModelVersion(v).isPresent(); n++) {
            v = base + "-" + n;
        }
        return v;
    }

    private void remember(Job job) {
        byVersion.put(job.version(), job);
        if (byVersion.size() > KEEP_FINISHED + concurrency + capacity) {
            byVersion.values().removeIf(j -> j.state().finished() && byVersion.size() > KEEP_FINISHED);
        }
    }

    synchronized Optional<Job> find(String version) {
        return Optional.ofNullable(byVersion.get(version));
    }

    synchronized Optional<Job> findByRun(long runId) {
        return byVersion.values().stream().filter(j -> j.runId().orElse(-1) == runId).reduce((a, b) -> b);
    }

    /** Running jobs first, then the waiting ones in order. */
    synchronized List<Job> active() {
        List<Job> all = new ArrayList<>(running);
        all.addAll(waiting);
        return all;
    }

    /** 1 for the next job to start, 0 when not waiting. */
    synchronized int position(Job job) {
        int i = 1;
        for (Job j : waiting) {
            if (j == job) {
                return i;
            }
            i++;
        }
        return 0;
    }

    synchronized int waitingCount() {
        return waiting.size();
    }

    synchronized int runningCount() {
        return running.size();
    }

    int concurrency() {
        return concurrency;
    }

    int capacity() {
        return capacity;
    }

    /**
     * Cancels a job: a waiting one leaves the queue (CANCELLED: nothing was read or recorded), a
     * running one is told to stop (its run ends INTERRUPTED, its model file is not kept).
     *
     * @return true when it was waiting and is now cancelled, false when a running training was told to stop
     * @throws ApiException 409 when it has already finished
     */
    boolean cancel(Job job, String reason) {
        synchronized (this) {
            if (waiting.remove(job)) {
                job.finish(Job.State.CANCELLED, clock.instant(), null, "training cancelled before it started: " + reason, 0);
                return true;
            }
        }
        if (job.state().finished()) {
            throw new ApiException(409, "the training of " + job.version() + " has already ended ("
                    + job.state() + "); only a queued or running training can be cancelled");
        }
        job.signal().cancel(reason);
        return false;
    }

    /** Seconds until a place is likely to free up, from recent trainings' durations. */
    synchronized long retryAfterSeconds() {
        double s = typicalSeconds * (waiting.size() + 1) / concurrency;
        return Math.max(1, Math.min(600, (long) Math.ceil(s)));
    }

    private void work() {
        while (true) {
            Job job;
            synchronized (this) {
                while (waiting.isEmpty() && !closed) {
                    try {
                        wait();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                if (waiting.isEmpty()) {
                    return; // closed and drained
                }
                job = waiting.pollFirst();
                running.add(job);
            }
            try {
                train(job);
            } finally {
                synchronized (this) {
                    running.remove(job);
                    job.seconds().ifPresent(s -> typicalSeconds = 0.7 * typicalSeconds + 0.3 * Math.max(0.05, s));
                    notifyAll();
                }
            }
        }
    }

    /** Trains one job on this worker thread and records how it ended; nothing escapes (the worker lives on). */
    private void train(Job job) {
        job.started(clock.instant());
        try {
            // the file was checked when the job was accepted; a link swapped in since then is caught here
            if (!data.resolve(job.parsed().datasetName()).equals(job.parsed().dataset())) {
                throw new ApiException(403, "dataset '" + job.parsed().datasetName() + "' changed into a link "
                        + "since the training was accepted; the server reads datasets only from its data folder");
            }
            TrainingResult r = grove.train(job.parsed().request(), e -> {
                job.progress(e);
                if (e.stage() == Stage.RECORD_START && e.done()) {
                    noteRun(job);
                }
            }, job.signal());
            job.finish(Job.State.SUCCEEDED, clock.instant(), RunView.of(r.run()), null, 0);
        } catch (CancelledException e) {
            if (e.runId().isPresent()) {
                job.finish(Job.State.INTERRUPTED, clock.instant(), stored(e.runId().getAsLong()), e.getMessage(), 0);
            } else {
                job.finish(Job.State.CANCELLED, clock.instant(), null, e.getMessage(), 0);
            }
        } catch (TrainingFailedException e) {
            job.finish(Job.State.FAILED, clock.instant(), stored(e.runId()), e.getMessage(), 0);
        } catch (RunNotRecordedException e) {
            job.finish(Job.State.FAILED, clock.instant(), stored(e.runId()), e.getMessage(), 0);
        } catch (GroveException | ApiException e) {
            // refused before its run was recorded: the same status a synchronous request would have had
            job.finish(Job.State.REFUSED, clock.instant(), null, Problems.detail(e), Problems.status(e));
        } catch (RuntimeException | Error e) {
            LOG.error("training {} failed unexpectedly", job.version(), e);
            Map<String, Object> run = job.runId().isPresent() ? stored(job.runId().getAsLong()) : null;
            job.finish(run != null ? Job.State.FAILED : Job.State.REFUSED, clock.instant(), run, Problems.detail(e),
                    run != null ? 0 : 500);
        }
    }

    /** The run id, once the training has recorded its run (found by the version the job reserved). */
    private void noteRun(Job job) {
        try {
            grove.runs().findByModelVersion(job.version()).ifPresent(r -> job.recorded(r.id()));
        } catch (RuntimeException e) {
            LOG.debug("run of {} not found yet: {}", job.version(), e.getMessage()); // the result will say
        }
    }

    private Map<String, Object> stored(long runId) {
        try {
            return grove.runs().findById(runId).map(RunView::of).orElse(null);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /**
     * Refuses new jobs, cancels the waiting ones, tells the running ones to stop, and waits up to
     * {@code grace} for them to record their runs INTERRUPTED.
     */
    @Override
    public void close() {
        close(Duration.ofSeconds(30));
    }

    void close(Duration grace) {
        List<Job> stopping;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            for (Job j : waiting) {
                j.finish(Job.State.CANCELLED, clock.instant(), null, "the server stopped before the training started", 0);
            }
            waiting.clear();
            stopping = new ArrayList<>(running);
            notifyAll();
        }
        stopping.forEach(j -> j.signal().cancel("the server stopped"));
        long deadline = System.nanoTime() + grace.toNanos();
        for (Thread t : workers) {
            try {
                t.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000L));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (t.isAlive()) {
                LOG.warn("{} did not stop within {}", t.getName(), grace);
            }
        }
    }
}
