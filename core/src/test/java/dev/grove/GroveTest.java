package dev.grove;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.grove.artifact.LoadedModel;
import dev.grove.data.CsvOptions;
import dev.grove.data.CsvReader;
import dev.grove.data.Dataset;
import dev.grove.internal.PortableStratifiedSplit;
import dev.grove.run.InMemoryRunRepository;
import dev.grove.run.RunQuery;
import dev.grove.run.RunStatus;
import dev.grove.run.TrainingRun;
import dev.grove.testing.CentroidTrainer;
import dev.grove.testing.IrisVariants;
import dev.grove.testing.TestData;
import dev.grove.train.Predictions;
import dev.grove.train.TrainerRegistry;
import dev.grove.train.TrainingParams;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GroveTest {
    @TempDir
    Path dir;

    private InMemoryRunRepository runs;
    private Grove grove;
    private Path data;

    @BeforeEach
    void setUp() {
        runs = new InMemoryRunRepository();
        grove = Grove.builder().trainers(TrainerRegistry.of(new CentroidTrainer())).runs(runs)
                .modelsDir(dir.resolve("models")).build();
        data = TestData.copy(TestData.FUTURE_SKILLS, dir);
    }

    @Test
    void trainsScoresSavesAndRecordsARun() throws IOException {
        List<ProgressEvent> events = new ArrayList<>();
        TrainingResult r = grove.train(TrainingRequest.of(data).withModelVersion("v1").withNotes("first")
                .withTrainedBy("ana"), events::add);

        TrainingRun run = runs.findById(r.runId()).orElseThrow();
        assertEquals(RunStatus.SUCCEEDED, run.status());
        assertEquals("v1", run.modelVersion());
        assertEquals("centroid", run.spec().trainerName());
        assertEquals(400, run.spec().totalSamples());
        assertEquals(320, run.spec().trainSamples());
        assertEquals(80, run.spec().testSamples());
        assertEquals(4.5, run.spec().imbalanceRatio(), 1e-12);
        assertEquals("ana", run.spec().trainedBy());
        assertEquals("first", run.spec().notes());
        assertEquals(dir.resolve("models/v1/model.bin"), r.modelPath());
        // The recorded hash is the hash of the bytes on disk, and the sidecar on disk says the same.
        String onDisk = dev.grove.internal.Sha256.of(Files.readAllBytes(r.modelPath()));
        assertEquals(onDisk, run.outcome().orElseThrow().modelSha256());
        assertEquals(onDisk, dev.grove.internal.GroveJson.reader().readTree(Files.readString(r.sidecarPath()))
                .get("model_sha256").asText());
        assertEquals("{\"format\":\"csv\",\"delimiter\":\",\",\"decimal\":\".\",\"missing_tokens\":[\"\",\"?\",\"NA\"]}",
                dev.grove.internal.GroveJson.compact(run.spec().readOptions()));
        assertEquals("numeric", run.spec().featureTypes().get("trend_score"));
        assertEquals("categorical", run.spec().featureTypes().get("job_family"));
        // The recorded accuracy is what the model file scores on the held-out rows, counted here afresh.
        Dataset all = CsvReader.readDataset(data, CsvOptions.defaults());
        int[] test = PortableStratifiedSplit.split(all.labels(), all.classes().size(), 0.2, 42).test();
        Predictions p = grove.loadModel(r.modelPath()).predict(all.features().select(test));
        int right = 0;
        for (int i = 0; i < test.length; i++) {
            right += p.label(i).equals(all.classes().get(all.label(test[i]))) ? 1 : 0;
        }
        assertEquals((double) right / test.length, run.outcome().orElseThrow().evaluation().accuracy());

        // Stages in the original feature's order, each begun and ended.
        List<Stage> ended = events.stream().filter(ProgressEvent::done).map(ProgressEvent::stage).toList();
        assertEquals(List.of(Stage.values()), ended);
        assertTrue(r.timings().of(Stage.FIT).toNanos() > 0);
    }

    @Test
    void savedModelLoadsAndPredictsTheSame() throws IOException {
        TrainingResult r = grove.train(TrainingRequest.of(data).withModelVersion("v1"));
        LoadedModel loaded = grove.loadModel(r.modelPath());
        Predictions p = loaded.predict(data, CsvOptions.defaults());
        assertEquals(400, p.size());
        assertEquals("v1", loaded.sidecar().modelVersion());
        assertEquals(r.evaluation().accuracy(), ((Number) loaded.sidecar().metrics().get("accuracy")).doubleValue());
    }

    @Test
    void failedFitIsRecordedFailedAndLeavesNoModel() throws IOException {
        TrainingFailedException e = assertThrows(TrainingFailedException.class, () -> grove.train(TrainingRequest.of(data)
                .withModelVersion("bad").withParams(dev.grove.train.TrainingParams.defaults().withExtra("fail", "fit"))));
        assertTrue(e.getMessage().contains("fit failed on purpose"), e.getMessage());
        TrainingRun run = runs.findByModelVersion("bad").orElseThrow();
        assertEquals(run.id(), e.runId());
        assertEquals(RunStatus.FAILED, run.status());
        assertTrue(run.error().orElseThrow().contains("fit failed on purpose"));
        assertTrue(run.finishedAt().isPresent());
        try (Stream<Path> files = Files.walk(dir.resolve("models"))) {
            assertEquals(0, files.filter(Files::isRegularFile).count(), "no model file, no temp file");
        }
    }

    @Test
    void existingVersionIsRefusedBeforeAnythingIsTrained() {
        grove.train(TrainingRequest.of(data).withModelVersion("v1"));
        DuplicateModelVersionException e = assertThrows(DuplicateModelVersionException.class,
                () -> grove.train(TrainingRequest.of(data).withModelVersion("v1")));
        assertTrue(e.getMessage().contains("'v1' already exists"));
        assertEquals(1, runs.list(RunQuery.all()).size());
    }

    @Test
    void badRequestsFailBeforeAnyRunIsRecorded() throws IOException {
        for (double split : new double[] {0, 1, -0.2, Double.NaN}) {
            String m = assertThrows(InvalidRequestException.class,
                    () -> grove.train(TrainingRequest.of(data).withTestSplit(split))).getMessage();
            assertTrue(m.startsWith("test split must be between 0 and 1"), m);
        }
        assertThrows(TrainerNotFoundException.class, () -> grove.train(TrainingRequest.of(data).withTrainer("nope")));
        assertTrue(assertThrows(InvalidRequestException.class, () -> grove.train(TrainingRequest.of(data)
                .withParams(dev.grove.train.TrainingParams.defaults().withExtra("depth", "3")))).getMessage()
                .contains("the centroid trainer does not know the extra parameter(s) depth; it accepts: fail"));
        assertThrows(InvalidRequestException.class, () -> grove.train(TrainingRequest.of(data).withModelVersion("../x")));
        assertThrows(ArtifactException.class,
                () -> grove.train(TrainingRequest.of(data).withSavePath(dir.resolve("missing/model.bin"))));
        Path taken = Files.writeString(dir.resolve("taken.bin"), "keep me");
        assertThrows(ArtifactException.class, () -> grove.train(TrainingRequest.of(data).withSavePath(taken)));
        assertEquals("keep me", Files.readString(taken));
        String digits = assertThrows(InvalidRequestException.class,
                () -> grove.train(TrainingRequest.of(data).withModelVersion("12"))).getMessage();
        assertEquals("model version '12' is all digits, so it would read as a run id; add a letter or a separator "
                + "(e.g. 'v12')", digits);
        Path link = Files.createSymbolicLink(dir.resolve("link.bin"), dir.resolve("elsewhere.bin"));
        assertTrue(assertThrows(ArtifactException.class, () -> grove.train(TrainingRequest.of(data).withSavePath(link)))
                .getMessage().contains("is a symbolic link"));
        assertFalse(Files.exists(dir.resolve("elsewhere.bin")), "nothing written through the link");
        assertTrue(assertThrows(ArtifactException.class, () -> grove.train(TrainingRequest.of(data).withSavePath(Path.of(""))))
                .getMessage().startsWith("the save path is empty"));
        assertEquals(0, runs.list(RunQuery.all()).size());
        assertFalse(Files.exists(dir.resolve("models")) && Files.list(dir.resolve("models")).findAny().isPresent());
    }

    @Test
    void untrainableDataIsRefusedWithTheReason() throws IOException {
        Path oneClass = Files.writeString(dir.resolve("one.csv"), "a,y\n1,P\n2,P\n3,P\n");
        assertTrue(assertThrows(InvalidDataException.class, () -> grove.train(TrainingRequest.of(oneClass)))
                .getMessage().contains("has a single class ('P', 3 rows)"));
        Path singleRow = Files.writeString(dir.resolve("single.csv"), "a,y\n1,P\n2,P\n3,N\n");
        assertTrue(assertThrows(InvalidDataException.class, () -> grove.train(TrainingRequest.of(singleRow)))
                .getMessage().contains("class 'N' of label 'y' has a single row"));
        Path emptyFeature = Files.writeString(dir.resolve("empty.csv"), "a,b,y\n1,,P\n2,,P\n3,,N\n4,NA,N\n");
        assertTrue(assertThrows(InvalidDataException.class, () -> grove.train(TrainingRequest.of(emptyFeature)))
                .getMessage().contains("every value of feature b is missing"));
        assertEquals(0, runs.list(RunQuery.all()).size());
    }

    @Test
    void sameSeedSameDataSameModelAndMetricsAnotherSeedAnotherModel() throws IOException {
        TrainingResult a = grove.train(TrainingRequest.of(data).withModelVersion("a"));
        TrainingResult b = grove.train(TrainingRequest.of(data).withModelVersion("b")
                .withParams(dev.grove.train.TrainingParams.defaults().withThreads(1)));
        TrainingResult c = grove.train(TrainingRequest.of(data).withModelVersion("c")
                .withParams(dev.grove.train.TrainingParams.defaults().withRandomState(7)));
        assertArrayEquals(Files.readAllBytes(a.modelPath()), Files.readAllBytes(b.modelPath()));
        assertEquals(dev.grove.internal.GroveJson.compact(a.evaluation()), dev.grove.internal.GroveJson.compact(b.evaluation()));
        // the test trainer is random like a forest: the seed reaches it and changes the model
        assertFalse(java.util.Arrays.equals(Files.readAllBytes(a.modelPath()), Files.readAllBytes(c.modelPath())));
    }

    @Test
    void irisSavedByExcelOrTheEuropeanWayTrainsAsThePlainFile() {
        TrainingResult plain = IrisVariants.assertTrainAsThePlainFile(new CentroidTrainer(), TrainingParams.defaults(), dir,
                true);
        assertEquals(Map.of("sepal_length_cm", "numeric", "sepal_width_cm", "numeric", "petal_length_cm", "numeric",
                "petal_width_cm", "numeric"), plain.run().spec().featureTypes());

        // Without the decimal separator the numbers become categories: trained, but said.
        TrainingResult silent = grove.train(TrainingRequest.of(dir.resolve("iris-eu.csv"))
                .withCsv(CsvOptions.defaults().withDelimiter(';')).withModelVersion("eu-silent"));
        assertEquals(4, silent.profile().warnings().size(), silent.profile().warnings().toString());
        assertEquals("categorical", silent.run().spec().featureTypes().get("petal_width_cm"));
    }

    @Test
    void aMessyCopyOfTheInputIsPredictedRowForRowAsTheCleanOne() throws IOException {
        TrainingResult r = grove.train(TrainingRequest.of(data).withModelVersion("v1"));
        LoadedModel loaded = grove.loadModel(r.modelPath());
        Predictions clean = loaded.predict(data, CsvOptions.defaults());

        // blank lines, padded cells and a quoted line break in a categorical cell, ';' between fields
        List<String> lines = Files.readAllLines(data);
        StringBuilder messy = new StringBuilder(lines.get(0).replace(',', ';')).append("\n\n");
        for (int i = 1; i < lines.size(); i++) {
            String[] cells = lines.get(i).split(",");
            cells[0] = i == 3 ? "\"" + cells[0] + "\nsecond line\"" : "  " + cells[0] + " ";
            messy.append(String.join(";", cells)).append(i % 50 == 0 ? "\n\n" : "\r\n");
        }
        Path messyCsv = Files.writeString(dir.resolve("messy.csv"), messy);
        Predictions p = loaded.predict(messyCsv, CsvOptions.defaults().withDelimiter(';'));
        assertEquals(clean.size(), p.size());
        int[] expected = clean.predicted().clone();
        int[] actual = p.predicted().clone();
        expected[2] = actual[2]; // the row whose skill_name gained a line is another row now
        assertArrayEquals(expected, actual);

        Path headerOnly = Files.writeString(dir.resolve("header.csv"), lines.get(0) + "\n");
        assertEquals(0, loaded.predict(headerOnly, CsvOptions.defaults()).size());
    }
}
