package dev.grove.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.grove.Grove;
import dev.grove.InvalidDataException;
import dev.grove.TrainingRequest;
import dev.grove.TrainingResult;
import dev.grove.run.InMemoryRunRepository;
import dev.grove.testing.CentroidTrainer;
import dev.grove.testing.TestData;
import dev.grove.train.TrainerRegistry;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Datasets built from columns, from maps and from a real SQLite database: one fingerprint, one model. */
class InMemoryDatasetTest {
    /** Penguins' columns in name order (the order rows given as maps get), the label last. */
    private static final List<String> NUMERIC = List.of("bill_depth_mm", "bill_length_mm", "body_mass_g",
            "flipper_length_mm");

    @TempDir
    Path dir;

    private Dataset penguins;

    @BeforeEach
    void setUp() {
        penguins = CsvReader.readDataset(TestData.copy(TestData.PENGUINS, dir), CsvOptions.defaults());
    }

    private double[] numbers(String column) {
        return ((NumericColumn) penguins.features().require(column)).toArray();
    }

    private String[] texts(String column) {
        CategoricalColumn c = (CategoricalColumn) penguins.features().require(column);
        String[] v = new String[c.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = c.level(i).orElse(null);
        }
        return v;
    }

    private String[] species() {
        String[] v = new String[penguins.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = penguins.classes().get(penguins.label(i));
        }
        return v;
    }

    private Dataset fromColumns(String name) {
        DatasetBuilder b = Dataset.builder(name);
        NUMERIC.forEach(c -> b.numeric(c, numbers(c)));
        return b.categorical("island", texts("island")).categorical("sex", texts("sex")).label("species", species())
                .build();
    }

    private List<Map<String, Object>> maps() {
        List<Map<String, Object>> rows = new ArrayList<>();
        String[] island = texts("island");
        String[] sex = texts("sex");
        String[] species = species();
        for (int i = 0; i < penguins.size(); i++) {
            Map<String, Object> row = new HashMap<>(); // no order: columns come in name order
            row.put("species", species[i]);
            row.put("sex", sex[i]);
            for (String c : NUMERIC) {
                double v = numbers(c)[i];
                // numbers boxed several ways, missing as null
                row.put(c, Double.isNaN(v) ? null : c.equals("body_mass_g") ? (Object) (int) v : (Object) v);
            }
            row.put("island", island[i]);
            rows.add(row);
        }
        return rows;
    }

    private Connection sqliteWithPenguins() throws SQLException {
        Connection db = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("penguins.db"));
        try (Statement s = db.createStatement()) {
            s.execute("create table penguins (species text, island text, bill_length_mm real, bill_depth_mm real, "
                    + "flipper_length_mm real, body_mass_g integer, sex text, seen date)");
        }
        String[] island = texts("island");
        String[] sex = texts("sex");
        String[] species = species();
        try (PreparedStatement insert = db.prepareStatement("insert into penguins values (?, ?, ?, ?, ?, ?, ?, null)")) {
            for (int i = 0; i < penguins.size(); i++) {
                insert.setString(1, species[i]);
                insert.setString(2, island[i]);
                for (int k = 0; k < 4; k++) {
                    double v = numbers(List.of("bill_length_mm", "bill_depth_mm", "flipper_length_mm", "body_mass_g")
                            .get(k))[i];
                    if (Double.isNaN(v)) {
                        insert.setNull(3 + k, k == 3 ? java.sql.Types.INTEGER : java.sql.Types.REAL);
                    } else if (k == 3) {
                        insert.setInt(3 + k, (int) v);
                    } else {
                        insert.setDouble(3 + k, v);
                    }
                }
                insert.setString(7, sex[i]);
                insert.addBatch();
            }
            insert.executeBatch();
        }
        return db;
    }

    private static final String QUERY = "select bill_depth_mm, bill_length_mm, body_mass_g, flipper_length_mm, island, "
            + "sex, species from penguins order by rowid";

    private Dataset fromDatabase(Connection db, String query) throws SQLException {
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery(query)) {
            return Dataset.ofResultSet(rs, "species", "penguins");
        }
    }

    @Test
    void theSameRowsBuiltThreeWaysHaveOneFingerprintAndTrainOneModel() throws Exception {
        Dataset columns = fromColumns("penguins");
        Dataset rows = Dataset.ofRows(maps(), "species", "penguins");
        Dataset jdbc;
        try (Connection db = sqliteWithPenguins()) {
            jdbc = fromDatabase(db, QUERY);
        }

        assertEquals(64, columns.source().sha256().length());
        for (Dataset d : List.of(rows, jdbc)) {
            assertEquals(columns.source().sha256(), d.source().sha256());
            assertEquals(columns.features().columns(), d.features().columns(), "same columns, types, values and levels");
            assertEquals(columns.classes(), d.classes());
            assertEquals(344, d.size());
            assertEquals(344, d.source().rowsRead());
        }
        assertEquals(List.of("bill_depth_mm", "bill_length_mm", "body_mass_g", "flipper_length_mm", "island", "sex"),
                rows.features().columnNames());
        assertEquals(11, rows.features().require("sex").missingCount(), "null and SQL NULL are missing values");
        assertEquals(2, jdbc.features().require("body_mass_g").missingCount());
        assertEquals("memory:penguins", columns.source().path());
        assertEquals("jdbc:penguins", jdbc.source().path());

        Grove grove = Grove.builder().trainers(TrainerRegistry.of(new CentroidTrainer()))
                .runs(new InMemoryRunRepository()).modelsDir(dir.resolve("models")).build();
        List<TrainingResult> results = new ArrayList<>();
        for (Dataset d : List.of(columns, rows, jdbc)) {
            results.add(grove.train(TrainingRequest.of(d).withModelVersion("v" + results.size())));
        }
        for (TrainingResult r : results) {
            assertEquals(results.get(0).sidecar().modelSha256(), r.sidecar().modelSha256(), "the very same model file");
            assertEquals(results.get(0).evaluation().accuracy(), r.evaluation().accuracy());
            assertEquals(columns.source().sha256(), r.run().spec().datasetSha256());
            assertEquals("numeric", r.run().spec().featureTypes().get("body_mass_g"));
            assertEquals("categorical", r.run().spec().featureTypes().get("island"));
        }
        assertEquals("jdbc:penguins", results.get(2).run().spec().datasetPath());
    }

    @Test
    void theFingerprintFollowsTheContentNotTheColumnOrder() {
        String sha = fromColumns("a").source().sha256();
        assertEquals(sha, fromColumns("another name").source().sha256(), "the name is not content");

        DatasetBuilder reordered = Dataset.builder("a").label("species", species()).categorical("sex", texts("sex"))
                .categorical("island", texts("island"));
        List<String> reversed = new ArrayList<>(NUMERIC);
        java.util.Collections.reverse(reversed);
        reversed.forEach(c -> reordered.numeric(c, numbers(c)));
        assertEquals(sha, reordered.build().source().sha256());

        double[] changed = numbers("bill_depth_mm");
        changed[200] = Math.nextUp(changed[200]);
        DatasetBuilder b = Dataset.builder("a").numeric("bill_depth_mm", changed);
        NUMERIC.stream().skip(1).forEach(c -> b.numeric(c, numbers(c)));
        assertNotEquals(sha, b.categorical("island", texts("island")).categorical("sex", texts("sex"))
                .label("species", species()).build().source().sha256(), "one value differs by one bit");

        List<Map<String, Object>> asText = maps();
        asText.forEach(r -> r.put("body_mass_g", r.get("body_mass_g") == null ? null : "g" + r.get("body_mass_g")));
        List<Map<String, Object>> asNumbers = maps();
        assertNotEquals(Dataset.ofRows(asNumbers, "species", "p").source().sha256(),
                Dataset.ofRows(asText, "species", "p").source().sha256());
        assertNotEquals(Dataset.ofRows(asNumbers, "species", "p").source().sha256(),
                Dataset.ofRows(asNumbers, "island", "p").source().sha256(), "which column is the label is content");
    }

    @Test
    void rowsGivenAsMapsAreTypedByTheirValues() {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("n", i % 3 == 0 ? (Object) ("" + i + ".5") : (Object) (long) i); // numeric text counts as a number
            r.put("code", i == 4 ? "x" + i : (Object) i);                        // one text: categorical
            r.put("flag", i % 2 == 0);
            r.put("y", i == 5 ? null : i % 2 == 0 ? "P" : "N");
            rows.add(r);
        }
        Dataset d = Dataset.ofRows(rows, "y", "toy");
        assertEquals(List.of("code", "flag", "n"), d.features().columnNames());
        assertInstanceOf(NumericColumn.class, d.features().require("n"));
        assertEquals(0.5, ((NumericColumn) d.features().require("n")).get(0));
        CategoricalColumn code = (CategoricalColumn) d.features().require("code");
        assertEquals(List.of("0", "1", "2", "3", "x4"), List.of(code.level(0).orElseThrow(), code.level(1).orElseThrow(),
                code.level(2).orElseThrow(), code.level(3).orElseThrow(), code.level(4).orElseThrow()));
        assertEquals(List.of("true", "false"), ((CategoricalColumn) d.features().require("flag")).levels());
        assertEquals(5, d.size(), "the row whose label is null is left out");
        assertEquals(1, d.source().rowsDroppedMissingLabel());
        assertEquals(6, d.source().rowsRead());
    }

    @Test
    void badInputIsRefusedWithTheReason() throws Exception {
        Map<String, Object> a = new LinkedHashMap<>(Map.of("x", 1, "y", "P"));
        Map<String, Object> noX = new LinkedHashMap<>(Map.of("y", "N"));
        Map<String, Object> extra = new LinkedHashMap<>(Map.of("x", 2, "z", 3, "y", "N"));
        assertTrue(error(() -> Dataset.ofRows(List.of(a, noX), "y", "t")).contains("row 2 has no value for column 'x'"));
        assertTrue(error(() -> Dataset.ofRows(List.of(a, extra), "y", "t")).contains("row 2 has column 'z', which row 1 lacks"));
        assertTrue(error(() -> Dataset.ofRows(List.of(a), "label", "t")).contains("label column 'label' is not in memory:t"));
        assertTrue(error(() -> Dataset.ofRows(List.of(), "y", "t")).contains("has no rows"));

        assertTrue(error(() -> Dataset.builder("b").numeric("x", new double[] {1, 2}).label("y", new String[] {"P"})
                .build()).contains("column 'x' has 2 rows but the label 'y' has 1"));
        assertTrue(error(() -> Dataset.builder("b").numeric("x", new double[] {1}).numeric("x", new double[] {2})
                .label("y", new String[] {"P"}).build()).contains("two columns named 'x'"));
        assertTrue(error(() -> Dataset.builder("b").numeric("x", new double[] {1}).build()).contains("no label column"));
        assertTrue(error(() -> Dataset.builder("b").numeric("x", new double[] {Double.POSITIVE_INFINITY}))
                .contains("not a finite number; use NaN for a missing value"));
        assertTrue(error(() -> Dataset.builder("b").numeric("x", new double[] {1}).label("y", new String[] {null})
                .build()).contains("every row's label 'y' is missing"));

        try (Connection db = sqliteWithPenguins()) {
            assertTrue(error(() -> fromDatabase(db, "select island, seen, species from penguins"))
                    .contains("column 'seen' has SQL type DATE, which is neither a number nor text; cast it"));
            assertTrue(error(() -> fromDatabase(db, "select island, sex as kind from penguins"))
                    .contains("label column 'species' is not in jdbc:penguins; its columns are: island, kind"));
            try (Statement s = db.createStatement()) {
                s.execute("update penguins set bill_depth_mm = 'deep' where rowid = 7");
            }
            assertTrue(error(() -> fromDatabase(db, QUERY))
                    .contains("row 7 of column 'bill_depth_mm' holds 'deep', which is not a finite number"));
        }
    }

    @Test
    void theFingerprintIsTheSha256OfTheDocumentedRendering() throws Exception {
        Dataset d = Dataset.builder("t").label("y", new String[] {"P", null}).numeric("x", new double[] {1.5, Double.NaN})
                .categorical("c", new String[] {null, "é"}).build();
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        java.io.DataOutputStream out = new java.io.DataOutputStream(bytes);
        out.writeBytes("grove-rows-v1");
        out.writeInt(3);
        out.writeByte('C');
        out.writeInt(1);
        out.writeBytes("c");
        out.writeByte('N');
        out.writeInt(1);
        out.writeBytes("x");
        out.writeByte('L');
        out.writeInt(1);
        out.writeBytes("y");
        out.writeByte(0);                                   // row 1: c missing
        out.writeByte(1);
        out.writeLong(Double.doubleToLongBits(1.5));        //        x = 1.5
        out.writeByte(2);
        out.writeInt(1);
        out.writeBytes("P");                                //        y = P
        out.writeByte(2);
        out.writeInt(2);
        out.write(new byte[] {(byte) 0xC3, (byte) 0xA9});   // row 2: c = é
        out.writeByte(0);                                   //        x missing
        out.writeByte(0);                                   //        y missing (the row is left out, still hashed)
        String expected = java.util.HexFormat.of().formatHex(
                java.security.MessageDigest.getInstance("SHA-256").digest(bytes.toByteArray()));
        assertEquals(expected, d.source().sha256());
        assertEquals(1, d.size());
        assertEquals(1, d.source().rowsDroppedMissingLabel());
    }

    private static String error(org.junit.jupiter.api.function.Executable e) {
        return assertThrows(InvalidDataException.class, e).getMessage();
    }
}
