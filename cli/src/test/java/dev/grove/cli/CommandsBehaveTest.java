package dev.grove.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.grove.run.RunSpec;
import dev.grove.run.TrainingRun;
import dev.grove.store.JooqRunRepository;
import dev.grove.testing.TestData;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The commands do what a demanding user expects, each case of issue 15 seen failing before its fix. */
class CommandsBehaveTest {
    @TempDir
    Path dir;

    private Path iris;
    private String db;

    @BeforeEach
    void setUp() {
        iris = TestData.copy(TestData.IRIS, dir);
        db = dir.resolve("runs.db").toString();
    }

    private Cli.Result train(String version, String... more) {
        List<String> args = new ArrayList<>(List.of("train", "--dataset", iris.toString(), "--db", db,
                "--save-path", dir.resolve(version + ".bin").toString(), "--model-version", version,
                "--n-estimators", "3"));
        args.addAll(List.of(more));
        return Cli.run(args.toArray(String[]::new));
    }

    @Test
    void runIdsAndModelVersionsNeverShadowEachOther() {
        assertEquals(0, train("a").exit());
        Cli.Result digits = train("1");
        assertEquals(2, digits.exit(), digits.toString());
        assertTrue(digits.oneErrorLine().contains("model version '1' is all digits, so it would read as a run id"));
        assertEquals(1, Cli.runs(Path.of(db)).size(), "the refusal recorded nothing");

        // A store an older Grove wrote may hold an all-digit version: ids still win, version:N reaches it.
        try (JooqRunRepository repo = JooqRunRepository.open(db)) {
            RunSpec s = repo.findById(1).orElseThrow().spec();
            repo.start(new RunSpec(UUID.randomUUID(), s.modelName(), "1", s.startedAt(), s.trainerName(), s.trainerVersion(), s.params(),
                    s.nEstimators(), s.randomState(), s.testSplit(), s.datasetPath(), s.datasetSha256(), s.readOptions(),
                    s.labelColumn(), s.totalSamples(), s.trainSamples(), s.testSamples(), s.classDistribution(),
                    s.imbalanceRatio(), s.featuresUsed(), s.featureTypes(), s.modelPath() + ".legacy", s.trainedBy(),
                    s.host(), s.pid(), s.jvm(), "legacy", java.util.OptionalLong.empty(), s.referenceProfile()));
        }
        assertEquals("a", Cli.run("runs", "show", "1", "--db", db, "--json").json().get("model_version").asText());
        assertEquals(2, Cli.run("runs", "show", "version:1", "--db", db, "--json").json().get("run_id").asInt());
        assertEquals(1, Cli.run("runs", "show", "id:1", "--db", db, "--json").json().get("run_id").asInt());
        JsonNode cmp = Cli.run("runs", "compare", "1", "version:1", "--db", db, "--json").json();
        assertEquals("[1,2]", cmp.get("runs").toString());
    }

    @Test
    void everythingThatCanBeCheckedIsCheckedBeforeTheRunIsRecorded() throws Exception {
        List<String[]> refused = List.of(new String[] {"--mtry", "99"}, new String[] {"-P", "class_weight=foo"},
                new String[] {"-P", "class_weight=setosa:-1"}, new String[] {"-P", "class_weight=nope:2"},
                new String[] {"-P", "class_weight=setosa:1.5"}, new String[] {"-P", "class_weight=setosa:NaN"});
        for (String[] bad : refused) {
            List<String> args = new ArrayList<>(List.of("--trainer", "smile"));
            args.addAll(List.of(bad));
            Cli.Result r = train("v1", args.toArray(String[]::new));
            assertEquals(2, r.exit(), String.join(" ", bad) + "\n" + r);
            r.oneErrorLine();
        }
        Path link = Files.createSymbolicLink(dir.resolve("link.bin"), dir.resolve("target.bin"));
        Cli.Result linked = Cli.run("train", "--dataset", iris.toString(), "--db", db, "--save-path", link.toString(),
                "--model-version", "v1", "--n-estimators", "3");
        assertTrue(linked.oneErrorLine().contains("is a symbolic link"), linked.toString());
        Cli.Result empty = Cli.run("train", "--dataset", iris.toString(), "--db", db, "--save-path", "",
                "--model-version", "v1", "--n-estimators", "3");
        assertTrue(empty.oneErrorLine().contains("the save path is empty"), empty.toString());

        assertEquals(List.of(), Cli.runs(Path.of(db)), "no refusal recorded a run");
        assertEquals(0, train("v1").exit(), "so the version is still free");
    }

    @Test
    void runsCompareShowsWhatTheRunsWereTrainedOnAndAsksForTwoRuns() {
        assertEquals(0, train("a", "--features", "sepal_length_cm, petal_length_cm", "--notes", "two features").exit());
        assertEquals(0, train("b").exit());
        Cli.Result cmp = Cli.run("runs", "compare", "a", "b", "--db", db);
        for (String field : List.of("* features_used", "* feature_types", "* notes", "  dataset_path", "* read_options")) {
            assertTrue(cmp.out().lines().anyMatch(l -> l.startsWith(field)), field + "\n" + cmp.out());
        }
        Cli.Result one = Cli.run("runs", "compare", "a", "--db", db);
        assertEquals(2, one.exit());
        assertTrue(one.oneErrorLine().contains("give at least two runs to compare"), one.toString());
    }

    @Test
    void runsListHasHelpAndSaysWhenMoreRunsMatch() {
        for (String help : List.of("--help", "-h")) {
            Cli.Result r = Cli.run("runs", "list", help);
            assertEquals(0, r.exit(), r.toString());
            assertTrue(r.out().contains("--limit=N") && r.out().contains("Default: 50"), r.out());
        }
        for (int i = 1; i <= 3; i++) {
            assertEquals(0, train("v" + i).exit());
        }
        Cli.Result page = Cli.run("runs", "list", "--db", db, "--limit", "2");
        assertEquals(4, page.out().lines().count(), page.out());
        assertTrue(page.out().contains("(2 runs shown; more match: --offset 2 for the next page, --limit 0 for all)"));
        Cli.Result all = Cli.run("runs", "list", "--db", db, "--limit", "0");
        assertEquals(4, all.out().lines().count(), "header and every run: " + all.out());
        Cli.Result exact = Cli.run("runs", "list", "--db", db, "--limit", "3");
        assertFalse(exact.out().contains("more match"), exact.out());
    }

    @Test
    void controlCharactersAreShownEscapedAndLayoutsHold() {
        String hostile = "line one\nline two \u001b[2J\u001b]0;owned\u0007 \u202eevil";
        String longVersion = "v".repeat(128);
        assertEquals(0, train(longVersion, "--notes", hostile, "--trained-by", "eve\u001b[31m").exit());
        assertEquals(0, train("short").exit());

        Cli.Result show = Cli.run("runs", "show", longVersion, "--db", db);
        assertFalse(show.out().contains("\u001b") || show.out().contains("\u0007") || show.out().contains("\u202e"),
                show.out());
        assertTrue(show.out().contains("line one\\nline two \\u001b[2J\\u001b]0;owned\\u0007 \\u202eevil"), show.out());
        assertTrue(show.out().lines().anyMatch(l -> l.startsWith("trained_by") && l.endsWith("eve\\u001b[31m")));

        Cli.Result list = Cli.run("runs", "list", "--db", db);
        List<String> lines = list.out().lines().toList();
        assertEquals(3, lines.size(), list.out());
        assertEquals(lines.get(0).length(), lines.get(1).length(), "a 128-character version is cut to the column:\n"
                + list.out());
        assertEquals(lines.get(0).length(), lines.get(2).length(), list.out());

        JsonNode json = Cli.run("runs", "show", longVersion, "--db", db, "--json").json();
        assertEquals(hostile, json.get("notes").asText(), "JSON stays exact");
    }

    @Test
    void commandsThatOnlyReadNeverCreateAStore() {
        Path typo = dir.resolve("typo.db");
        for (String[] args : List.of(new String[] {"runs", "show", "1"}, new String[] {"runs", "list"},
                new String[] {"runs", "compare", "1", "2"}, new String[] {"predict", "--model", "v1", "--input",
                        iris.toString()})) {
            List<String> all = new ArrayList<>(List.of(args));
            all.addAll(List.of("--db", typo.toString()));
            Cli.Result r = Cli.run(all.toArray(String[]::new));
            assertEquals(1, r.exit(), r.toString());
            assertTrue(r.oneErrorLine().contains("no run store at " + typo), r.toString());
            assertFalse(Files.exists(typo), String.join(" ", args) + " created " + typo);
        }
    }

    @Test
    void optionValuesAreReadAsUsersWriteThem() throws Exception {
        Path tabbed = dir.resolve("iris.tsv");
        Files.writeString(tabbed, Files.readString(iris).replace(',', '\t'));
        Cli.Result tab = Cli.run("train", "--dataset", tabbed.toString(), "--db", db, "--save-path",
                dir.resolve("t.bin").toString(), "--delimiter", "\\t", "--n-estimators", "3", "--json");
        assertEquals(0, tab.exit(), tab.toString());
        assertEquals(4, tab.json().get("features_used").size());
        Cli.Result twoChars = train("x", "--delimiter", ";;");
        assertEquals(2, twoChars.exit());
        assertTrue(twoChars.oneErrorLine().contains("';;' is not one character; give one, e.g. ';', or \\t"));

        Cli.Result noValue = train("x", "-P", "max-bins");
        assertEquals(2, noValue.exit());
        assertTrue(noValue.oneErrorLine().contains("-P max-bins has no value; write -P max-bins=VALUE"), noValue.toString());
        assertFalse(noValue.err().contains("option option"));

        Cli.Result excludeLabel = train("x", "--exclude", "species");
        assertEquals(2, excludeLabel.exit(), excludeLabel.toString());
        assertTrue(excludeLabel.oneErrorLine().contains("column 'species' is the label"));
        Cli.Result unknownLabel = train("x", "--label", "kind");
        assertEquals(2, unknownLabel.exit(), unknownLabel.toString());
        assertEquals(List.of("t.bin", "t.bin.json", "t.bin.rows"), Cli.files(dir).stream().filter(f -> f.contains(".bin")).toList());
    }

    @Test
    void dataAndRowsCanComeFromStandardInput() throws Exception {
        byte[] csv = Files.readAllBytes(iris);
        Cli.Result trained = Cli.processWithStdin(dir, csv, "train", "--dataset", "-", "--db", db, "--model-version",
                "piped", "--save-path", "piped.bin", "--n-estimators", "5", "--json");
        assertEquals(0, trained.exit(), trained.toString());
        assertEquals("stdin", trained.json().get("dataset_path").asText());
        assertEquals(150, trained.json().get("total_samples").asInt());
        assertEquals(dev.grove.internal.Sha256.of(csv), trained.json().get("dataset_sha256").asText());

        Cli.Result predicted = Cli.processWithStdin(dir, csv, "predict", "--model", "piped", "--db", db, "--input", "-");
        assertEquals(0, predicted.exit(), predicted.toString());
        assertEquals(151, predicted.out().lines().count());
        assertTrue(predicted.out().lines().findFirst().orElseThrow().endsWith(",prediction"));
    }

    @Test
    void predictNamesADanglingOutputLink() throws Exception {
        assertEquals(0, train("v1").exit());
        Path dangling = Files.createSymbolicLink(dir.resolve("out.csv"), dir.resolve("missing/elsewhere.csv"));
        Cli.Result r = Cli.run("predict", "--model", "v1", "--db", db, "--input", iris.toString(), "--output",
                dangling.toString());
        assertEquals(1, r.exit());
        assertEquals("grove predict: error: " + dangling + " already exists; Grove does not overwrite it: remove it or "
                + "choose another --output", r.oneErrorLine());
        assertFalse(Files.exists(dir.resolve("missing")));
        assertTrue(new String(Files.readAllBytes(iris), StandardCharsets.UTF_8).startsWith("sepal_length_cm"));
    }

    @Test
    void theTrainSummaryEscapesWhatTheFileSays() throws Exception {
        Path hostile = dir.resolve("hostile\u001b[2J.csv");
        Files.writeString(hostile, Files.readString(iris).replaceFirst("sepal_length_cm", "sepal\u001b]0;owned\u0007"));
        Cli.Result r = Cli.run("train", "--dataset", hostile.toString(), "--db", db, "--save-path",
                dir.resolve("h.bin").toString(), "--model-version", "h", "--n-estimators", "3");
        assertEquals(0, r.exit(), r.toString());
        assertFalse(r.out().contains("\u001b") || r.out().contains("\u0007"), r.out());
        assertTrue(r.out().contains("sepal\\u001b]0;owned (numeric)"), r.out()); // the trailing BEL is trimmed as blank
        assertTrue(r.out().contains("hostile\\u001b[2J.csv"), r.out());
    }

    @Test
    void everyCommandHasHelp() {
        for (String[] command : List.of(new String[] {}, new String[] {"train"}, new String[] {"predict"},
                new String[] {"runs"}, new String[] {"runs", "list"}, new String[] {"runs", "show"},
                new String[] {"runs", "compare"}, new String[] {"trainers"}, new String[] {"generate-completion"})) {
            for (String help : List.of("--help", "-h")) {
                List<String> args = new ArrayList<>(List.of(command));
                args.add(help);
                Cli.Result r = Cli.run(args.toArray(String[]::new));
                assertEquals(0, r.exit(), String.join(" ", args) + "\n" + r);
                assertTrue(r.out().startsWith("Usage: grove"), r.out());
            }
        }
    }
}
