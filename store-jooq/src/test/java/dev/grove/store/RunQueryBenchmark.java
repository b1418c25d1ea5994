package dev.grove.store;

import static dev.grove.store.db.Tables.TRAINING_RUN;

import dev.grove.eval.ClassMetrics;
import dev.grove.eval.Evaluation;
import dev.grove.run.RunField;
import dev.grove.run.RunOutcome;
import dev.grove.run.RunQuery;
import dev.grove.run.RunSpec;
import dev.grove.run.RunStatus;
import dev.grove.run.TrainingRun;
import dev.grove.store.db.tables.records.TrainingRunRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;
import java.util.UUID;
import java.util.function.Supplier;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/**
 * Not a unit test: a timing of the common queries on a big SQLite store.
 *
 * <pre>
 * java -cp store-jooq/target/test-classes:store-jooq/target/classes:&lt;test classpath&gt; \
 *      dev.grove.store.RunQueryBenchmark [db-file] [runs=100000] [repetitions=21]
 * </pre>
 *
 * Loads {@code runs} runs (80 % succeeded, 15 % failed, 4 % running, 1 % interrupted, over 200
 * datasets) in one transaction through the generated jOOQ classes, then times each query through
 * {@link JooqRunRepository} and prints the median and worst of the repetitions (after 30 warm-up calls).
 * An existing file holding exactly {@code runs} runs is reused.
 * Target: each median at most 50 ms.
 */
public final class RunQueryBenchmark {
    private RunQueryBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path db = args.length > 0 ? Path.of(args[0]) : Files.createTempDirectory("grove-bench").resolve("runs.db");
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        int reps = args.length > 2 ? Integer.parseInt(args[2]) : 21;
        String[] hashes;
        if (Files.exists(db) && existingRuns(db) == runs) {
            hashes = hashes(new Random(42));
            System.out.printf(Locale.ROOT, "reusing %,d runs in %s (%,d bytes)%n", runs, db, Files.size(db));
        } else {
            Files.deleteIfExists(db);
            JooqRunRepository.open(db).close(); // create the schema
            long t0 = System.nanoTime();
            hashes = load(db, runs);
            System.out.printf(Locale.ROOT, "loaded %,d runs into %s in %.1f s (%,d bytes)%n", runs, db,
                    (System.nanoTime() - t0) / 1e9, Files.size(db));
        }

        try (JooqRunRepository repo = JooqRunRepository.open(db)) {
            String hash = hashes[hashes.length / 2];
            time("latest 50", reps, () -> repo.list(RunQuery.all().withLimit(50)));
            time("best 10 by F1", reps, () -> repo.list(RunQuery.all().withStatus(RunStatus.SUCCEEDED)
                    .orderBy(RunField.F1, true).withLimit(10)));
            time("all runs of one dataset hash", reps, () -> repo.list(RunQuery.all().withDatasetSha256(hash)));
            time("best by accuracy (best())", reps, () -> repo.best(RunField.ACCURACY, RunQuery.all()).stream().toList());
            time("latest succeeded of a dataset", reps, () -> repo.latestSucceeded(hash).stream().toList());
            time("RUNNING runs (stale check)", reps, () -> repo.list(RunQuery.all().withStatus(RunStatus.RUNNING)));
            time("page 100 of 50, by version", reps, () -> repo.list(RunQuery.all().orderBy(RunField.MODEL_VERSION, false)
                    .withLimit(50).withOffset(5_000)));
        }
    }

    private static void time(String name, int reps, Supplier<List<TrainingRun>> query) {
        int rows = 0;
        for (int i = 0; i < 30; i++) { // warm-up (JIT, page cache)
            rows = query.get().size();
        }
        double[] ms = new double[reps];
        for (int i = 0; i < reps; i++) {
            long s = System.nanoTime();
            rows = query.get().size();
            ms[i] = (System.nanoTime() - s) / 1e6;
        }
        Arrays.sort(ms);
        System.out.printf(Locale.ROOT, "%-32s %6d rows   median %7.2f ms   max %7.2f ms   %s%n", name, rows,
                ms[reps / 2], ms[reps - 1], ms[reps / 2] <= 50 ? "OK (<= 50 ms)" : "SLOW (> 50 ms)");
    }

    private static int existingRuns(Path db) {
        try (JooqRunRepository repo = JooqRunRepository.open(db)) {
            return repo.list(RunQuery.all().orderBy(RunField.ID, true).withLimit(1)).stream()
                    .mapToInt(r -> (int) r.id()).findFirst().orElse(0);
        }
    }

    private static String[] hashes(Random rnd) {
        String[] hashes = new String[200];
        for (int i = 0; i < hashes.length; i++) {
            hashes[i] = String.format("%064x", new java.math.BigInteger(256, rnd));
        }
        return hashes;
    }

    private static String[] load(Path db, int runs) throws Exception {
        Random rnd = new Random(42);
        String[] hashes = hashes(rnd);
        String[] trainers = {"smile", "tribuo"};
        Instant start = Instant.parse("2024-01-01T00:00:00Z");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db)) {
            DSLContext ctx = DSL.using(c, SQLDialect.SQLITE);
            ctx.transaction(tx -> {
                DSLContext t = tx.dsl();
                List<TrainingRunRecord> batch = new ArrayList<>();
                for (int i = 0; i < runs; i++) {
                    Instant at = start.plusSeconds(600L * i + rnd.nextInt(300));
                    Map<String, Object> params = new LinkedHashMap<>();
                    params.put("n_estimators", 100 + 50 * rnd.nextInt(4));
                    params.put("random_state", (long) i);
                    params.put("threads", 2);
                    Map<String, Integer> dist = new LinkedHashMap<>();
                    dist.put("LOW", 300 + rnd.nextInt(100));
                    dist.put("MEDIUM", 250 + rnd.nextInt(100));
                    dist.put("HIGH", 100 + rnd.nextInt(100));
                    RunSpec spec = new RunSpec(UUID.randomUUID(), "set" + (i % hashes.length), String.format("bench-%06d", i), at,
                            trainers[i % 2], "1.0", params, (Integer) params.get("n_estimators"), i, 0.2,
                            "/data/set" + (i % hashes.length) + ".csv", hashes[i % hashes.length],
                            Map.of("format", "csv"), "future_need", 700, 560, 140, dist, 3.2,
                            List.of("x1", "x2", "x3", "x4", "x5"), Map.of("x1", "numeric"), "/models/bench-" + i + ".bin",
                            "bench", "bench-host", 1000 + i % 50, "OpenJDK 17", "", OptionalLong.empty(), Optional.empty());
                    TrainingRunRecord r = t.newRecord(TRAINING_RUN);
                    RunRecords.fillStart(r, spec);
                    int kind = rnd.nextInt(100);
                    if (kind < 80) {
                        double f1 = 0.5 + rnd.nextDouble() * 0.5;
                        Evaluation e = new Evaluation(List.of("LOW", "MEDIUM", "HIGH"), 140, f1 + 0.01, f1, f1, f1,
                                f1, f1, f1, List.of(new ClassMetrics("LOW", f1, f1, f1, 60),
                                new ClassMetrics("MEDIUM", f1, f1, f1, 50), new ClassMetrics("HIGH", f1, f1, f1, 30)),
                                new int[][] {{50, 5, 5}, {5, 40, 5}, {2, 3, 25}});
                        RunRecords.fillOutcome(r, new RunOutcome(e, rnd.nextDouble() * 60, "ab".repeat(32), params));
                        r.set(TRAINING_RUN.STATUS, RunStatus.SUCCEEDED.name());
                        r.set(TRAINING_RUN.FINISHED_AT, at.plusSeconds(60));
                    } else if (kind < 95) {
                        r.set(TRAINING_RUN.STATUS, RunStatus.FAILED.name());
                        r.set(TRAINING_RUN.ERROR_MESSAGE, "java.lang.IllegalStateException: benchmark failure");
                        r.set(TRAINING_RUN.FINISHED_AT, at.plusSeconds(5));
                    } else if (kind < 99) {
                        r.set(TRAINING_RUN.STATUS, RunStatus.RUNNING.name());
                    } else {
                        r.set(TRAINING_RUN.STATUS, RunStatus.INTERRUPTED.name());
                        r.set(TRAINING_RUN.ERROR_MESSAGE, "process gone");
                        r.set(TRAINING_RUN.FINISHED_AT, at.plusSeconds(9));
                    }
                    batch.add(r);
                    if (batch.size() == 2_000) {
                        t.batchInsert(batch).execute();
                        batch.clear();
                    }
                }
                if (!batch.isEmpty()) {
                    t.batchInsert(batch).execute();
                }
            });
        }
        return hashes;
    }
}
