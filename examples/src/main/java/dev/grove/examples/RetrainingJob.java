package dev.grove.examples;

import dev.grove.Grove;
import dev.grove.TrainingRequest;
import dev.grove.TrainingResult;
import dev.grove.run.RunRepository;
import dev.grove.run.TrainingRun;
import dev.grove.store.JooqRunRepository;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The original feature's planned "automated retraining trigger": a scheduled job that retrains
 * only when the dataset's bytes changed, i.e. when no successful run has its SHA-256 yet.
 *
 * <pre>./mvnw -q -pl examples exec:java -Dexec.mainClass=dev.grove.examples.RetrainingJob -Dexec.args="data.csv runs.db 60"</pre>
 */
public final class RetrainingJob implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RetrainingJob.class);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS").withZone(ZoneOffset.UTC);

    private final Grove grove;
    private final RunRepository runs;
    private final TrainingRequest template;
    private final Clock clock;
    private final java.util.concurrent.atomic.AtomicInteger checks = new java.util.concurrent.atomic.AtomicInteger();
    private final java.util.concurrent.atomic.AtomicInteger skips = new java.util.concurrent.atomic.AtomicInteger();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "grove-retraining");
        t.setDaemon(true);
        return t;
    });

    /** @param template what to train; its dataset is watched, its model version replaced per retraining */
    public RetrainingJob(Grove grove, RunRepository runs, TrainingRequest template, Clock clock) {
        this.grove = grove;
        this.runs = runs;
        this.template = template;
        this.clock = clock;
    }

    /** Checks once: retrains when the data's fingerprint has no successful run; else does nothing. */
    public Optional<TrainingResult> checkOnce() {
        Path data = template.data().file().orElseThrow(() -> new IllegalArgumentException("the template trains on a file"));
        String sha = sha256(data);
        Optional<TrainingRun> latest = runs.latestSucceeded(sha);
        Optional<TrainingResult> trained;
        if (latest.isPresent()) {
            LOG.info("{} unchanged (sha256 {}): run {} is current", data, sha, latest.get().id());
            skips.incrementAndGet();
            trained = Optional.empty();
        } else {
            LOG.info("{} changed (sha256 {}): retraining", data, sha);
            trained = Optional.of(grove.train(template.withModelVersion("retrain-" + STAMP.format(clock.instant()))
                    .withNotes("automatic retraining: dataset sha256 " + sha)));
        }
        checks.incrementAndGet();
        return trained;
    }

    /** Checks finished so far (trained or skipped). */
    public int checks() {
        return checks.get();
    }

    /** Checks that found the data unchanged and trained nothing. */
    public int skips() {
        return skips.get();
    }

    /** The SHA-256 of a file's bytes, as Grove records a CSV dataset's fingerprint. */
    static String sha256(Path file) {
        try (java.io.InputStream in = java.nio.file.Files.newInputStream(file)) {
            java.security.MessageDigest d = java.security.MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) {
                d.update(buf, 0, n);
            }
            return java.util.HexFormat.of().formatHex(d.digest());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Checks now and then every {@code period}; a failed check is logged and the schedule goes on. */
    public void start(Duration period) {
        scheduler.scheduleWithFixedDelay(() -> {
            try {
                checkOnce();
            } catch (RuntimeException e) {
                LOG.error("retraining check failed: {}", e.getMessage());
            }
        }, 0, period.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        scheduler.shutdown();
        scheduler.awaitTermination(1, TimeUnit.MINUTES);
    }

    /** Usage: {@code RetrainingJob DATASET.csv RUNS.db PERIOD_SECONDS}. Runs until stopped. */
    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: RetrainingJob DATASET.csv RUNS.db PERIOD_SECONDS");
            System.exit(2);
        }
        try (RunRepository runs = JooqRunRepository.open(args[1])) {
            Grove grove = Grove.builder().runs(runs).modelsDir(Path.of("models")).build();
            try (RetrainingJob job = new RetrainingJob(grove, runs, TrainingRequest.of(Path.of(args[0])), Clock.systemUTC())) {
                job.start(Duration.ofSeconds(Long.parseLong(args[2])));
                Thread.currentThread().join();
            }
        }
    }
}
