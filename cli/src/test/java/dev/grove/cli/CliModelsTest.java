package dev.grove.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.grove.testing.TestData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The registry from the command line, as the "done when" reads, with the real trainers. */
class CliModelsTest {
    @TempDir
    Path dir;

    private String db;
    private Path skills;

    @BeforeEach
    void setUp() {
        db = dir.resolve("runs.db").toString();
        skills = TestData.copy(TestData.FUTURE_SKILLS, dir);
    }

    private Cli.Result grove(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--db", db));
        return Cli.run(all.toArray(String[]::new));
    }

    private void train(String name, Path data, String version, String... more) {
        List<String> args = new ArrayList<>(List.of("train", "--dataset", data.toString(), "--name", name,
                "--model-version", version, "--save-path", dir.resolve(version + ".bin").toString(), "--trainer", "smile"));
        args.addAll(List.of(more));
        Cli.Result r = grove(args.toArray(String[]::new));
        assertEquals(0, r.exit(), r.toString());
    }

    @Test
    void aWorseChallengerIsRefusedABetterOneMovesTheAliasAndRollbackRestoresIt() {
        train("skills", skills, "s1", "--n-estimators", "40");
        train("skills", skills, "s-weak", "--n-estimators", "1", "--max-depth", "1");
        train("skills", skills, "s2", "--n-estimators", "80", "--random-state", "7");
        train("flowers", TestData.copy(TestData.IRIS, dir), "f1", "--n-estimators", "10");

        Cli.Result first = grove("models", "promote", "skills", "s1", "--alias", "production", "--by", "ana");
        assertEquals(0, first.exit(), first.toString());
        assertTrue(first.out().startsWith("skills@production moved to s1; f1_score s1 0."), first.out());

        Cli.Result weak = grove("models", "promote", "skills", "s-weak", "--alias", "production");
        assertEquals(1, weak.exit(), weak.toString());
        String line = weak.oneErrorLine();
        assertTrue(line.matches("grove models promote: refused: skills@production stays at s1: the gate refused it: .*; "
                + "f1_score s-weak 0\\.\\d{4} vs s1 0\\.\\d{4} on 80 held-out rows"), line);

        JsonNode better = grove("models", "promote", "skills", "s2", "--alias", "production", "--json").json();
        boolean moved = better.get("moved").asBoolean();
        assertEquals(moved ? "s2" : "s1", grove("models", "show", "skills", "--json").json().get("aliases").get(0)
                .get("model_version").asText());
        if (!moved) { // s2 did not beat s1 on this data: force it, so there is something to roll back
            assertEquals(0, grove("models", "promote", "skills", "s2", "--alias", "production", "--force").exit());
        }
        Cli.Result predicted = grove("predict", "--model", "skills@production", "--input", skills.toString());
        assertEquals(0, predicted.exit(), predicted.toString());

        Cli.Result back = grove("models", "rollback", "skills", "production");
        assertEquals(0, back.exit(), back.toString());
        assertEquals("skills@production rolled back to s1 (was s2)", back.out().strip());

        JsonNode history = grove("models", "history", "skills", "--json").json();
        List<String> actions = new ArrayList<>();
        history.forEach(h -> actions.add(h.get("action").asText()));
        assertEquals(List.of("PROMOTE", "REFUSE", moved ? "PROMOTE" : "REFUSE", moved ? "ROLLBACK" : "FORCE"),
                actions.subList(0, 4));
        assertTrue(history.get(1).get("gate").get("champion").asDouble() > history.get(1).get("gate").get("challenger")
                .asDouble(), history.get(1).toString());
        Cli.Result text = grove("models", "history", "skills");
        assertTrue(text.out().lines().anyMatch(l -> l.contains("REFUSE") && l.contains("production: s1 -> s-weak")
                && l.contains("[f1_score 0.")), text.out());

        Cli.Result list = grove("models", "list");
        assertTrue(list.out().lines().anyMatch(l -> l.startsWith("flowers ")), list.out());
        assertTrue(list.out().lines().anyMatch(l -> l.startsWith("skills ") && l.endsWith("production=s1")), list.out());
    }

    @Test
    void predictByAliasFollowsTheAlias() throws Exception {
        train("skills", skills, "a", "--n-estimators", "5");
        train("skills", skills, "b", "--n-estimators", "5", "--random-state", "9");
        assertEquals(0, grove("models", "alias", "skills", "prod", "a").exit());
        String byA = grove("predict", "--model", "skills@prod", "--input", skills.toString(), "--proba").out();
        assertEquals(byA, grove("predict", "--model", "a", "--input", skills.toString(), "--proba").out());
        assertEquals(0, grove("models", "alias", "skills", "prod", "b").exit());
        String byB = grove("predict", "--model", "skills@prod", "--input", skills.toString(), "--proba").out();
        assertEquals(byB, grove("predict", "--model", "b", "--input", skills.toString(), "--proba").out());
        assertTrue(!byA.equals(byB), "the two versions differ, so the alias was followed");
    }

    @Test
    void badRequestsSayWhyInOneLineAndChangeNothing() throws Exception {
        train("skills", skills, "a", "--n-estimators", "5");
        assertEquals(0, grove("models", "alias", "skills", "prod", "a").exit());
        String before = grove("models", "history", "skills", "--json").out();
        for (String[] bad : List.of(new String[] {"models", "promote", "nope", "a", "--alias", "prod"},
                new String[] {"models", "rollback", "skills", "staging"},
                new String[] {"models", "alias", "skills", "a", "a"},
                new String[] {"models", "promote", "skills", "zzz", "--alias", "prod"},
                new String[] {"models", "alias", "skills", "prod"},
                new String[] {"predict", "--model", "skills@staging", "--input", skills.toString()})) {
            Cli.Result r = grove(bad);
            assertTrue(r.exit() == 1 || r.exit() == 2, String.join(" ", bad) + "\n" + r);
            r.oneErrorLine();
        }
        assertEquals(before, grove("models", "history", "skills", "--json").out());
    }

    @ParameterizedTest
    @ValueSource(strings = {"smile", "tribuo"})
    void reproduceRetrainsToTheSameModelFileAndMetrics(String trainer) throws Exception {
        Cli.Result trained = grove("train", "--dataset", skills.toString(), "--model-version", "orig", "--trainer", trainer,
                "--n-estimators", "20", "--max-depth", "8", "--min-leaf", "2", "--save-path",
                dir.resolve("orig.bin").toString());
        assertEquals(0, trained.exit(), trained.toString());
        Cli.Result r = grove("runs", "reproduce", "orig");
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().contains("Identical: the same model file and the same metrics."), r.out());
        JsonNode again = grove("runs", "show", "orig-repro-1", "--json").json();
        assertEquals(1, again.get("reproduces_run_id").asInt());
        assertEquals(grove("runs", "show", "orig", "--json").json().get("model_sha256").asText(),
                again.get("model_sha256").asText());

        Files.writeString(skills, Files.readString(skills).replaceFirst("69.5", "69.6"));
        Cli.Result changed = grove("runs", "reproduce", "orig");
        assertEquals(1, changed.exit());
        assertTrue(changed.oneErrorLine().contains("changed since run 1 was trained"), changed.toString());
    }
}
