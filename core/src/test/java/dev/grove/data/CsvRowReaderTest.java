package dev.grove.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.grove.InvalidDataException;
import dev.grove.internal.MissingColumnsException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvRowReaderTest {
    private static final Map<String, ColumnType> X_NUMERIC_C_CATEGORICAL = types("x", ColumnType.NUMERIC,
            "c", ColumnType.CATEGORICAL);

    @TempDir
    Path dir;

    private Path csv(String text) throws IOException {
        return Files.writeString(dir.resolve("in.csv"), text);
    }

    private static Map<String, ColumnType> types(Object... nameThenType) {
        Map<String, ColumnType> m = new LinkedHashMap<>();
        for (int i = 0; i < nameThenType.length; i += 2) {
            m.put((String) nameThenType[i], (ColumnType) nameThenType[i + 1]);
        }
        return m;
    }

    /** Every chunk, read to the end. */
    private static List<RowChunk> all(CsvRowReader r) {
        List<RowChunk> chunks = new ArrayList<>();
        for (Optional<RowChunk> c = r.next(); c.isPresent(); c = r.next()) {
            chunks.add(c.get());
        }
        assertTrue(r.next().isEmpty(), "stays at the end");
        return chunks;
    }

    @Test
    void blankLinesPaddingAndQuotedLineBreaksKeepEachRowWithItsCells() throws Exception {
        Path p = csv("\uFEFFid,c,x\n\n1,  red , 1.5\n\n\n2,\"two\nlines\",2.5\r\n  3 ,blue,\n4,NA,\"4\"\n\n");
        try (CsvRowReader r = CsvRowReader.open(p, CsvOptions.defaults(), X_NUMERIC_C_CATEGORICAL)) {
            assertEquals(List.of("id", "c", "x"), r.header());
            List<RowChunk> chunks = all(r);
            assertEquals(1, chunks.size());
            RowChunk c = chunks.get(0);
            assertEquals(4, c.size());
            assertEquals(List.of("1", "red", "1.5"), c.cells(0));
            assertEquals(List.of("2", "two\nlines", "2.5"), c.cells(1));
            assertEquals(List.of("3", "blue", ""), c.cells(2));
            assertEquals(List.of("4", "NA", "4"), c.cells(3));
            assertEquals(List.of(3L, 7L, 8L, 9L), List.of(c.line(0), c.line(1), c.line(2), c.line(3)));

            assertEquals(List.of("x", "c"), c.features().columnNames());
            NumericColumn x = (NumericColumn) c.features().require("x");
            assertEquals(List.of(1.5, 2.5, Double.NaN, 4.0), java.util.Arrays.stream(x.toArray()).boxed().toList());
            CategoricalColumn cat = (CategoricalColumn) c.features().require("c");
            assertEquals(List.of(Optional.of("red"), Optional.of("two\nlines"), Optional.of("blue"), Optional.empty()),
                    List.of(cat.level(0), cat.level(1), cat.level(2), cat.level(3)));
        }
    }

    @Test
    void aManyChunkFileComesBackRowForRowInOrder() throws Exception {
        StringBuilder sb = new StringBuilder("x;c;id\n");
        int rows = 10_005;
        for (int i = 0; i < rows; i++) {
            sb.append(i % 7 == 0 ? "" : i + ",25").append(';').append(i % 2 == 0 ? "even" : "odd").append(';')
                    .append(i).append('\n');
        }
        Path p = csv(sb.toString());
        CsvOptions european = CsvOptions.defaults().withDelimiter(';').withDecimal(',');
        try (CsvRowReader r = CsvRowReader.open(p, european, X_NUMERIC_C_CATEGORICAL, 1000)) {
            List<RowChunk> chunks = all(r);
            assertEquals(11, chunks.size());
            int row = 0;
            for (RowChunk c : chunks) {
                NumericColumn x = (NumericColumn) c.features().require("x");
                for (int i = 0; i < c.size(); i++, row++) {
                    assertEquals(String.valueOf(row), c.cells(i).get(2));
                    assertEquals(row + 2, c.line(i));
                    assertEquals(row % 7 == 0 ? Double.NaN : row + 0.25, x.get(i));
                }
            }
            assertEquals(rows, row);
        }
    }

    @Test
    void aHeaderOnlyFileHasNoRows() throws Exception {
        try (CsvRowReader r = CsvRowReader.open(csv("x,c\n"), CsvOptions.defaults(), X_NUMERIC_C_CATEGORICAL)) {
            assertEquals(List.of("x", "c"), r.header());
            assertFalse(r.next().isPresent());
        }
    }

    @Test
    void textInANumericColumnIsAnErrorNamingItsLineAndColumn() throws Exception {
        Path p = csv("x,c\n1,a\n\n\"2\n\",b\nabc,c\n");
        try (CsvRowReader r = CsvRowReader.open(p, CsvOptions.defaults(), X_NUMERIC_C_CATEGORICAL)) {
            String m = assertThrows(InvalidDataException.class, r::next).getMessage();
            assertTrue(m.contains("line 6, column 'x': 'abc' is not a number, but the column is read as numbers"), m);
        }
        try (CsvRowReader r = CsvRowReader.open(csv("x;c\n5,1;a\n"), CsvOptions.defaults().withDelimiter(';'),
                X_NUMERIC_C_CATEGORICAL)) {
            String m = assertThrows(InvalidDataException.class, r::next).getMessage();
            assertTrue(m.contains("'5,1' is not a number") && m.contains("read the file with ',' as the decimal separator"), m);
        }
        try (CsvRowReader r = CsvRowReader.open(csv("x,c\ninf,a\n"), CsvOptions.defaults(), X_NUMERIC_C_CATEGORICAL)) {
            assertTrue(assertThrows(InvalidDataException.class, r::next).getMessage()
                    .contains("'inf' is not a finite number"));
        }
        try (CsvRowReader r = CsvRowReader.open(csv("x,c\n1,a\n2\n"), CsvOptions.defaults(), X_NUMERIC_C_CATEGORICAL)) {
            assertTrue(assertThrows(InvalidDataException.class, r::next).getMessage()
                    .contains("line 3 has 1 fields but the header has 2"));
        }
    }

    @Test
    void missingColumnsAndEmptyFilesAreRefusedOnOpen() throws Exception {
        MissingColumnsException e = assertThrows(MissingColumnsException.class,
                () -> CsvRowReader.open(csv("x,y\n1,2\n"), CsvOptions.defaults(), X_NUMERIC_C_CATEGORICAL));
        assertEquals(List.of("c"), e.absent());
        assertTrue(assertThrows(InvalidDataException.class, () -> CsvRowReader.open(csv(""), CsvOptions.defaults(),
                X_NUMERIC_C_CATEGORICAL)).getMessage().contains("is empty"));
        assertTrue(assertThrows(InvalidDataException.class, () -> CsvRowReader.open(dir.resolve("nope.csv"),
                CsvOptions.defaults(), X_NUMERIC_C_CATEGORICAL)).getMessage().contains("does not exist"));
    }
}
