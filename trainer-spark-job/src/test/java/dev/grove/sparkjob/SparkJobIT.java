package dev.grove.sparkjob;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.grove.data.CsvOptions;
import dev.grove.data.CsvReader;
import dev.grove.data.Dataset;
import dev.grove.data.ExternalTable;
import dev.grove.data.NumericColumn;
import dev.grove.run.RunQuery;
import dev.grove.run.RunStatus;
import dev.grove.run.TrainingRun;
import dev.grove.store.JooqRunRepository;
import dev.grove.smile.SmileTrainer;
import dev.grove.spark.SparkTrainer;
import dev.grove.spark.SplitRows;
import dev.grove.testing.PostgresTestServer;
import dev.grove.train.FitProgress;
import dev.grove.train.Predictions;
import dev.grove.train.TrainingParams;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.apache.spark.ml.classification.RandomForestClassificationModel;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.SparkSession;

/**
 * The job as a team runs it: a standalone cluster of separate JVMs (a Master, two one-core Workers),
 * {@code spark-submit} of {@code grove-spark-job.jar train --trainer spark} on synth_100k (100,000 rows
 * × 20 features, gzipped CSV, read by the executors), the run recorded in a SQLite store (and in
 * PostgreSQL when {@code GROVE_TEST_POSTGRES_URL} is set); then the exported model predicting with no
 * Spark anywhere on its class path, as Spark's own model does.
 */
class SparkJobIT {
    static final int TREES = 20;
    static final int MAX_DEPTH = 10;
    static final int PARTITIONS = 2;
    static final long SEED = 42;
    /** Generous: a loaded 2-core machine trains several times slower than an idle one; the limit only catches a hang. */
    static final Duration SUBMIT_TIMEOUT = Duration.ofMinutes(8);

    @TempDir
    static Path dir;
    static StandaloneCluster cluster;
    static Path dataset;
    static Path modelFile;
    static SparkSubmit.Result submitted;
    static long submitSeconds;
    static SparkSession local;
    /** The PostgreSQL server when GROVE_TEST_POSTGRES_URL is set (the run then goes there), else null (SQLite). */
    static PostgresTestServer postgres;
    static String store;

    @BeforeAll
    static void trainOnTheCluster() throws IOException {
        dataset = copyResource("synth_100k.csv.gz", dir.resolve("data"));
        cluster = StandaloneCluster.start(dir.resolve("cluster"), BuildOutputs.sparkClasspath(), 2, "768m");
        modelFile = dir.resolve("models/synth/model.bin");
        store = chooseStore();
        long start = System.nanoTime();
        submitted = train(store, modelFile, TREES, MAX_DEPTH);
        submitSeconds = (System.nanoTime() - start) / 1_000_000_000L;
        assertEquals(0, submitted.exit(), () -> submitted + "\n" + cluster.workerLogTails());
        var json = dev.grove.internal.GroveJson.reader().readTree(submitted.out());
        System.out.printf("spark-submit on the cluster: %d s; stage seconds %s; accuracy %s%n", submitSeconds,
                json.get("stage_seconds"), json.get("accuracy"));
    }

    /**
     * PostgreSQL (a schema of its own) when {@code GROVE_TEST_POSTGRES_URL} is set, as a team runs it;
     * else SQLite. With {@code GROVE_REQUIRE_POSTGRES=1} and no server, the test fails.
     */
    static String chooseStore() {
        String url = System.getenv(PostgresTestServer.URL_ENV);
        if ((url != null && !url.isBlank()) || "1".equals(System.getenv(PostgresTestServer.REQUIRE_ENV))) {
            postgres = PostgresTestServer.require();
            return postgres.freshSchemaUrl();
        }
        System.out.println(PostgresTestServer.URL_ENV + " not set: the cluster's run goes to a SQLite store");
        return "jdbc:sqlite:" + dir.resolve("grove.db");
    }

    @AfterAll
    static void stopTheCluster() {
        if (postgres != null) {
            postgres.dropAll();
        }
        if (cluster == null) {
            return;
        }
        if (local != null) {
            local.stop();
        }
        List<ProcessHandle> started = new ArrayList<>(cluster.processes());
        cluster.processes().forEach(p -> p.descendants().forEach(started::add));
        cluster.close();
        assertEquals(List.of(), StandaloneCluster.alive(started).toList(), "cluster processes left running");
    }

    /** The README's command, against this cluster. */
    static SparkSubmit.Result train(String db, Path model, int trees, int maxDepth) {
        try {
            Files.createDirectories(model.getParent()); // grove train never creates the model's folder
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return SparkSubmit.run(dir.resolve("driver"), BuildOutputs.sparkClasspath(), cluster.environment(), SUBMIT_TIMEOUT,
                List.of("--master", cluster.masterUrl(), "--deploy-mode", "client",
                        "--conf", "spark.ui.enabled=false",
                        "--conf", "spark.driver.host=" + StandaloneCluster.HOST,
                        "--conf", "spark.driver.bindAddress=" + StandaloneCluster.HOST,
                        "--conf", "spark.executor.memory=512m",
                        "--class", "dev.grove.cli.Main"),
                BuildOutputs.jobJar(),
                List.of("train", "--trainer", "spark", "--dataset", dataset.toString(), "--format", "csv",
                        "--label", "label", "--n-estimators", String.valueOf(trees), "--max-depth", String.valueOf(maxDepth),
                        "--random-state", String.valueOf(SEED), "-P", "partitions=" + PARTITIONS,
                        "--db", db, "--save-path", model.toString(), "--json"));
    }

    @Test
    void recordsTheRunLikeEveryOtherRun() {
        try (JooqRunRepository runs = JooqRunRepository.open(store)) {
            List<TrainingRun> all = runs.list(RunQuery.all());
            assertEquals(1, all.size());
            assertSparkRun(all.get(0), modelFile, TREES);
        }
    }

    /** Both Workers ran an executor of the job: the training was spread over two JVMs besides the driver. */
    @Test
    void ranExecutorsOnBothWorkers() throws IOException {
        for (int w = 1; w <= 2; w++) {
            String log = Files.readString(dir.resolve("cluster/worker-" + w + ".log"));
            assertTrue(log.contains("Asked to launch executor app-"), "worker " + w + " ran no executor\n"
                    + cluster.workerLogTails());
        }
    }

    /**
     * The job jar reads a SQLite store under spark-submit (sqlite-jdbc loads its native library from
     * the shaded jar), also when the cluster's run went to PostgreSQL; {@code --verbose} works with
     * Spark's logging (there is no logback in the job jar).
     */
    @Test
    void jobJarReadsASqliteStore() throws IOException {
        Path db = dir.resolve("smoke/runs.db");
        Files.createDirectories(db.getParent());
        JooqRunRepository.open(db).close(); // an empty store, made by this JVM's Grove
        SparkSubmit.Result r = SparkSubmit.run(dir.resolve("driver"), BuildOutputs.sparkClasspath(), cluster.environment(),
                SUBMIT_TIMEOUT, List.of("--master", "local[1]", "--class", "dev.grove.cli.Main"), BuildOutputs.jobJar(),
                List.of("runs", "list", "--db", db.toString(), "--json", "--verbose"));
        assertEquals(0, r.exit(), r::toString);
        var runs = dev.grove.internal.GroveJson.reader().readTree(r.out());
        assertTrue(runs.isArray() && runs.isEmpty(), r::toString);
    }

    static void assertSparkRun(TrainingRun run, Path model, int trees) {
        assertEquals(RunStatus.SUCCEEDED, run.status(), () -> run.error().orElse(""));
        var spec = run.spec();
        assertEquals("spark", spec.trainerName());
        assertEquals("4.2.0", spec.trainerVersion());
        assertEquals(trees, spec.nEstimators());
        assertEquals(SEED, spec.randomState());
        assertEquals(String.valueOf(PARTITIONS), String.valueOf(run.params().get("partitions")), run.params()::toString);
        assertEquals("spark-hash-stratified-v1", spec.readOptions().get("split"), spec.readOptions()::toString);
        assertEquals(dataset.toString(), spec.datasetPath());
        assertEquals("label", spec.labelColumn());
        assertEquals(100_000, spec.totalSamples());
        assertEquals(100_000, spec.trainSamples() + spec.testSamples());
        // 20 % of each class, rounded per class as core's portable split does
        int expectedTest = spec.classDistribution().values().stream().mapToInt(k -> (int) Math.floor(k * 0.2 + 0.5)).sum();
        assertEquals(expectedTest, spec.testSamples());
        assertEquals(Map.of("HIGH", 33_341, "LOW", 33_311, "MEDIUM", 33_348), new java.util.HashMap<>(spec.classDistribution()));
        assertEquals(20, spec.featuresUsed().size());
        assertEquals(model.toAbsolutePath().toString(), Path.of(spec.modelPath()).toAbsolutePath().toString());
        assertTrue(Files.isRegularFile(model), "no model file at " + model);
        assertTrue(Files.isDirectory(model.resolveSibling("model.spark")), "no native model beside " + model);
        var outcome = run.outcome().orElseThrow();
        assertEquals(spec.testSamples(), outcome.evaluation().samples());
        assertTrue(outcome.evaluation().accuracy() > 0.8, "accuracy " + outcome.evaluation().accuracy());
        assertEquals(sha256(model), outcome.modelSha256());
    }

    /**
     * {@code grove predict} with the exported model, in a JVM whose class path is the default
     * {@code grove.jar} and the trainer-spark jar — no Spark, no Scala — gives, on every row of the
     * data (the test rows among them), the class Spark's own model ({@code model.spark/}, loaded
     * here on local[2]) predicts.
     */
    @Test
    void exportedModelPredictsWithoutSparkAsSparksOwnModelDoes() throws IOException, InterruptedException {
        List<Path> laptop = List.of(BuildOutputs.cliJar(), classpathEntry("trainer-spark"));
        for (Path entry : laptop) {
            assertFalse(holdsSpark(entry), entry + " holds Spark or Scala classes");
        }
        Path csv = plainCsv();
        Path out = dir.resolve("predicted.csv");
        Path err = dir.resolve("predict.err");
        Process p = new ProcessBuilder(StandaloneCluster.java(), "-Xmx512m", "-cp", classpath(laptop), "dev.grove.cli.Main",
                "predict", "--model", modelFile.toString(), "--input", csv.toString(), "--output", out.toString())
                .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(err.toFile()).start();
        assertTrue(p.waitFor(2, java.util.concurrent.TimeUnit.MINUTES), "grove predict did not finish");
        assertEquals(0, p.exitValue(), () -> "grove predict failed: " + StandaloneCluster.tail(err, 30));

        List<String> exported = Files.readAllLines(out);
        assertTrue(exported.get(0).endsWith(",prediction"), exported.get(0));
        List<String> rows = Files.readAllLines(csv);
        assertEquals(rows.size(), exported.size());

        RandomForestClassificationModel spark = RandomForestClassificationModel.load(
                modelFile.resolveSibling("model.spark").toUri().toString());
        List<String> classes;
        try (InputStream in = Files.newInputStream(modelFile)) {
            classes = new SparkTrainer().load(in).classes();
        }
        int differ = 0;
        StringBuilder first = new StringBuilder();
        for (int i = 1; i < rows.size(); i++) {
            String[] cells = rows.get(i).split(",");
            double[] x = new double[cells.length - 1];
            for (int j = 0; j < x.length; j++) {
                x[j] = Double.parseDouble(cells[j]);
            }
            String bySpark = classes.get((int) spark.predict(Vectors.dense(x)));
            String byGrove = exported.get(i).substring(exported.get(i).lastIndexOf(',') + 1);
            if (!bySpark.equals(byGrove)) {
                if (differ++ < 5) {
                    first.append("\nrow ").append(i).append(": spark ").append(bySpark).append(", exported ").append(byGrove);
                }
            }
        }
        assertEquals(0, differ, "rows predicted differently by the exported and the native model" + first);
    }

    /**
     * The cluster's recorded accuracy is within 1 point of the smile trainer's trained on the same
     * split's train rows (trainer-spark's split, computed here; same trees, depth and seed) and
     * scored on the rest.
     */
    @Test
    void accuracyIsWithinOnePointOfSmileOnTheSameSplit() throws IOException {
        TrainingRun run;
        try (JooqRunRepository runs = JooqRunRepository.open(store)) {
            run = runs.list(RunQuery.all()).get(0);
        }
        TrainingParams params = TrainingParams.defaults().withNEstimators(TREES).withMaxDepth(MAX_DEPTH)
                .withRandomState(SEED).withThreads(2);
        Dataset train = SplitRows.trainRows(localSpark(), new ExternalTable(dataset.toString(), "csv", Optional.of("label")),
                params.withExtra("partitions", String.valueOf(PARTITIONS)), 0.2);
        Dataset all = CsvReader.readDataset(plainCsv(), CsvOptions.defaults().withLabel("label"));
        Dataset test = all.select(rowsNotIn(all, train));
        assertEquals(run.spec().trainSamples(), train.size());
        assertEquals(run.spec().testSamples(), test.size());

        Predictions bySmile = new SmileTrainer().fit(train, params, FitProgress.NONE).predict(test.features());
        int correct = 0;
        for (int i = 0; i < test.size(); i++) {
            correct += bySmile.label(i).equals(test.classes().get(test.label(i))) ? 1 : 0;
        }
        double smile = (double) correct / test.size();
        double spark = run.outcome().orElseThrow().evaluation().accuracy();
        System.out.printf("synth_100k on the cluster: spark accuracy %.4f, smile on the same split %.4f; spark-submit %d s%n",
                spark, smile, submitSeconds);
        assertTrue(Math.abs(spark - smile) <= 0.01, "spark " + spark + " vs smile " + smile);
    }

    /** Indexes of the rows of {@code all} left once each row of {@code subset} is taken out once (rows compared by value). */
    static int[] rowsNotIn(Dataset all, Dataset subset) {
        Map<String, Integer> left = new java.util.HashMap<>();
        for (int i = 0; i < subset.size(); i++) {
            left.merge(key(subset, i), 1, Integer::sum);
        }
        java.util.stream.IntStream.Builder rest = java.util.stream.IntStream.builder();
        for (int i = 0; i < all.size(); i++) {
            String k = key(all, i);
            Integer n = left.get(k);
            if (n == null) {
                rest.add(i);
            } else if (n == 1) {
                left.remove(k);
            } else {
                left.put(k, n - 1);
            }
        }
        assertEquals(Map.of(), left, "train rows not found in the data");
        return rest.build().toArray();
    }

    private static String key(Dataset d, int row) {
        StringBuilder k = new StringBuilder(d.classes().get(d.label(row)));
        for (String name : d.features().columnNames()) {
            k.append(',').append(((NumericColumn) d.features().require(name)).get(row));
        }
        return k.toString();
    }

    private static synchronized SparkSession localSpark() {
        if (local == null) {
            local = SparkSession.builder().appName("grove-spark-job-it").master("local[2]")
                    .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "4")
                    .config("spark.driver.host", StandaloneCluster.HOST)
                    .config("spark.driver.bindAddress", StandaloneCluster.HOST).getOrCreate();
        }
        return local;
    }

    private static synchronized Path plainCsv() throws IOException {
        Path csv = dir.resolve("data/synth_100k.csv");
        return Files.exists(csv) ? csv : gunzip(dataset, csv);
    }

    /** The test class path's entry for a reactor module (its jar or classes folder). */
    static Path classpathEntry(String module) {
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        return java.util.Arrays.stream(cp.split(File.pathSeparator))
                .filter(e -> e.contains("/" + module + "/target/") || e.matches(".*/grove-" + module + "-[0-9][^/]*\\.jar"))
                .map(Path::of).findFirst()
                .orElseThrow(() -> new IllegalStateException(module + " is not on the test class path: " + cp));
    }

    static boolean holdsSpark(Path entry) throws IOException {
        if (Files.isDirectory(entry)) {
            return Files.exists(entry.resolve("org/apache/spark")) || Files.exists(entry.resolve("scala"));
        }
        try (java.util.jar.JarFile jar = new java.util.jar.JarFile(entry.toFile())) {
            return jar.stream().anyMatch(e -> e.getName().startsWith("org/apache/spark/") || e.getName().startsWith("scala/"));
        }
    }

    static String sha256(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            var md = java.security.MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
            }
            return java.util.HexFormat.of().formatHex(md.digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static Path copyResource(String name, Path toDir) throws IOException {
        Files.createDirectories(toDir);
        Path target = toDir.resolve(name);
        try (InputStream in = SparkJobIT.class.getResourceAsStream("/" + name)) {
            if (in == null) {
                throw new IllegalStateException("test resource " + name + " is missing");
            }
            Files.copy(in, target);
        }
        return target;
    }

    static Path gunzip(Path gz, Path target) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(gz))) {
            Files.copy(in, target);
        }
        return target;
    }

    static String classpath(List<Path> entries) {
        return String.join(File.pathSeparator, entries.stream().map(Path::toString).toList());
    }
}
