package dev.grove.cli.hardening;

import dev.grove.cli.Cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.grove.internal.Sha256;
import dev.grove.internal.GroveJson;
import dev.grove.testing.TestData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every bad input of issue 9: exit code, exactly one stderr line naming the problem and the fix,
 * no stack trace, no model file, and the run recorded before it untouched. About a third of the
 * cases run as a real {@code grove} process, the rest in this JVM.
 */
class BadInputTest {
    /** A store with one SUCCEEDED run (version {@code base}, smile, iris) and a Tribuo model. */
    @TempDir
    static Path template;

    private static final Map<String, String> MESSAGES = Collections.synchronizedMap(new TreeMap<>());

    enum Mode { IN_PROCESS, PROCESS }

    record Case(String name, Mode mode, int exit, Function<Path, List<String>> args, List<String> says) {
        @Override
        public String toString() {
            return name + (mode == Mode.PROCESS ? " [process]" : "");
        }
    }

    @BeforeAll
    static void recordABaselineRun() {
        Path iris = TestData.copy(TestData.IRIS, template);
        String db = template.resolve("runs.db").toString();
        Cli.Result base = Cli.run("train", "--dataset", iris.toString(), "--db", db, "--model-version", "base",
                "--save-path", template.resolve("base.bin").toString(), "--n-estimators", "3", "--trainer", "smile");
        assertEquals(0, base.exit(), base.toString());
        Cli.Result tri = Cli.run("train", "--dataset", iris.toString(), "--db", db, "--model-version", "tri",
                "--save-path", template.resolve("tri.bin").toString(), "--n-estimators", "3", "--trainer", "tribuo");
        assertEquals(0, tri.exit(), tri.toString());
    }

    @AfterAll
    static void writeTheMessages() throws IOException {
        Path report = Path.of("target", "hardening-bad-input.txt");
        Files.createDirectories(report.getParent());
        List<String> lines = new ArrayList<>();
        MESSAGES.forEach((k, v) -> lines.add(k + "\t" + v));
        Files.write(report, lines);
    }

    static Stream<Case> cases() {
        List<Case> c = new ArrayList<>();
        // --- the dataset file
        c.add(proc("missing file", 1, d -> train(d, "nope.csv"), "nope.csv does not exist", "check the path"));
        c.add(proc("missing file with an unusable --db too", 1,
                d -> trainDb(d, "nope.csv", mkdir(d.resolve("dbdir")).toString()), "nope.csv does not exist"));
        c.add(proc("a directory", 1, d -> train(d, mkdir(d.resolve("data")).toString()),
                "is a directory", "give the path of a CSV file inside it"));
        c.add(in("an empty file", 1, d -> train(d, csv(d, "empty.csv", "")), "is empty", "needs a header row"));
        c.add(in("a header only", 1, d -> train(d, csv(d, "h.csv", "a,b,y\n")),
                "has a header but no data rows", "add at least one row per class"));
        c.add(in("no header", 1, d -> train(d, csv(d, "nh.csv", "1,2,3\n4,5,6\n")),
                "has no header row", "add a first line naming the columns"));
        c.add(in("duplicate column names", 1, d -> train(d, csv(d, "dup.csv", "a,a,y\n1,2,x\n3,4,z\n")),
                "duplicate column names: a", "rename them"));
        c.add(in("ragged rows", 1, d -> train(d, csv(d, "rag.csv", "a,b,y\n1,2,x\n3,z\n")),
                "line 3 has 2 fields but the header has 3", "one value per column"));
        c.add(in("unterminated quotes", 1, d -> train(d, csv(d, "q.csv", "a,b,y\n1,2,\"x\n3,4,z\n")),
                "quoted value that is never closed", "close the quote"));
        c.add(proc("binary garbage (PNG bytes)", 1, d -> train(d, bytes(d, "img.csv", png())),
                "is not UTF-8 text", "give the path of one"));
        c.add(in("binary garbage (NUL bytes)", 1, d -> train(d, bytes(d, "elf.csv", elf())),
                "contains NUL bytes", "binary file"));
        c.add(proc("a non-UTF-8 (Latin-1) file", 1, d -> train(d, bytes(d, "latin1.csv",
                "a,b,y\n1,2,caf\u00e9\n3,4,th\u00e9\n".getBytes(StandardCharsets.ISO_8859_1))),
                "is not UTF-8 text", "re-save it as UTF-8"));
        // --- columns and labels
        c.add(in("a label column that does not exist", 2, d -> train(d, iris(d), "--label", "kind"),
                "column 'kind' is not in", "its columns are: sepal_length_cm, sepal_width_cm, petal_length_cm, "
                        + "petal_width_cm, species", "use one of those"));
        c.add(in("a label with one class", 1, d -> train(d, csv(d, "one.csv", "a,b,y\n1,2,x\n3,4,x\n5,6,x\n")),
                "has a single class ('x', 3 rows)", "at least two classes"));
        c.add(in("a class with a single row", 1,
                d -> train(d, csv(d, "single.csv", "a,b,y\n1,2,x\n3,4,x\n5,6,z\n7,8,x\n")),
                "class 'z' of label 'y' has a single row", "stratified split cannot", "add rows of that class"));
        c.add(in("every value missing in a feature", 1,
                d -> train(d, csv(d, "nan.csv", "a,b,y\n,2,x\nNA,4,x\n,6,z\n,8,z\n")),
                "every value of feature a is missing", "exclude it"));
        c.add(in("a feature column asked for that is absent", 2,
                d -> train(d, iris(d), "--features", "sepal_length_cm,colour"),
                "column 'colour' is not in", "its columns are:", "use one of those"));
        for (String v : List.of("Infinity", "-inf", "NaN", "1e999")) {
            c.add(in("'" + v + "' in a numeric column", 1,
                    d -> train(d, csv(d, "inf.csv", "a,b,y\n1,2,x\n" + v + ",4,x\n5,6,z\n7,8,z\n")),
                    "inf.csv: column 'a' holds '" + v + "' on line 3, which is not a finite number",
                    "leave the cell empty"));
        }
        // --- request values
        for (String split : List.of("0", "1", "-0.5", "NaN")) {
            c.add(in("test split " + split, 2, d -> train(d, iris(d), "--test-split=" + split),
                    "test split must be between 0 and 1 (exclusive)", "0.2 holds out"));
        }
        for (String n : List.of("0", "-3")) {
            c.add(in("n-estimators " + n, 2, d -> trainNoTrees(d, iris(d), "--n-estimators=" + n),
                    "n-estimators must be at least 1, got " + n));
        }
        c.add(proc("an unknown trainer", 2, d -> train(d, iris(d), "--trainer", "xgboost"),
                "unknown trainer 'xgboost'", "available:", "smile", "tribuo"));
        c.add(proc("an unknown option", 2, d -> train(d, iris(d), "--n-trees", "5"),
                "Unknown option", "'--n-trees'", "see 'grove train --help'"));
        // --- where things are saved and recorded
        c.add(in("a save path in a read-only folder", 1, d -> saveTo(d, readOnlyFolder(d).resolve("m.bin")),
                "is not writable", "choose another save path"));
        c.add(in("a save path in a missing folder", 1, d -> saveTo(d, d.resolve("nowhere/m.bin")),
                "nowhere does not exist", "create it or choose another save path"));
        c.add(proc("a model version that already exists", 1, d -> train(d, iris(d), "--model-version", "base"),
                "model version 'base' already exists", "choose another --model-version"));
        c.add(proc("--db: a file that is not SQLite", 1, d -> trainDb(d, iris(d), csv(d, "notes.db", "my notes\n")),
                "is not a SQLite database", "left untouched"));
        c.add(proc("--db: a read-only file", 1, d -> trainDb(d, iris(d), readOnlyCopy(d)),
                "is read-only", "make it writable"));
        c.add(proc("--db: a directory", 1, d -> trainDb(d, iris(d), mkdir(d.resolve("dbdir")).toString()),
                "is a directory, not a SQLite file", "give a file path"));
        // --- predict
        c.add(proc("predict: a tampered model file", 1, d -> predict(d, tampered(d), iris(d)),
                "does not match its sidecar (SHA-256", "restore the original file or retrain"));
        c.add(in("predict: a CSV lacking a feature column", 1,
                d -> predict(d, d.resolve("base.bin").toString(), irisWithout(d, 3)),
                "lacks the feature column petal_width_cm", "add it to the input"));
        c.add(in("predict: a sidecar from another trainer", 1,
                d -> predict(d, smileModelWithTribuoSidecar(d), iris(d)),
                "refused by trainer 'tribuo' named in its sidecar", "not a Grove Tribuo model file"));
        return c.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void isRefusedInOneClearLine(Case c, @TempDir Path dir) throws IOException {
        for (String f : List.of("runs.db", "base.bin", "base.bin.json", "tri.bin", "tri.bin.json")) {
            Files.copy(template.resolve(f), dir.resolve(f));
        }
        Files.createDirectories(dir.resolve("models"));
        String before = runsJson(dir);
        List<String> args = c.args().apply(dir);
        Map<Path, byte[]> untouched = snapshotOtherDbs(dir);

        Cli.Result r = c.mode() == Mode.PROCESS ? Cli.process(dir, args.toArray(String[]::new))
                : Cli.run(args.toArray(String[]::new));

        assertEquals(c.exit(), r.exit(), r.toString());
        String line = r.oneErrorLine();
        MESSAGES.put(c.name(), r.exit() + "\t" + line);
        assertTrue(line.startsWith("grove " + args.get(0) + ": "), line);
        for (String s : c.says()) {
            assertTrue(line.contains(s), "'" + s + "' not in: " + line);
        }
        assertEquals(List.of(), Cli.files(dir.resolve("models")), "nothing may be written to the save folder");
        try (Stream<Path> all = Files.walk(dir)) {
            assertEquals(List.of(), all.filter(p -> p.toString().endsWith(".grove-tmp")).toList());
        }
        assertFalse(Files.exists(dir.resolve("grove.db")), "no default store may be created");
        assertEquals(before, runsJson(dir), "the runs recorded before must be unchanged, and none added");
        untouched.forEach((p, bytes) -> assertArrayEquals(bytes, read(p), p + " was changed"));
    }

    // ---------------------------------------------------------------- helpers

    private static Case in(String name, int exit, Function<Path, List<String>> args, String... says) {
        return new Case(name, Mode.IN_PROCESS, exit, args, List.of(says));
    }

    private static Case proc(String name, int exit, Function<Path, List<String>> args, String... says) {
        return new Case(name, Mode.PROCESS, exit, args, List.of(says));
    }

    private static String runsJson(Path dir) {
        Cli.Result r = Cli.run("runs", "list", "--db", dir.resolve("runs.db").toString(), "--json");
        assertEquals(0, r.exit(), r.toString());
        assertEquals(2, r.json().size(), r.out());
        return r.out();
    }

    /** The store files a case points --db at, besides runs.db: they must not change either. */
    private static Map<Path, byte[]> snapshotOtherDbs(Path dir) throws IOException {
        Map<Path, byte[]> m = new TreeMap<>();
        try (Stream<Path> s = Files.list(dir)) {
            s.filter(p -> p.toString().endsWith(".db") && !p.getFileName().toString().equals("runs.db"))
                    .forEach(p -> m.put(p, read(p)));
        }
        return m;
    }

    private static List<String> train(Path dir, String dataset, String... extra) {
        return trainDb(dir, dataset, dir.resolve("runs.db").toString(), extra);
    }

    private static List<String> trainNoTrees(Path dir, String dataset, String... extra) {
        List<String> a = new ArrayList<>(List.of("train", "--dataset", dataset, "--db", dir.resolve("runs.db").toString(),
                "--save-path", dir.resolve("models/m.bin").toString()));
        a.addAll(List.of(extra));
        return a;
    }

    private static List<String> trainDb(Path dir, String dataset, String db, String... extra) {
        List<String> a = new ArrayList<>(List.of("train", "--dataset", dataset, "--db", db,
                "--save-path", dir.resolve("models/m.bin").toString(), "--n-estimators", "3"));
        a.addAll(List.of(extra));
        return a;
    }

    private static List<String> saveTo(Path dir, Path model) {
        return List.of("train", "--dataset", iris(dir), "--db", dir.resolve("runs.db").toString(),
                "--save-path", model.toString(), "--n-estimators", "3");
    }

    private static List<String> predict(Path dir, String model, String input) {
        return List.of("predict", "--model", model, "--input", input, "--db", dir.resolve("runs.db").toString());
    }

    private static String iris(Path dir) {
        Path p = dir.resolve(TestData.IRIS);
        return (Files.exists(p) ? p : TestData.copy(TestData.IRIS, dir)).toString();
    }

    private static String irisWithout(Path dir, int column) {
        List<String> out = new ArrayList<>();
        for (String line : readLines(Path.of(iris(dir)))) {
            List<String> cells = new ArrayList<>(List.of(line.split(",", -1)));
            cells.remove(column);
            out.add(String.join(",", cells));
        }
        return csv(dir, "lacking.csv", String.join("\n", out) + "\n");
    }

    private static String csv(Path dir, String name, String text) {
        Cli.write(dir.resolve(name), text);
        return dir.resolve(name).toString();
    }

    private static String bytes(Path dir, String name, byte[] b) {
        Cli.write(dir.resolve(name), b);
        return dir.resolve(name).toString();
    }

    private static Path mkdir(Path p) {
        try {
            return Files.createDirectories(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path readOnlyFolder(Path dir) {
        Path ro = mkdir(dir.resolve("readonly"));
        try {
            Files.setPosixFilePermissions(ro, PosixFilePermissions.fromString("r-xr-xr-x"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return ro;
    }

    private static String readOnlyCopy(Path dir) {
        Path ro = dir.resolve("readonly.db");
        try {
            Files.copy(dir.resolve("runs.db"), ro);
            Files.setPosixFilePermissions(ro, PosixFilePermissions.fromString("r--r--r--"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return ro.toString();
    }

    private static String tampered(Path dir) {
        Path m = dir.resolve("models-elsewhere");
        mkdir(m);
        try {
            Files.copy(dir.resolve("base.bin.json"), m.resolve("t.bin.json"));
            byte[] b = read(dir.resolve("base.bin"));
            b[b.length / 2] ^= 1;
            Files.write(m.resolve("t.bin"), b);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return m.resolve("t.bin").toString();
    }

    /** The smile model's bytes beside the Tribuo model's sidecar, its hash fixed so only the content check can tell. */
    private static String smileModelWithTribuoSidecar(Path dir) {
        Path m = mkdir(dir.resolve("swapped")).resolve("o.bin");
        try {
            Files.copy(dir.resolve("base.bin"), m);
            ObjectNode sidecar = (ObjectNode) GroveJson.reader().readTree(java.nio.file.Files.readString(dir.resolve("tri.bin.json")));
            sidecar.put("model_sha256", Sha256.of(read(m)));
            sidecar.put("model_file", "o.bin");
            GroveJson.writer().writeValue(dir.resolve("swapped/o.bin.json").toFile(), sidecar);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return m.toString();
    }

    static byte[] png() {
        byte[] b = new byte[256];
        byte[] head = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R'};
        System.arraycopy(head, 0, b, 0, head.length);
        for (int i = head.length; i < b.length; i++) {
            b[i] = (byte) (i * 37);
        }
        return b;
    }

    static byte[] elf() {
        byte[] b = new byte[128];
        byte[] head = {0x7f, 'E', 'L', 'F', 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0x3e, 0};
        System.arraycopy(head, 0, b, 0, head.length);
        return b;
    }

    private static byte[] read(Path p) {
        try {
            return Files.readAllBytes(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> readLines(Path p) {
        try {
            return Files.readAllLines(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
