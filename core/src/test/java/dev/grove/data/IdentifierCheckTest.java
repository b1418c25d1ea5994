package dev.grove.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.grove.testing.TestData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Columns with a distinct value on almost every row are named in the profile's warnings, not refused. */
class IdentifierCheckTest {
    @TempDir
    Path dir;

    /** {@code rows} rows: a text id, a whole-number id, a measurement (all distinct), a colour, a label. */
    private Path csv(int rows, int repeatedIds) throws Exception {
        StringBuilder sb = new StringBuilder("customer,row_no,weight,colour,label\n");
        for (int r = 0; r < rows; r++) {
            int id = r < repeatedIds ? 0 : r;
            sb.append("c").append(id).append(',').append(r + 1000).append(',').append(50 + r * 0.37).append(',')
                    .append(r % 3 == 0 ? "red" : "blue").append(',').append(r % 2 == 0 ? "yes" : "no").append('\n');
        }
        return Files.writeString(dir.resolve("t.csv"), sb);
    }

    private static List<String> warned(Path csv) {
        Dataset d = CsvReader.readDataset(csv, CsvOptions.defaults());
        return DatasetProfile.of(d, List.of()).warnings().stream().map(DataWarning::column).toList();
    }

    @Test
    void textAndWholeNumberIdentifiersAreNamedWithHowToDropThem() throws Exception {
        Path csv = csv(60, 0);
        assertEquals(List.of("customer", "row_no"), warned(csv));
        Dataset d = CsvReader.readDataset(csv, CsvOptions.defaults());
        String m = DatasetProfile.of(d, List.of()).warnings().get(0).message();
        assertEquals("column 'customer' looks like an identifier (60 distinct values in 60 rows): a forest can only "
                + "memorise it; if it identifies rows, leave it out (grove train --exclude customer)", m);
    }

    @Test
    void ninetyFivePerCentDistinctIsEnoughForText() throws Exception {
        assertEquals(List.of("customer", "row_no"), warned(csv(100, 6)), "95 distinct in 100 rows");
        assertEquals(List.of("row_no"), warned(csv(100, 7)), "94 distinct in 100 rows");
    }

    @Test
    void fewRowsAreNotEnoughToTell() throws Exception {
        assertEquals(List.of(), warned(csv(49, 0)));
    }

    @Test
    void theBundledDatasetsHaveNoIdentifier() {
        for (String name : List.of(TestData.IRIS, TestData.PENGUINS, TestData.FUTURE_SKILLS)) {
            Dataset d = CsvReader.readDataset(TestData.copy(name, dir), CsvOptions.defaults());
            assertTrue(DatasetProfile.of(d, List.of()).warnings().isEmpty(), name);
        }
    }
}
