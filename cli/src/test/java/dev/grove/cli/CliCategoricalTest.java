package dev.grove.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.grove.internal.GroveJson;
import dev.grove.testing.TestData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --categorical-encoding} reaches the run and the model; an identifier column is warned about. */
class CliCategoricalTest {
    @TempDir
    Path dir;

    /** The many-level set with a row number in front: an identifier. */
    private Path withRowIds() throws Exception {
        List<String> lines = Files.readAllLines(TestData.highCardinality(dir.resolve("h.csv"), 600, 40));
        List<String> out = new ArrayList<>();
        out.add("row_id," + lines.get(0));
        for (int i = 1; i < lines.size(); i++) {
            out.add(i + "," + lines.get(i));
        }
        return Files.write(dir.resolve("ids.csv"), out);
    }

    @Test
    void orderedIsRecordedAndKeptInTheModelAndAnIdentifierIsNamed() throws Exception {
        Path data = withRowIds();
        String db = dir.resolve("runs.db").toString();
        Path model = dir.resolve("m.bin");
        Cli.Result r = Cli.run("train", "--dataset", data.toString(), "--db", db, "--save-path", model.toString(),
                "--model-version", "hc-1", "--n-estimators", "10", "--categorical-encoding", "ordered", "--json");
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.json().get("warnings").toString().contains("column 'row_id' looks like an identifier"),
                r.json().toString());
        JsonNode run = Cli.run("runs", "show", "hc-1", "--db", db, "--json").json();
        assertEquals("ordered", run.get("params").get("categorical_encoding").asText(), run.toString());
        JsonNode features = GroveJson.reader().readTree(Files.readString(Path.of(model + ".json"))).get("features");
        assertTrue(features.get(1).get("ordered").asBoolean(), features.toString());

        Cli.Result summary = Cli.run("train", "--dataset", data.toString(), "--db", db,
                "--save-path", dir.resolve("m2.bin").toString(), "--n-estimators", "10", "--exclude", "row_id");
        assertEquals(0, summary.exit(), summary.toString());
        assertTrue(!summary.out().contains("identifier"), "excluded, no warning: " + summary.out());
        Cli.Result warned = Cli.run("train", "--dataset", data.toString(), "--db", db,
                "--save-path", dir.resolve("m3.bin").toString(), "--n-estimators", "10");
        assertTrue(warned.out().contains("Warning: column 'row_id' looks like an identifier (600 distinct values in "
                + "600 rows): a forest can only memorise it; if it identifies rows, leave it out (grove train --exclude "
                + "row_id)"), warned.out());
    }

    @Test
    void anUnknownEncodingIsRefusedWithTheChoices() {
        Path data = TestData.copy(TestData.IRIS, dir);
        Cli.Result r = Cli.run("train", "--dataset", data.toString(), "--db", dir.resolve("r.db").toString(),
                "--save-path", dir.resolve("m.bin").toString(), "--categorical-encoding", "onehot");
        assertNotEquals(0, r.exit());
        assertTrue(r.err().contains("categorical_encoding must be one of levels, ordered, auto, got 'onehot'"), r.err());
    }
}
