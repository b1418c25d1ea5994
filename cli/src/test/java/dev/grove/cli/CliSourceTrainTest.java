package dev.grove.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.grove.run.RunStatus;
import dev.grove.run.TrainingRun;
import dev.grove.testing.TableTrainer;
import dev.grove.testing.TestData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code grove train --trainer NAME --dataset PATH|URI [--format csv|parquet]} with a trainer that
 * reads its data where it lives ({@link TableTrainer} on the test classpath, standing in for spark).
 */
class CliSourceTrainTest {
    @TempDir
    Path dir;

    @Test
    void trainsOnATableWhereItLivesAndReproducesTheRun() throws java.io.IOException {
        Files.createDirectories(dir.resolve("t1"));
        Path data = TestData.copy(TestData.FUTURE_SKILLS, dir);
        Path db = dir.resolve("runs.db");
        Cli.Result r = Cli.run("train", "--trainer", "table", "--dataset", data.toString(), "--label", "future_need_level",
                "--db", db.toString(), "--model-version", "t1", "--save-path", dir.resolve("t1/model.bin").toString(),
                "-P", "partitions=2", "--json");
        assertEquals(0, r.exit(), r.toString());
        JsonNode j = r.json();
        assertEquals("SUCCEEDED", j.get("status").asText());
        assertEquals("table", j.get("trainer").asText());
        assertEquals(400, j.get("total_samples").asInt());
        TrainingRun run = Cli.runs(db).get(0);
        assertEquals(RunStatus.SUCCEEDED, run.status());
        assertEquals(data.toString(), run.spec().datasetPath());
        assertEquals(Map.of("format", "csv", "location", data.toString(), "label", "future_need_level",
                "split", TableTrainer.SPLIT), run.spec().readOptions());
        assertEquals("2", run.spec().params().get("partitions"));
        assertTrue(Files.isDirectory(TableTrainer.nativeDir(dir.resolve("t1/model.bin"))));

        Files.createDirectories(dir.resolve("t2"));
        Cli.Result shown = Cli.run("train", "--trainer", "table", "--dataset", data.toString(), "--db", db.toString(),
                "--model-version", "t2", "--save-path", dir.resolve("t2/model.bin").toString());
        assertEquals(0, shown.exit(), shown.toString());
        assertTrue(shown.out().contains("Dataset:       " + data + " (csv, read where it lives)"), shown.out());
        assertTrue(shown.out().contains("Trainer:       table"), shown.out());
        assertTrue(shown.out().matches("(?s).*LOW +: +\\d+\\.\\d\\d% \\(n=8\\).*"), shown.out());

        Cli.Result again = Cli.run("runs", "reproduce", "t1", "--db", db.toString(), "--json");
        assertEquals(0, again.exit(), again.toString());
        assertTrue(again.json().get("identical").asBoolean(), again.out());
        TrainingRun repro = Cli.runs(db).get(0);
        assertEquals("t1-repro-1", repro.modelVersion());
        assertEquals("2", repro.spec().params().get("partitions"));
    }

    @Test
    void optionsThatDoNotFitATableReadWhereItLivesAreOneLineUsageErrors() {
        Path data = TestData.copy(TestData.FUTURE_SKILLS, dir);
        String db = dir.resolve("runs.db").toString();
        Map<List<String>, String> cases = Map.of(
                List.of("train", "--trainer", "table", "--db", db),
                "trainer 'table' needs the table: give it with --dataset PATH|URI",
                List.of("train", "--trainer", "table", "--dataset", "-", "--db", db),
                "--dataset - (standard input) is read into memory; trainer 'table' reads a table by its path or URI",
                List.of("train", "--trainer", "table", "--dataset", data.toString(), "--delimiter", ";", "--db", db),
                "--delimiter is for CSV files read into memory; trainer 'table' reads the table's columns as they are",
                List.of("train", "--dataset", "/lake/skills.parquet", "--db", db),
                "--dataset /lake/skills.parquet is a Parquet table, which only a trainer that reads its data where it "
                        + "lives can train on: add --trainer table",
                List.of("train", "--dataset", data.toString(), "--format", "orc", "--db", db),
                "unknown --format 'orc': use csv or parquet",
                List.of("train", "--source-db", "jdbc:sqlite:" + db, "--query", "select 1", "--format", "csv", "--db", db),
                "--format is for a table read where it lives; with --query choose the columns in the SELECT",
                List.of("train", "--trainer", "smile", "--dataset", "s3a://lake/skills.parquet", "--db", db, "--format",
                        "parquet"),
                "trainer 'smile' trains on rows read into memory and cannot read the external table "
                        + "s3a://lake/skills.parquet; choose a trainer that reads it where it lives: table");
        cases.forEach((args, says) -> {
            Cli.Result r = Cli.run(args.toArray(String[]::new));
            assertEquals(2, r.exit(), args + "\n" + r);
            assertTrue(r.oneErrorLine().contains(says), args + "\n" + r);
        });
        assertTrue(!Files.exists(Path.of(db)) || Cli.runs(Path.of(db)).isEmpty(), "nothing recorded");
    }

    @Test
    void theFormatFollowsThePathUnlessGiven() {
        assertEquals("parquet", TrainCommand.defaultFormat("s3a://lake/skills.parquet"));
        assertEquals("parquet", TrainCommand.defaultFormat("hdfs://nn/warehouse/skills.PARQUET/"));
        assertEquals("csv", TrainCommand.defaultFormat("data/skills.csv"));
        assertEquals("csv", TrainCommand.defaultFormat("hdfs://nn/warehouse/skills"));
    }
}
