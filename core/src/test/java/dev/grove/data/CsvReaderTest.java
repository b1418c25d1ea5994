package dev.grove.data;

import dev.grove.internal.MissingColumnsException;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.grove.InvalidDataException;
import dev.grove.testing.TestData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvReaderTest {
    @TempDir
    Path dir;

    private Path csv(String text) throws IOException {
        Path p = dir.resolve("data.csv");
        Files.writeString(p, text);
        return p;
    }

    @Test
    void anInterruptedThreadStopsReadingWithTheReason() throws IOException {
        StringBuilder csv = new StringBuilder("a,b,y\n");
        for (int i = 0; i < 20_000; i++) {
            csv.append(i).append(',').append(i % 7).append(',').append(i % 2 == 0 ? "p" : "q").append('\n');
        }
        Path file = Files.writeString(dir.resolve("big.csv"), csv);
        Thread.currentThread().interrupt();
        try {
            dev.grove.CancelledException e = assertThrows(dev.grove.CancelledException.class,
                    () -> CsvReader.readDataset(file, CsvOptions.defaults()));
            assertEquals("reading " + file + " was cancelled: its thread was interrupted", e.getMessage());
            assertTrue(Thread.currentThread().isInterrupted(), "the interrupt status stays for the caller");
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void readsPenguinsWithTypesMissingValuesAndLabelOrder() throws Exception {
        Path p = TestData.copy(TestData.PENGUINS, dir);
        Dataset d = CsvReader.readDataset(p, CsvOptions.defaults());

        assertEquals("species", d.labelName());
        assertEquals(List.of("Adelie", "Chinstrap", "Gentoo"), d.classes());
        assertEquals(344, d.size());
        assertEquals(List.of("island", "bill_length_mm", "bill_depth_mm", "flipper_length_mm", "body_mass_g", "sex"),
                d.features().columnNames());
        CategoricalColumn island = (CategoricalColumn) d.features().require("island");
        assertEquals(List.of("Torgersen", "Biscoe", "Dream"), island.levels());
        NumericColumn bill = (NumericColumn) d.features().require("bill_length_mm");
        assertEquals(39.1, bill.get(0));
        assertTrue(bill.isMissing(3));
        assertEquals(2, bill.missingCount());
        assertEquals(11, d.features().require("sex").missingCount());
        assertEquals(List.of(152, 68, 124), java.util.Arrays.stream(d.classCounts()).boxed().toList());
        assertEquals(152, d.classCounts()[0]);
    }

    @Test
    void fingerprintIsTheSha256OfTheFileBytes() throws Exception {
        Path p = TestData.copy(TestData.IRIS, dir);
        String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p)));
        Dataset d = CsvReader.readDataset(p, CsvOptions.defaults());
        assertEquals(expected, d.source().sha256());
        assertEquals(150, d.source().rowsRead());
        assertEquals(Files.size(p), d.source().sizeBytes());
    }

    @Test
    void dropsAndCountsRowsWhoseLabelIsMissing() throws Exception {
        Dataset d = CsvReader.readDataset(csv("a,b,y\n1,x,P\n2,y,\n3,x,NA\n4,z,N\n"), CsvOptions.defaults());
        assertEquals(2, d.size());
        assertEquals(2, d.source().rowsDroppedMissingLabel());
        assertEquals(4, d.source().rowsRead());
        assertEquals(List.of("P", "N"), d.classes());
        assertEquals(4.0, ((NumericColumn) d.features().require("a")).get(1));
    }

    @Test
    void labelByNameAndFeaturesByIncludeOrExclude() throws Exception {
        Path p = csv("y,a,b,c\nP,1,2,3\nN,4,5,6\n");
        Dataset inc = CsvReader.readDataset(p, CsvOptions.defaults().withLabel("y").withInclude(List.of("c", "a")));
        assertEquals(List.of("a", "c"), inc.features().columnNames());
        Dataset exc = CsvReader.readDataset(p, CsvOptions.defaults().withLabel("y").withExclude(List.of("b")));
        assertEquals(List.of("a", "c"), exc.features().columnNames());
    }

    @Test
    void numericLabelsStayText() throws Exception {
        Dataset d = CsvReader.readDataset(csv("a,digit\n1,7\n2,3\n3,7\n"), CsvOptions.defaults());
        assertEquals(List.of("7", "3"), d.classes());
    }

    @Test
    void columnWithTextAfterNumbersIsReadAgainAsCategorical() throws Exception {
        Dataset d = CsvReader.readDataset(csv("a,b,y\n1,10,P\n2,20,N\n3,abc,P\n4,10,N\n"), CsvOptions.defaults());
        CategoricalColumn b = (CategoricalColumn) d.features().require("b");
        assertEquals(List.of("10", "20", "abc"), b.levels());
        assertEquals(0, b.code(3));
        assertInstanceOf(NumericColumn.class, d.features().require("a"));
    }

    @Test
    void missingTokensAndForcedCategoricalAreConfigurable() throws Exception {
        Path p = csv("a,b,y\n-,1,P\n2,2,N\n");
        Dataset d = CsvReader.readDataset(p, CsvOptions.defaults().withMissingTokens(Set.of("", "-"))
                .withCategorical(Set.of("b")));
        assertTrue(d.features().require("a").isMissing(0));
        assertInstanceOf(CategoricalColumn.class, d.features().require("b"));
    }

    @Test
    void semicolonDelimiterAndQuotedFields() throws Exception {
        Dataset d = CsvReader.readDataset(csv("name;x;y\n\"a;b\";1,5;P\nc;2;N\n"),
                CsvOptions.defaults().withDelimiter(';'));
        assertEquals(List.of("a;b", "c"), ((CategoricalColumn) d.features().require("name")).levels());
    }

    @Test
    void readTableWithoutLabelForPrediction() throws Exception {
        Table t = CsvReader.readTable(csv("a,b\n1,2\n3,4\n"), CsvOptions.defaults());
        assertEquals(List.of("a", "b"), t.columnNames());
        assertEquals(2, t.rowCount());
    }

    @Test
    void absentColumnsAreListedWithTheColumnsThatExist() throws Exception {
        Path p = csv("a,b,y\n1,2,P\n");
        MissingColumnsException e = assertThrows(MissingColumnsException.class,
                () -> CsvReader.readDataset(p, CsvOptions.defaults().withLabel("label").withInclude(List.of("a", "zz"))));
        assertEquals(List.of("label", "zz"), e.absent());
        assertTrue(e.getMessage().contains("its columns are: a, b, y"), e.getMessage());
    }

    private String error(String content) throws IOException {
        Path p = csv(content);
        return assertThrows(InvalidDataException.class, () -> CsvReader.readDataset(p, CsvOptions.defaults())).getMessage();
    }

    @Test
    void badFilesGiveOneClearMessage() throws Exception {
        assertTrue(error("").contains("is empty"));
        assertTrue(error("a,b,y\n").contains("no data rows"));
        assertTrue(error("1,2,3\n4,5,6\n").contains("no header row"));
        assertTrue(error("a,a,y\n1,2,P\n").contains("duplicate column names: a"));
        assertTrue(error("a,b,y\n1,2,P\n1,2\n").contains("line 3 has 2 fields but the header has 3"));
        assertTrue(error("a,b,y\n1,\"2,P\n3,4,N\n").contains("never closed"));
        assertTrue(error("a,b,y\n1,inf,P\n2,3,N\n").contains("'inf' on line 2, which is not a finite number"));
        assertTrue(error("a,b,y\n1,NaN,P\n2,3,N\n").contains("not a finite number"));
        assertTrue(error("a,b,y\n1,1e999,P\n2,3,N\n").contains("'1e999' on line 2, which is not a finite number"));
        assertTrue(error("a,b,y\n1,-2E400,P\n2,3,N\n").contains("'-2E400' on line 2"));
        assertTrue(error("a,,y\n1,2,P\n").contains("has no name"));
        String allMissingLabel = error("a,y\n1,\n2,NA\n");
        assertTrue(allMissingLabel.contains("every row's label 'y' is missing"), allMissingLabel);
    }

    @Test
    void nonUtf8AndBinaryFilesAreNamedAsSuch() throws Exception {
        Path latin1 = dir.resolve("latin1.csv");
        Files.write(latin1, "name,y\nJos\u00e9,P\n".getBytes(StandardCharsets.ISO_8859_1));
        String m = assertThrows(InvalidDataException.class, () -> CsvReader.readDataset(latin1, CsvOptions.defaults()))
                .getMessage();
        assertTrue(m.contains("is not UTF-8 text") && m.contains("re-save it as UTF-8"), m);
        assertTrue(m.contains("on line 2"), m);

        // far down a big file: the line is the bad byte's, not where the reader's look-ahead was
        StringBuilder big = new StringBuilder("a,y\n");
        for (int i = 2; i < 6000; i++) {
            big.append(i).append(",P\n");
        }
        byte[] bytes = big.toString().getBytes(StandardCharsets.UTF_8);
        byte[] bad = java.util.Arrays.copyOf(bytes, bytes.length + 8);
        System.arraycopy("7,\u00e9\n".getBytes(StandardCharsets.ISO_8859_1), 0, bad, bytes.length, 4);
        Path late = dir.resolve("late.csv");
        Files.write(late, java.util.Arrays.copyOf(bad, bytes.length + 4));
        String l = assertThrows(InvalidDataException.class, () -> CsvReader.readDataset(late, CsvOptions.defaults()))
                .getMessage();
        assertTrue(l.contains("on line 6000"), l);

        Path binary = dir.resolve("model.bin");
        byte[] junk = new byte[4096];
        new java.util.Random(1).nextBytes(junk);
        Files.write(binary, junk);
        String b = assertThrows(InvalidDataException.class, () -> CsvReader.readDataset(binary, CsvOptions.defaults()))
                .getMessage();
        assertTrue(b.contains("not UTF-8") || b.contains("binary"), b);
    }

    @Test
    void aQuoteOrLineBreakCannotBeTheDelimiter() {
        for (char d : new char[] {'"', '\n', '\r'}) {
            var e = assertThrows(dev.grove.InvalidRequestException.class, () -> CsvOptions.defaults().withDelimiter(d));
            assertTrue(e.getMessage().contains("cannot be"), e.getMessage());
        }
        assertEquals('\t', CsvOptions.defaults().withDelimiter('\t').delimiter());
    }

    @Test
    void missingFileAndDirectory() {
        String missing = assertThrows(InvalidDataException.class,
                () -> CsvReader.readDataset(dir.resolve("nope.csv"), CsvOptions.defaults())).getMessage();
        assertTrue(missing.contains("does not exist"), missing);
        String folder = assertThrows(InvalidDataException.class,
                () -> CsvReader.readDataset(dir, CsvOptions.defaults())).getMessage();
        assertTrue(folder.contains("is a directory"), folder);
    }

    @Test
    void labelCannotAlsoBeAFeatureNorBeExcluded() throws Exception {
        Path p = csv("a,y\n1,P\n");
        assertThrows(dev.grove.InvalidRequestException.class,
                () -> CsvReader.readDataset(p, CsvOptions.defaults().withInclude(List.of("a", "y"))));
        String m = assertThrows(dev.grove.InvalidRequestException.class,
                () -> CsvReader.readDataset(p, CsvOptions.defaults().withExclude(List.of("y")))).getMessage();
        assertTrue(m.startsWith("column 'y' is the label, which is never a feature, so excluding it has no meaning"), m);
    }

    @Test
    void selectKeepsLevelsAndClasses() throws Exception {
        Dataset d = CsvReader.readDataset(TestData.copy(TestData.FUTURE_SKILLS, dir), CsvOptions.defaults());
        Dataset sub = d.select(new int[] {5, 0});
        assertEquals(d.classes(), sub.classes());
        assertEquals(d.label(5), sub.label(0));
        assertEquals(Optional.of(((CategoricalColumn) d.features().require("job_family")).level(5).orElseThrow()),
                ((CategoricalColumn) sub.features().require("job_family")).level(0));
    }

    @Test
    void aByteOrderMarkIsNotPartOfTheFirstNameButIsHashed() throws Exception {
        Path plain = TestData.copy(TestData.IRIS, dir);
        Path excel = TestData.withBomAndCrlf(plain, dir.resolve("iris-excel.csv"));
        byte[] bytes = Files.readAllBytes(excel);
        assertEquals(0xEF, bytes[0] & 0xFF, "the fixture starts with a byte-order mark");

        Dataset a = CsvReader.readDataset(plain, CsvOptions.defaults());
        Dataset b = CsvReader.readDataset(excel, CsvOptions.defaults());
        assertEquals("sepal_length_cm", b.features().columnNames().get(0));
        assertEquals(a.features().columns(), b.features().columns());
        assertEquals(a.classes(), b.classes());
        assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)), b.source().sha256());
        assertEquals(List.of("sepal_length_cm"), CsvReader.readDataset(excel, CsvOptions.defaults()
                .withInclude(List.of("sepal_length_cm"))).features().columnNames());

        // only the very first char: a mark elsewhere is text, and a file that is only a mark is empty
        Path inner = csv("a,b\n\uFEFFx,P\ny,N\n");
        assertEquals(List.of("\uFEFFx", "y"), ((CategoricalColumn) CsvReader.readDataset(inner, CsvOptions.defaults())
                .features().require("a")).levels());
        assertTrue(error("\uFEFF").contains("is empty"));
    }

    @Test
    void decimalCommasAreReadExactlyWhenAsked() throws Exception {
        Path p = csv("a;b;y\n5,1;-0,2;P\n\"1,5e3\";7;N\n;3,;P\n0,1;,5;N\n");
        Dataset d = CsvReader.readDataset(p, CsvOptions.defaults().withDelimiter(';').withDecimal(','));
        NumericColumn a = (NumericColumn) d.features().require("a");
        NumericColumn b = (NumericColumn) d.features().require("b");
        assertEquals(List.of(5.1, 1.5e3, Double.NaN, 0.1), java.util.Arrays.stream(a.toArray()).boxed().toList());
        assertEquals(List.of(-0.2, 7.0, 3.0, 0.5), java.util.Arrays.stream(b.toArray()).boxed().toList());
        assertTrue(d.warnings().isEmpty());

        // with a decimal comma, a point is text
        Dataset points = CsvReader.readDataset(csv("a;y\n5.1;P\n5.2;N\n"),
                CsvOptions.defaults().withDelimiter(';').withDecimal(','));
        assertInstanceOf(CategoricalColumn.class, points.features().require("a"));
    }

    @Test
    void aDecimalCommaCannotAlsoBeTheDelimiter() {
        String m = assertThrows(dev.grove.InvalidRequestException.class, () -> CsvOptions.defaults().withDecimal(','))
                .getMessage();
        assertTrue(m.contains("cannot also be the field delimiter") && m.contains("';'"), m);
        assertThrows(dev.grove.InvalidRequestException.class, () -> CsvOptions.defaults().withDecimal(';'));
        assertEquals(',', CsvOptions.defaults().withDelimiter('\t').withDecimal(',').decimal());
        assertEquals(",", CsvOptions.defaults().withDelimiter(';').withDecimal(',').describe().get("decimal"));
        assertEquals(".", CsvOptions.defaults().describe().get("decimal"));
    }

    @Test
    void numbersWithDecimalCommasReadWithAPointAreNoticed() throws Exception {
        Path european = TestData.european(TestData.copy(TestData.IRIS, dir), dir.resolve("iris-eu.csv"));
        Dataset silent = CsvReader.readDataset(european, CsvOptions.defaults().withDelimiter(';'));
        assertEquals(List.of("sepal_length_cm", "sepal_width_cm", "petal_length_cm", "petal_width_cm"),
                silent.warnings().stream().map(DataWarning::column).toList());
        String m = silent.warnings().get(0).message();
        assertTrue(m.contains("column 'sepal_length_cm' holds numbers written with a decimal comma (e.g. '5,1')")
                && m.contains("categories") && m.contains("',' as the decimal separator"), m);
        assertEquals(silent.warnings(), DatasetProfile.of(silent, List.of()).warnings());
        assertEquals(silent.warnings(), silent.select(new int[] {0, 1}).warnings());

        Dataset read = CsvReader.readDataset(european, CsvOptions.defaults().withDelimiter(';').withDecimal(','));
        assertEquals(List.of(), read.warnings());
        assertEquals(CsvReader.readDataset(dir.resolve("iris.csv"), CsvOptions.defaults()).features().columns(),
                read.features().columns(), "the same numbers, bit for bit");

        // ordinary data, text with commas, and columns asked for as categorical say nothing
        for (String name : List.of(TestData.PENGUINS, TestData.FUTURE_SKILLS)) {
            assertEquals(List.of(), CsvReader.readDataset(TestData.copy(name, dir), CsvOptions.defaults()).warnings());
        }
        assertEquals(List.of(), CsvReader.readDataset(csv("a;y\n\"x,y\";P\n1,5;N\n"),
                CsvOptions.defaults().withDelimiter(';')).warnings());
        assertEquals(List.of(), CsvReader.readDataset(csv("zip;y\n1,5;P\n2;N\n"),
                CsvOptions.defaults().withDelimiter(';').withCategorical(Set.of("zip"))).warnings());
        // a column whose first cells are plain numbers is still noticed (it is read again as categorical)
        assertEquals(List.of("a"), CsvReader.readDataset(csv("a;y\n1;P\n2;N\n2,5;P\n"),
                CsvOptions.defaults().withDelimiter(';')).warnings().stream().map(DataWarning::column).toList());
    }
}
