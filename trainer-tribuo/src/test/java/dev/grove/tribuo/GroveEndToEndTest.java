package dev.grove.tribuo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.grove.Grove;
import dev.grove.TrainingRequest;
import dev.grove.TrainingResult;
import dev.grove.artifact.LoadedModel;
import dev.grove.data.CsvOptions;
import dev.grove.data.CsvReader;
import dev.grove.data.Table;
import dev.grove.run.InMemoryRunRepository;
import dev.grove.testing.IrisVariants;
import dev.grove.testing.TestData;
import dev.grove.train.Predictions;
import dev.grove.train.TrainerRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GroveEndToEndTest {
    @TempDir
    Path dir;

    @Test
    void trainsThroughTheGroveFacadeAndTheSavedModelPredictsTheSame() throws Exception {
        Path csv = TestData.copy(TestData.FUTURE_SKILLS, dir);
        Grove grove = Grove.builder().trainers(TrainerRegistry.of(new TribuoTrainer()))
                .runs(new InMemoryRunRepository()).modelsDir(dir.resolve("models")).build();
        TrainingResult result = grove.train(TrainingRequest.of(csv).withTrainer("tribuo").withModelVersion("v1")
                .withParams(Fixtures.params(30, 2).withExtra("max-bins", "64")));

        assertEquals("tribuo", result.run().spec().trainerName());
        assertTrue(result.evaluation().accuracy() > 0.7, "accuracy " + result.evaluation().accuracy());
        assertTrue(Files.size(result.modelPath()) > 0);
        assertTrue(result.sidecar().provenance().containsKey("trainer_provenance"));
        assertEquals(64, ((Number) result.sidecar().params().get("max-bins")).intValue());

        LoadedModel loaded = grove.loadModel(result.modelPath());
        Table rows = CsvReader.readTable(csv, CsvOptions.defaults());
        Predictions fromDisk = loaded.predict(rows);
        Predictions fromFit = result.model().predict(rows); // the model the training returned, never written or read
        assertArrayEquals(fromFit.predicted(), fromDisk.predicted());
        assertArrayEquals(fromFit.probabilities(), fromDisk.probabilities());
        assertEquals(result.evaluation().accuracy(), accuracyOnTestRows(loaded, csv, result), 1e-12);
    }

    /**
     * Grove's POM trims Tribuo's dependencies (OLCUT's shell: jline, jansi; tribuo-data's CSV and text
     * loading: opencsv, commons-*): this class path is the trimmed one, and this test class trains,
     * saves, reloads and predicts with it.
     */
    @Test
    void theTrimmedDependenciesAreAllThatTrainingNeeds() {
        java.util.List<String> jars = java.util.Arrays.stream(System.getProperty("java.class.path")
                .split(java.io.File.pathSeparator)).map(p -> Path.of(p).getFileName().toString()).toList();
        for (String gone : new String[] {"jline", "jansi", "opencsv", "commons-beanutils", "commons-text",
                "commons-lang3", "commons-collections", "tribuo-data", "tribuo-util-tokenization"}) {
            assertTrue(jars.stream().noneMatch(j -> j.startsWith(gone)), gone + " is on the class path: " + jars);
        }
        assertTrue(jars.stream().anyMatch(j -> j.startsWith("tribuo-core")), "tribuo itself is there");
    }

    @Test
    void irisFromExcelOrWrittenTheEuropeanWayTrainsAsThePlainFile() {
        // the model's provenance names its training file and SHA-256, so the bytes differ; the forest does not
        TrainingResult plain = IrisVariants.assertTrainAsThePlainFile(new TribuoTrainer(), Fixtures.params(25, 2), dir,
                false);
        assertTrue(plain.evaluation().accuracy() > 0.9, "accuracy " + plain.evaluation().accuracy());
    }

    /** The reloaded model scores the held-out rows exactly as the training run did. */
    private static double accuracyOnTestRows(LoadedModel loaded, Path csv, TrainingResult result) {
        var data = CsvReader.readDataset(csv, CsvOptions.defaults());
        var split = dev.grove.internal.PortableStratifiedSplit.split(data.labels(), data.classes().size(), 0.2, 42);
        var test = data.select(split.test());
        return dev.grove.eval.Evaluator.evaluate(test.classes(), test.labels(),
                loaded.predict(test.features()).predicted()).accuracy();
    }
}
