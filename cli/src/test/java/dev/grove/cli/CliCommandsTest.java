package dev.grove.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.grove.testing.TestData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliCommandsTest {
    @TempDir
    Path dir;

    private Path data;
    private String db;

    @BeforeEach
    void setUp() {
        data = TestData.copy(TestData.FUTURE_SKILLS, dir);
        db = dir.resolve("runs.db").toString();
    }

    private Cli.Result train(String version, String trainer, String trees) {
        Cli.Result r = Cli.run("train", "--dataset", data.toString(), "--db", db, "--model-version", version,
                "--save-path", dir.resolve(version + ".bin").toString(), "--trainer", trainer, "--n-estimators", trees);
        assertEquals(0, r.exit(), r.toString());
        return r;
    }

    @Test
    void predictRoundTripByVersionAndByPath() throws Exception {
        train("v1", "smile", "40");
        Path out = dir.resolve("pred.csv");
        Cli.Result r = Cli.run("predict", "--model", "v1", "--db", db, "--input", data.toString(), "--output",
                out.toString(), "--proba");
        assertEquals(0, r.exit(), r.toString());
        List<String> lines = Files.readAllLines(out);
        assertEquals(401, lines.size());
        assertTrue(lines.get(0).endsWith(",future_need_level,prediction,proba_MEDIUM,proba_HIGH,proba_LOW"), lines.get(0));
        long agree = lines.stream().skip(1).map(l -> l.split(",")).filter(c -> c[9].equals(c[10])).count();
        assertTrue(agree > 320, "a forest fits most of its own data: " + agree);

        Cli.Result byPath = Cli.run("predict", "--model", dir.resolve("v1.bin").toString(), "--input", data.toString());
        assertEquals(0, byPath.exit(), byPath.toString());
        List<String> stdout = byPath.out().lines().toList();
        assertEquals(401, stdout.size());
        for (int i = 1; i < 401; i++) {
            String[] a = stdout.get(i).split(",");
            assertEquals(lines.get(i).split(",")[10], a[a.length - 1], "same model, same prediction, row " + i);
        }

        Cli.Result again = Cli.run("predict", "--model", "v1", "--db", db, "--input", data.toString(), "--output",
                out.toString());
        assertEquals(1, again.exit(), "never overwrites: " + again);
    }

    @Test
    void predictRefusesATamperedModel() throws Exception {
        train("v1", "smile", "20");
        Path model = dir.resolve("v1.bin");
        byte[] b = Files.readAllBytes(model);
        b[b.length / 2] ^= 0x5a;
        Files.write(model, b);
        Cli.Result r = Cli.run("predict", "--model", model.toString(), "--input", data.toString());
        assertEquals(1, r.exit());
        assertTrue(r.err().contains("does not match its sidecar"), r.err());
        assertEquals("", r.out());
    }

    @Test
    void runsListShowCompare() {
        train("a", "smile", "30");
        train("b", "tribuo", "30");
        Cli.Result list = Cli.run("runs", "list", "--db", db);
        assertEquals(0, list.exit(), list.toString());
        List<String> rows = list.out().lines().toList();
        assertTrue(rows.get(0).startsWith("ID"), list.out());
        assertTrue(rows.get(1).contains(" b ") && rows.get(2).contains(" a "), "newest first: " + list.out());

        JsonNode sorted = Cli.run("runs", "list", "--db", db, "--sort", "f1", "--limit", "1", "--json").json();
        assertEquals(1, sorted.size());
        JsonNode all = Cli.run("runs", "list", "--db", db, "--json").json();
        double bestF1 = Math.max(all.get(0).get("f1_score").asDouble(), all.get(1).get("f1_score").asDouble());
        assertEquals(bestF1, sorted.get(0).get("f1_score").asDouble());
        assertEquals(1, Cli.run("runs", "list", "--db", db, "--trainer", "tribuo", "--json").json().size());
        assertEquals(0, Cli.run("runs", "list", "--db", db, "--status", "failed", "--json").json().size());

        Cli.Result show = Cli.run("runs", "show", "1", "--db", db);
        assertTrue(show.out().contains("model_version") && show.out().contains(" a"), show.out());
        Cli.Result missing = Cli.run("runs", "show", "zzz", "--db", db);
        assertEquals(1, missing.exit());
        assertTrue(missing.err().contains("no run with model version 'zzz'"), missing.err());

        Cli.Result cmp = Cli.run("runs", "compare", "a", "b", "--db", db);
        assertEquals(0, cmp.exit(), cmp.toString());
        assertTrue(cmp.out().lines().anyMatch(l -> l.startsWith("* trainer ")), cmp.out());
        assertTrue(cmp.out().lines().anyMatch(l -> l.startsWith("  dataset_sha256")), cmp.out());
        JsonNode cj = Cli.run("runs", "compare", "a", "b", "--db", db, "--json").json();
        assertTrue(cj.get("fields").get("trainer").get("differs").asBoolean());
        assertFalse(cj.get("fields").get("test_split").get("differs").asBoolean());
    }

    @Test
    void trainersListsWhatServiceLoaderFinds() {
        Cli.Result r = Cli.run("trainers");
        assertEquals(0, r.exit());
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("smile ") && l.contains("3.1.1") && l.endsWith("(default)")),
                r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("tribuo ") && l.contains("4.3.2")), r.out());
        JsonNode j = Cli.run("trainers", "--json").json();
        assertTrue(j.size() >= 2);
    }

    @Test
    void helpAndVersion() {
        Cli.Result help = Cli.run("--help");
        assertEquals(0, help.exit());
        assertTrue(help.out().contains("train") && help.out().contains("Exit codes:"), help.out());
        for (String sub : List.of("train", "predict", "runs", "trainers")) {
            Cli.Result h = Cli.run(sub, "--help");
            assertEquals(0, h.exit(), sub);
            assertTrue(h.out().startsWith("Usage: grove " + sub), h.out());
        }
        Cli.Result v = Cli.run("--version");
        assertEquals(0, v.exit());
        assertTrue(v.out().startsWith("grove "), v.out());
        Cli.Result completion = Cli.run("generate-completion");
        assertEquals(0, completion.exit());
        assertTrue(completion.out().contains("complete -F"), "a bash completion script");
    }
}
