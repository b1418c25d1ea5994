package dev.grove.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.grove.testing.TestData;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The data a user brings: Excel's and Europe's CSVs, messy prediction input, models named by version. */
class CliDataInputTest {
    private static final List<String> IRIS_FEATURES = List.of("sepal_length_cm", "sepal_width_cm", "petal_length_cm",
            "petal_width_cm");

    @TempDir
    Path dir;

    private Path iris;
    private String db;

    @BeforeEach
    void setUp() {
        iris = TestData.copy(TestData.IRIS, dir);
        db = dir.resolve("runs.db").toString();
    }

    private Cli.Result train(String version, Path data, String... more) {
        List<String> args = new ArrayList<>(List.of("train", "--dataset", data.toString(), "--db", db,
                "--model-version", version, "--save-path", model(version).toString(), "--n-estimators", "15"));
        args.addAll(List.of(more));
        Cli.Result r = Cli.run(args.toArray(String[]::new));
        assertEquals(0, r.exit(), r.toString());
        return r;
    }

    private Path model(String version) {
        return dir.resolve(version + ".bin");
    }

    private static List<CSVRecord> records(String csv, char delimiter) throws IOException {
        try (CSVParser p = CSVParser.builder().setReader(new StringReader(csv))
                .setFormat(CSVFormat.DEFAULT.builder().setDelimiter(delimiter).get()).get()) {
            return p.getRecords();
        }
    }

    private static List<String> column(List<CSVRecord> records, String name) {
        int at = records.get(0).toList().indexOf(name);
        return records.stream().skip(1).map(r -> r.get(at)).toList();
    }

    @Test
    void irisFromExcelOrWrittenTheEuropeanWayTrainsAndPredictsAsThePlainFile() throws Exception {
        Path excel = TestData.withBomAndCrlf(iris, dir.resolve("iris-excel.csv"));
        Path european = TestData.european(iris, dir.resolve("iris-eu.csv"));
        JsonNode plain = train("plain", iris, "--json").json();
        List<JsonNode> others = List.of(train("excel", excel, "--json").json(),
                train("eu", european, "--delimiter", ";", "--decimal", ",", "--json").json());
        for (JsonNode j : others) {
            assertEquals(plain.get("features_used"), j.get("features_used"));
            assertEquals(plain.get("feature_types"), j.get("feature_types"));
            for (String metric : List.of("accuracy", "precision", "recall", "f1_score", "confusion_matrix", "per_class")) {
                assertEquals(plain.get(metric), j.get(metric), metric);
            }
            assertEquals(plain.get("model_sha256"), j.get("model_sha256"), "the very same model file");
            assertEquals(0, j.get("warnings").size());
        }
        assertEquals(IRIS_FEATURES.toString().replace(" ", ""), plain.get("features_used").toString().replace("\"", ""));
        assertEquals("numeric", plain.get("feature_types").get("petal_width_cm").asText());
        assertEquals(",", others.get(1).get("read_options").get("decimal").asText());

        Cli.Result a = Cli.run("predict", "--model", "plain", "--db", db, "--input", iris.toString());
        Cli.Result b = Cli.run("predict", "--model", "eu", "--db", db, "--input", european.toString(), "--delimiter", ";",
                "--decimal", ",");
        Cli.Result c = Cli.run("predict", "--model", "excel", "--db", db, "--input", excel.toString());
        for (Cli.Result r : List.of(a, b, c)) {
            assertEquals(0, r.exit(), r.toString());
        }
        List<String> expected = column(records(a.out(), ','), "prediction");
        assertEquals(150, expected.size());
        assertEquals(expected, column(records(b.out(), ';'), "prediction"));
        assertEquals(expected, column(records(c.out(), ','), "prediction"));
        assertTrue(b.out().startsWith("sepal_length_cm;sepal_width_cm;petal_length_cm;petal_width_cm;species;prediction\n"
                + "5,1;3,5;1,4;0,2;setosa;"), b.out().substring(0, 100));

        Cli.Result show = Cli.run("runs", "show", "eu", "--db", db);
        assertTrue(show.out().contains("{\"sepal_length_cm\":\"numeric\","), show.out());
        assertTrue(show.out().matches("(?s).*read_options +\\{[^\\n]*\"delimiter\":\";\",\"decimal\":\",\".*"), show.out());
    }

    @Test
    void theSummaryShowsFeatureTypesAndWarnsOfDecimalCommas() {
        Path european = TestData.european(iris, dir.resolve("iris-eu.csv"));
        Cli.Result silent = train("silent", european, "--delimiter", ";");
        assertTrue(silent.out().contains("Features:      sepal_length_cm (categorical), sepal_width_cm (categorical)"),
                silent.out());
        assertTrue(silent.out().contains("Warning: column 'petal_width_cm' holds numbers written with a decimal comma "
                + "(e.g. '0,2')"), silent.out());

        Cli.Result read = train("read", european, "--delimiter", ";", "--decimal", ",");
        assertTrue(read.out().contains("Features:      sepal_length_cm (numeric), sepal_width_cm (numeric), "
                + "petal_length_cm (numeric), petal_width_cm (numeric)"), read.out());
        assertFalse(read.out().contains("Warning"), read.out());
        assertFalse(train("plain", iris).out().contains("Warning"));

        Cli.Result clash = Cli.run("train", "--dataset", european.toString(), "--db", db, "--decimal", ",");
        assertEquals(2, clash.exit(), clash.toString());
        assertTrue(clash.oneErrorLine().contains("cannot also be the field delimiter"), clash.toString());
    }

    @Test
    void predictCarriesEachRowThroughToItsOwnPrediction() throws Exception {
        train("v1", iris);
        List<String> expected = column(records(Cli.run("predict", "--model", model("v1").toString(), "--input",
                iris.toString()).out(), ','), "prediction");

        // an id, a note with a quoted line break, padded cells, blank lines, CRLF; ';' between fields
        List<String> lines = Files.readAllLines(iris);
        StringBuilder messy = new StringBuilder("id;note;").append(lines.get(0).replace(',', ';')).append("\n\n");
        for (int i = 1; i < lines.size(); i++) {
            String note = i % 10 == 0 ? "\"first line\nsecond; line\"" : i % 7 == 0 ? "" : "  plain ";
            messy.append(i).append(" ;").append(note).append(';').append(lines.get(i).replace(",", " ; "))
                    .append(i % 25 == 0 ? "\n\n\n" : "\r\n");
        }
        Path input = Files.writeString(dir.resolve("messy.csv"), messy);
        Cli.Result r = Cli.run("predict", "--model", model("v1").toString(), "--input", input.toString(),
                "--delimiter", ";", "--proba");
        assertEquals(0, r.exit(), r.toString());
        assertFalse(r.out().contains("\r"), "lines end in LF");
        List<CSVRecord> out = records(r.out(), ';');
        assertEquals(List.of("id", "note", "sepal_length_cm", "sepal_width_cm", "petal_length_cm", "petal_width_cm",
                "species", "prediction", "proba_setosa", "proba_versicolor", "proba_virginica"), out.get(0).toList());
        assertEquals(151, out.size());
        for (int i = 1; i < out.size(); i++) {
            CSVRecord row = out.get(i);
            assertEquals(String.valueOf(i), row.get(0), "rows in order, cells as read (trimmed)");
            assertEquals(i % 10 == 0 ? "first line\nsecond; line" : i % 7 == 0 ? "" : "plain", row.get(1));
            assertEquals(expected.get(i - 1), row.get(7), "row " + i + " carries its own prediction");
        }
    }

    @Test
    void aLargeInputIsPredictedInChunksRowForRow() throws Exception {
        Path train = Cli.syntheticCsv(dir.resolve("train.csv"), 300, 4, 1);
        Path big = Cli.syntheticCsv(dir.resolve("big.csv"), 10_000, 4, 2);
        train("syn", train);
        Path out = dir.resolve("out.csv");
        Cli.Result r = Cli.run("predict", "--model", "syn", "--db", db, "--input", big.toString(), "--output",
                out.toString());
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.err().contains("10000 predictions written"), r.err());
        List<String> in = Files.readAllLines(big);
        List<String> written = Files.readAllLines(out);
        assertEquals(in.size(), written.size());
        dev.grove.artifact.LoadedModel loaded = dev.grove.internal.ModelArtifacts.load(model("syn"),
                dev.grove.train.TrainerRegistry.load());
        dev.grove.train.Predictions whole = loaded.predict(big, dev.grove.data.CsvOptions.defaults());
        for (int i = 1; i < in.size(); i++) {
            assertEquals(in.get(i) + "," + whole.label(i - 1), written.get(i), "line " + (i + 1));
        }
        assertTrue(10_000 > 2 * dev.grove.data.CsvRowReader.DEFAULT_CHUNK_ROWS, "several chunks");
    }

    @Test
    void addedColumnsNeverRepeatAnInputColumnsName() throws Exception {
        train("v1", iris);
        Path previous = dir.resolve("previous.csv");
        Cli.Result first = Cli.run("predict", "--model", model("v1").toString(), "--input", iris.toString(), "--output",
                previous.toString(), "--proba");
        assertEquals(0, first.exit(), first.toString());
        Cli.Result again = Cli.run("predict", "--model", model("v1").toString(), "--input", previous.toString(), "--proba");
        assertEquals(0, again.exit(), again.toString());
        assertEquals("sepal_length_cm,sepal_width_cm,petal_length_cm,petal_width_cm,species,prediction,proba_setosa,"
                + "proba_versicolor,proba_virginica,prediction_2,proba_setosa_2,proba_versicolor_2,proba_virginica_2",
                again.out().lines().findFirst().orElseThrow());
        List<CSVRecord> out = records(again.out(), ',');
        assertEquals(column(out, "prediction"), column(out, "prediction_2"));

        Files.writeString(dir.resolve("p.csv"), "proba_setosa,sepal_length_cm,sepal_width_cm,petal_length_cm,"
                + "petal_width_cm\nx,5.1,3.5,1.4,0.2\n");
        assertEquals("proba_setosa,sepal_length_cm,sepal_width_cm,petal_length_cm,petal_width_cm,prediction",
                Cli.run("predict", "--model", model("v1").toString(), "--input", dir.resolve("p.csv").toString())
                        .out().lines().findFirst().orElseThrow(), "without --proba only 'prediction' is added");
    }

    @Test
    void aHeaderOnlyInputGivesAHeaderOnlyOutputAndBadCellsAreNamed() throws Exception {
        train("v1", iris);
        Path header = Files.writeString(dir.resolve("header.csv"), Files.readAllLines(iris).get(0) + "\n");
        Cli.Result r = Cli.run("predict", "--model", model("v1").toString(), "--input", header.toString(), "--proba");
        assertEquals(0, r.exit(), r.toString());
        assertEquals("sepal_length_cm,sepal_width_cm,petal_length_cm,petal_width_cm,species,prediction,proba_setosa,"
                + "proba_versicolor,proba_virginica\n", r.out());

        Path bad = Files.writeString(dir.resolve("bad.csv"), String.join(",", IRIS_FEATURES) + "\n5.1,3.5,1.4,0.2\n\n"
                + "5.0,\"wide\nish\",1.4,0.2\n");
        Cli.Result e = Cli.run("predict", "--model", model("v1").toString(), "--input", bad.toString());
        assertEquals(1, e.exit(), e.toString());
        assertTrue(e.oneErrorLine().contains("line 5, column 'sepal_width_cm': 'wide\\nish' is not a number"), e.toString());
    }

    @Test
    void aModelNamedByVersionMustMatchTheRunStoresRecordNotOnlyItsSidecar() throws Exception {
        train("v1", iris);
        train("v2", iris, "--random-state", "7");
        assertFalse(java.util.Arrays.equals(Files.readAllBytes(model("v1")), Files.readAllBytes(model("v2"))));
        // a consistent pair (v2's model and sidecar) put in v1's place
        Files.copy(model("v2"), model("v1"), StandardCopyOption.REPLACE_EXISTING);
        Files.copy(dir.resolve("v2.bin.json"), dir.resolve("v1.bin.json"), StandardCopyOption.REPLACE_EXISTING);

        Cli.Result byVersion = Cli.run("predict", "--model", "v1", "--db", db, "--input", iris.toString());
        assertEquals(1, byVersion.exit(), byVersion.toString());
        String m = byVersion.oneErrorLine();
        assertTrue(m.contains("but the run store recorded") && m.contains("were replaced since"), m);
        assertEquals("", byVersion.out());

        Cli.Result byPath = Cli.run("predict", "--model", model("v1").toString(), "--input", iris.toString());
        assertEquals(0, byPath.exit(), "a file named by path is checked against its sidecar alone: " + byPath);

        String help = Cli.run("predict", "--help").out();
        assertTrue(help.contains("checked against its sidecar alone") && help.contains("run store"), help);
    }
}
