package dev.grove.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.grove.testing.TestData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliTrainTest {
    @TempDir
    Path dir;

    @Test
    void trainWithNoArgumentsOnAFreshCheckout() throws Exception {
        Cli.Result r = Cli.process(dir, "train");
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().startsWith("Training configuration"), r.toString());
        assertTrue(r.out().contains("Trainer:       smile"), r.out());
        assertTrue(r.out().contains("N estimators:  200"), r.out());
        assertTrue(r.out().contains("Accuracy:"), r.out());
        assertTrue(r.out().matches("(?s).*MEDIUM : +\\d+\\.\\d\\d% \\(n=36\\).*"), r.out());
        assertTrue(r.out().matches("(?s).*LOW +: +\\d+\\.\\d\\d% \\(n=8\\).*"), r.out());
        assertTrue(r.out().contains("Class imbalance: 4.50"), r.out());
        assertTrue(Files.exists(dir.resolve("artifacts/datasets/future_skills_dataset.csv")));
        assertTrue(Files.exists(dir.resolve("grove.db")));
        try (Stream<Path> models = Files.list(dir.resolve("artifacts/models"))) {
            Path version = models.findFirst().orElseThrow();
            assertTrue(Files.exists(version.resolve("model.bin")));
            assertTrue(Files.exists(version.resolve("model.bin.json")));
        }
        assertEquals("", r.err(), "no logs or progress when stderr is not a terminal");
    }

    @Test
    void jsonHasTheDocumentedKeys() {
        Path data = TestData.copy(TestData.IRIS, dir);
        Cli.Result r = Cli.run("train", "--dataset", data.toString(), "--db", dir.resolve("runs.db").toString(),
                "--save-path", dir.resolve("iris.model").toString(), "--n-estimators", "30", "--json");
        assertEquals(0, r.exit(), r.toString());
        JsonNode j = r.json();
        for (String key : List.of("run_id", "run_uuid", "status", "model_version", "model_path", "trainer", "accuracy",
                "precision", "recall", "f1_score", "per_class", "confusion_matrix", "total_samples", "train_samples",
                "test_samples", "training_duration_seconds", "dataset_sha256", "model_sha256", "params",
                "stage_seconds")) {
            assertTrue(j.has(key), "missing key " + key + " in " + j);
        }
        assertEquals("SUCCEEDED", j.get("status").asText());
        assertEquals(150, j.get("total_samples").asInt());
        assertEquals(120, j.get("train_samples").asInt());
        assertEquals(30, j.get("test_samples").asInt());
        assertEquals(10, j.get("per_class").get("setosa").get("support").asInt());
        assertEquals(30, j.get("params").get("n_estimators").asInt());
        assertTrue(j.get("accuracy").asDouble() > 0.9);
        assertEquals(3, j.get("confusion_matrix").get("matrix").size());
        assertTrue(j.get("stage_seconds").has("fit"));
    }

    @Test
    void everyOptionReachesTheRunRecord() {
        Path data = TestData.copy(TestData.PENGUINS, dir);
        String db = dir.resolve("runs.db").toString();
        Cli.Result r = Cli.run("train", "--dataset", data.toString(), "--db", db, "--model-version", "pg-1",
                "--save-path", dir.resolve("p.bin").toString(), "--test-split", "0.25", "--n-estimators", "25",
                "--random-state", "7", "--notes", "all options", "--trainer", "tribuo", "--label", "species",
                "--exclude", "island, sex", "--max-depth", "6", "--min-leaf", "2", "--mtry", "2", "--threads", "1",
                "--trained-by", "ci", "-P", "max-bins=32", "--json");
        assertEquals(0, r.exit(), r.toString());
        JsonNode run = Cli.run("runs", "show", "pg-1", "--db", db, "--json").json();
        assertEquals("pg-1", run.get("model_version").asText());
        assertEquals("tribuo", run.get("trainer").asText());
        assertEquals(0.25, run.get("test_split").asDouble());
        assertEquals(25, run.get("n_estimators").asInt());
        assertEquals(7, run.get("random_state").asLong());
        assertEquals("all options", run.get("notes").asText());
        assertEquals("ci", run.get("trained_by").asText());
        assertEquals("species", run.get("label_column").asText());
        assertEquals("[\"bill_length_mm\",\"bill_depth_mm\",\"flipper_length_mm\",\"body_mass_g\"]",
                run.get("features_used").toString(), "excluded names are trimmed as headers are");
        JsonNode params = run.get("params");
        assertEquals(6, params.get("max_depth").asInt(), params.toString());
        assertEquals(2, params.get("min_leaf").asInt(), params.toString());
        assertEquals(1, params.get("threads").asInt(), params.toString());
        assertEquals(32, params.get("max-bins").asInt(), params.toString());
        assertEquals(2, params.get("features_per_split").asInt(), params.toString());
        assertTrue(run.get("model_path").asText().endsWith("p.bin"));
    }

    @Test
    void onlyFeaturesNamedAreUsed() {
        Path data = TestData.copy(TestData.FUTURE_SKILLS, dir);
        Cli.Result r = Cli.run("train", "--dataset", data.toString(), "--db", dir.resolve("r.db").toString(),
                "--save-path", dir.resolve("m.bin").toString(), "--features", "trend_score,scarcity_index",
                "--n-estimators", "20", "--json");
        assertEquals(0, r.exit(), r.toString());
        assertEquals("[\"trend_score\",\"scarcity_index\"]", r.json().get("features_used").toString());
    }

    @Test
    void failedTrainingIsRecordedFailedWithExitCode1() {
        Path data = TestData.copy(TestData.IRIS, dir);
        String db = dir.resolve("runs.db").toString();
        Path model = dir.resolve("m.bin");
        Cli.Result r = Cli.run("train", "--dataset", data.toString(), "--db", db, "--save-path", model.toString(),
                "--trainer", "centroid", "-P", "fail=fit", "--model-version", "doomed");
        assertEquals(1, r.exit(), r.toString());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().contains("fit failed on purpose"), r.err());
        assertFalse(Files.exists(model));
        JsonNode run = Cli.run("runs", "show", "doomed", "--db", db, "--json").json();
        assertEquals("FAILED", run.get("status").asText());
        assertTrue(run.get("error").asText().contains("fit failed on purpose"));
    }

    @Test
    void badUsageExitsWith2AndOneLine() {
        Path data = TestData.copy(TestData.IRIS, dir);
        String db = dir.resolve("runs.db").toString();
        for (String[] args : List.of(new String[] {"train", "--no-such-option"},
                new String[] {"train", "--test-split", "abc"},
                new String[] {"train", "--dataset", data.toString(), "--db", db, "--test-split", "1"},
                new String[] {"train", "--dataset", data.toString(), "--db", db, "--n-estimators", "0"},
                new String[] {"train", "--dataset", data.toString(), "--db", db, "--trainer", "xgboost"},
                new String[] {"runs", "compare", "1"})) {
            Cli.Result r = Cli.run(args);
            assertEquals(2, r.exit(), String.join(" ", args) + "\n" + r);
            assertEquals(1, r.err().lines().count(), r.err());
            assertFalse(r.err().contains("\tat "), r.err());
        }
        assertFalse(Files.exists(dir.resolve("runs.db")) && Cli.run("runs", "list", "--db", db, "--json").json().size() > 0);
    }
}
