package dev.grove;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.grove.data.CsvOptions;
import dev.grove.data.CsvReader;
import dev.grove.data.DataInput;
import dev.grove.data.Dataset;
import dev.grove.eval.Evaluation;
import dev.grove.eval.Evaluator;
import dev.grove.internal.GroveJson;
import dev.grove.internal.PortableStratifiedSplit;
import dev.grove.internal.Sha256;
import dev.grove.internal.TrainingRows;
import dev.grove.registry.Models;
import dev.grove.registry.Promotion;
import dev.grove.registry.Reproduction;
import dev.grove.retrain.RetrainPolicy;
import dev.grove.run.InMemoryRunRepository;
import dev.grove.run.RunQuery;
import dev.grove.run.RunStatus;
import dev.grove.run.TrainingRun;
import dev.grove.testing.CentroidTrainer;
import dev.grove.testing.TableTrainer;
import dev.grove.testing.TestData;
import dev.grove.train.Predictions;
import dev.grove.train.TrainerRegistry;
import dev.grove.train.TrainingParams;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pipeline's path for a trainer that reads its data where it lives ({@link TableTrainer}
 * standing in for Spark): the same record, core's metrics from the trainer's counts, the same
 * atomic artifacts plus the trainer's native model, and the same refusals and failure handling.
 */
class GroveSourceTest {
    private static final String LABEL = "future_need_level";

    @TempDir
    Path dir;

    private InMemoryRunRepository runs;
    private TableTrainer table;
    private Grove grove;
    private Path data;

    @BeforeEach
    void setUp() {
        runs = new InMemoryRunRepository();
        table = new TableTrainer();
        grove = Grove.builder().trainers(TrainerRegistry.of(new CentroidTrainer(), table)).runs(runs)
                .modelsDir(dir.resolve("models")).build();
        data = TestData.copy(TestData.FUTURE_SKILLS, dir);
    }

    private TrainingRequest onTable(String version) {
        return TrainingRequest.of(DataInput.external(data.toString(), "csv").withLabel(LABEL))
                .withTrainer(TableTrainer.NAME).withModelVersion(version);
    }

    @Test
    void aSourceRunIsRecordedWithTheFieldsOfEveryRunAndScoredByCore() throws IOException {
        List<ProgressEvent> events = new ArrayList<>();
        TrainingResult r = grove.train(onTable("t1").withNotes("on the table").withTrainedBy("ana"), events::add);

        TrainingRun run = runs.findById(r.runId()).orElseThrow();
        assertEquals(RunStatus.SUCCEEDED, run.status());
        assertEquals("table", run.spec().trainerName());
        assertEquals(data.toString(), run.spec().datasetPath());
        assertEquals(Sha256.of(data), run.spec().datasetSha256());
        assertEquals(LABEL, run.spec().labelColumn());
        assertEquals(400, run.spec().totalSamples());
        assertEquals(320, run.spec().trainSamples());
        assertEquals(80, run.spec().testSamples());
        assertEquals(Map.of("MEDIUM", 180, "HIGH", 180, "LOW", 40), run.spec().classDistribution());
        assertEquals(4.5, run.spec().imbalanceRatio(), 1e-12);
        assertEquals(List.of("skill_name", "job_family", "trend_score", "internal_usage", "training_requests",
                "scarcity_index", "hiring_difficulty", "avg_salary_k", "economic_indicator"), run.spec().featuresUsed());
        assertEquals("categorical", run.spec().featureTypes().get("job_family"));
        assertEquals("numeric", run.spec().featureTypes().get("trend_score"));
        assertEquals("3", run.spec().params().get("partitions"), "the trainer's resolved params are recorded");
        Map<String, Object> readOptions = new LinkedHashMap<>();
        readOptions.put("format", "csv");
        readOptions.put("location", data.toString());
        readOptions.put("label", LABEL);
        readOptions.put("split", TableTrainer.SPLIT);
        assertEquals(GroveJson.compact(readOptions), GroveJson.compact(run.spec().readOptions()));
        assertTrue(run.spec().referenceProfile().isEmpty(), "the rows never came here: no reference profile");
        assertEquals("ana", run.spec().trainedBy());
        assertEquals("on the table", run.spec().notes());

        // The model file, its sidecar and the trainer's native model; no training rows.
        assertEquals(Sha256.of(Files.readAllBytes(r.modelPath())), run.outcome().orElseThrow().modelSha256());
        assertTrue(Files.isRegularFile(r.sidecarPath()));
        assertTrue(Files.isRegularFile(TableTrainer.nativeDir(r.modelPath()).resolve("model")));
        assertFalse(Files.exists(TrainingRows.fileOf(r.modelPath())));

        // The metrics are core's evaluator on the model's predictions of the trainer's test rows (not the portable split's).
        Dataset all = CsvReader.readDataset(data, CsvOptions.defaults().withLabel(LABEL));
        int[] test = TableTrainer.testRows(all, 0.2, 42);
        assertFalse(Arrays.equals(test, PortableStratifiedSplit.split(all.labels(), all.classes().size(), 0.2, 42).test()));
        Dataset rows = all.select(test);
        Predictions p = grove.loadModel(r.modelPath()).predict(rows.features());
        int[] predicted = new int[test.length];
        for (int i = 0; i < test.length; i++) {
            predicted[i] = all.classes().indexOf(p.label(i));
        }
        Evaluation expected = Evaluator.evaluate(all.classes(), rows.labels(), predicted);
        assertEquals(GroveJson.compact(expected), GroveJson.compact(run.outcome().orElseThrow().evaluation()));
        assertEquals(GroveJson.compact(expected), GroveJson.compact(r.evaluation()));

        List<Stage> ended = events.stream().filter(ProgressEvent::done).map(ProgressEvent::stage).toList();
        assertEquals(List.of(Stage.values()), ended);
        assertEquals(0, table.openTables(), "the prepared table is closed");
    }

    @Test
    void aTrainerAndDataThatDoNotGoTogetherAreRefusedBeforeAnyRunIsRecorded() throws IOException {
        String inMemoryTrainer = assertThrows(InvalidRequestException.class, () -> grove.train(onTable("x")
                .withTrainer(CentroidTrainer.NAME))).getMessage();
        assertEquals("trainer 'centroid' trains on rows read into memory and cannot read the external table " + data
                + "; choose a trainer that reads it where it lives: table (e.g. --trainer table)", inMemoryTrainer);

        String csvFile = assertThrows(InvalidRequestException.class, () -> grove.train(TrainingRequest.of(data)
                .withTrainer(TableTrainer.NAME))).getMessage();
        assertTrue(csvFile.contains("trainer 'table' reads its data where it lives") && csvFile.contains("--dataset PATH|URI"),
                csvFile);

        Grove noSource = Grove.builder().trainers(TrainerRegistry.of(new CentroidTrainer())).runs(runs)
                .modelsDir(dir.resolve("models")).build();
        String none = assertThrows(InvalidRequestException.class, () -> noSource.train(onTable("x")
                .withTrainer(CentroidTrainer.NAME))).getMessage();
        assertTrue(none.contains("no trainer on the classpath reads tables where they live"), none);

        String unknownExtra = assertThrows(InvalidRequestException.class, () -> grove.train(onTable("x")
                .withParams(TrainingParams.defaults().withExtra("depth", "3")))).getMessage();
        assertTrue(unknownExtra.contains("depth"), unknownExtra);

        String unreadable = assertThrows(InvalidDataException.class, () -> grove.train(onTable("x")
                .withParams(TrainingParams.defaults().withExtra("fail", "prepare")))).getMessage();
        assertEquals("trainer 'table' could not read the csv table " + data + ": java.io.FileNotFoundException: no such "
                + "table, as an engine says it; check its location and --format", unreadable);

        // Untrainable data is refused after the trainer prepared it, and the prepared table is closed.
        Path oneClass = Files.writeString(dir.resolve("one.csv"), "a,y\n1,P\n2,P\n3,P\n");
        String single = assertThrows(InvalidDataException.class, () -> grove.train(TrainingRequest.of(
                DataInput.external(oneClass.toString(), "csv")).withTrainer(TableTrainer.NAME))).getMessage();
        assertTrue(single.contains("has a single class ('P', 3 rows)"), single);
        assertEquals(0, table.openTables());

        assertEquals(0, runs.list(RunQuery.all()).size());
        assertNoFilesUnder(dir.resolve("models"));
    }

    @Test
    void aFailedFitIsRecordedFailedAndLeavesNothing() throws IOException {
        TrainingFailedException e = assertThrows(TrainingFailedException.class, () -> grove.train(onTable("bad")
                .withParams(TrainingParams.defaults().withExtra("fail", "fit"))));
        TrainingRun run = runs.findByModelVersion("bad").orElseThrow();
        assertEquals(run.id(), e.runId());
        assertEquals(RunStatus.FAILED, run.status());
        assertTrue(run.error().orElseThrow().contains("the table fit failed on purpose"), run.error().orElseThrow());
        assertNoFilesUnder(dir.resolve("models"));
        assertEquals(0, table.openTables());
    }

    @Test
    void aCancelledSourceRunIsInterruptedAndLeavesNothing() throws Exception {
        CancelSignal signal = new CancelSignal();
        java.util.concurrent.CountDownLatch fitting = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CompletableFuture<TrainingResult> training = java.util.concurrent.CompletableFuture
                .supplyAsync(() -> grove.train(onTable("stop").withParams(TrainingParams.defaults().withExtra("fail",
                        "cancel")), e -> {
                            if (e.stage() == Stage.FIT) {
                                fitting.countDown();
                            }
                        }, signal));
        assertTrue(fitting.await(30, java.util.concurrent.TimeUnit.SECONDS));
        signal.cancel("stopped by the test");

        java.util.concurrent.ExecutionException e = assertThrows(java.util.concurrent.ExecutionException.class,
                () -> training.get(30, java.util.concurrent.TimeUnit.SECONDS));
        assertTrue(e.getCause() instanceof CancelledException, String.valueOf(e.getCause()));
        TrainingRun run = runs.findByModelVersion("stop").orElseThrow();
        assertEquals(RunStatus.INTERRUPTED, run.status());
        assertEquals("training cancelled: stopped by the test", run.error().orElseThrow());
        assertNoFilesUnder(dir.resolve("models"));
        assertEquals(0, table.openTables());
    }

    @Test
    void aNativeModelThatCannotBeWrittenFailsTheRunAndLeavesNothing() throws IOException {
        assertThrows(TrainingFailedException.class, () -> grove.train(onTable("bad")
                .withParams(TrainingParams.defaults().withExtra("fail", "native"))));
        TrainingRun run = runs.findByModelVersion("bad").orElseThrow();
        assertEquals(RunStatus.FAILED, run.status());
        assertTrue(run.error().orElseThrow().contains("writing the native model failed on purpose"));
        assertNoFilesUnder(dir.resolve("models"));
        assertEquals(0, table.openTables());
    }

    @Test
    void aWrittenModelThatPredictsOtherwiseThanTheEngineFailsTheRun() throws IOException {
        TrainingFailedException e = assertThrows(TrainingFailedException.class, () -> grove.train(onTable("bad")
                .withParams(TrainingParams.defaults().withExtra("fail", "verify"))));
        assertTrue(e.getMessage().contains("trainer 'table' does not export its models faithfully"), e.getMessage());
        TrainingRun run = runs.findByModelVersion("bad").orElseThrow();
        assertEquals(RunStatus.FAILED, run.status());
        assertEquals(e.getMessage(), run.error().orElseThrow());
        assertNoFilesUnder(dir.resolve("models"));
        assertFalse(Files.exists(TableTrainer.nativeDir(dir.resolve("models/bad/model.bin"))));
        assertEquals(0, table.openTables());
    }

    @Test
    void aSourceRunReproducesFromItsRecordWithTheTrainersParams() {
        TrainingRun original = grove.train(onTable("t1").withParams(TrainingParams.defaults().withNEstimators(7)
                .withRandomState(5).withExtra("partitions", "5"))).run();

        Reproduction r = grove.reproduce("t1", "ci");

        assertTrue(r.identical(), r.differences().toString());
        TrainingRun again = r.reproduction().run();
        assertEquals(RunStatus.SUCCEEDED, again.status());
        assertEquals("table", again.spec().trainerName());
        assertEquals(original.spec().readOptions(), again.spec().readOptions());
        assertEquals("5", again.spec().params().get("partitions"));
        assertEquals(5L, again.spec().randomState());
        assertEquals(7, again.spec().nEstimators());
        assertEquals(original.outcome().orElseThrow().modelSha256(), again.outcome().orElseThrow().modelSha256());
        assertEquals(0, table.openTables());
    }

    @Test
    void aChangedTableShowsInTheReproductionsDifferences() throws IOException {
        grove.train(onTable("t1"));
        Files.writeString(data, Files.readString(data).replaceFirst("69.5", "69.6"));

        Reproduction r = grove.reproduce("t1", "ci");

        assertFalse(r.identical());
        assertTrue(r.differences().stream().anyMatch(d -> d.startsWith("dataset_sha256: ")), r.differences().toString());
        assertNotEquals(r.original().spec().datasetSha256(), r.reproduction().run().spec().datasetSha256());
    }

    /** Core never reads a source run's table: the gate needs --force and the retrainer says how to retrain. */
    @Test
    void theGateAndTheRetrainerSayWhatASourceRunNeeds() {
        grove.train(onTable("t1").withModelName("skills"));
        grove.train(onTable("t2").withModelName("skills").withParams(TrainingParams.defaults().withRandomState(3)));
        Models models = grove.models();
        models.setAlias("skills", "production", "t1", "ci", "first");

        String gate = assertThrows(InvalidRequestException.class,
                () -> models.promote(Promotion.of("skills", "t2", "production"))).getMessage();
        assertEquals("version t2 was trained on the external csv table " + data + " (read where it lives by trainer "
                + "table, with its own split), which Grove does not read into memory, so its held-out rows cannot be "
                + "rebuilt to score it; promote it with --force, or retrain it from a file or a query", gate);
        assertTrue(models.promote(Promotion.of("skills", "t2", "production").forced().by("ana", "spark")).moved());

        String retrain = assertThrows(InvalidRequestException.class,
                () -> grove.retrainer().check("skills", RetrainPolicy.defaults())).getMessage();
        assertTrue(retrain.startsWith("t2 was trained on the external csv table " + data), retrain);
        assertTrue(retrain.endsWith("; retrain it with 'grove train --trainer table --dataset " + data + "'"), retrain);
        assertEquals(0, table.openTables());
    }

    private static void assertNoFilesUnder(Path models) throws IOException {
        if (!Files.exists(models)) {
            return;
        }
        try (Stream<Path> files = Files.walk(models)) {
            List<Path> left = files.filter(f -> !f.equals(models) && !Files.isDirectory(f)
                    || f.getFileName().toString().endsWith(".table")).toList();
            assertEquals(List.of(), left, "no model, sidecar, native or temporary file left");
        }
    }
}
