package dev.grove.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.grove.data.CsvOptions;
import dev.grove.data.CsvReader;
import dev.grove.data.DataInput;
import dev.grove.data.Dataset;
import dev.grove.testing.SqlTables;
import dev.grove.testing.TestData;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A model's training rows are recognised again however the rows are read later. */
class TrainingRowsTest {
    @TempDir
    Path dir;

    @Test
    void theTrainingRowsAreRecognisedInTheSameRowsReadFromADatabaseInAnotherColumnOrder() {
        Path csv = TestData.copy(TestData.PENGUINS, dir);
        Dataset d = CsvReader.readDataset(csv, CsvOptions.defaults());
        Split split = PortableStratifiedSplit.split(d.labels(), d.classes().size(), 0.2, 42);
        TrainingRows trained = TrainingRows.of(d.select(split.train()));
        assertEquals(split.train().length, trained.size());

        String url = "jdbc:sqlite:" + dir.resolve("app.db");
        SqlTables.load(url, "penguins", csv);
        Dataset fromDb = DataInput.query(url, "select sex, body_mass_g, island, bill_depth_mm, flipper_length_mm, "
                + "bill_length_mm, species from penguins order by id").read();
        int[] fresh = trained.notIn(fromDb).orElseThrow();
        int[] test = split.test().clone();
        Arrays.sort(test);
        assertArrayEquals(test, fresh, "exactly the held-out rows are new to the model");
    }

    @Test
    void rowsThatLackAModelColumnCannotBeToldApart() {
        Dataset d = CsvReader.readDataset(TestData.copy(TestData.IRIS, dir), CsvOptions.defaults());
        TrainingRows trained = TrainingRows.of(d);
        Dataset fewer = CsvReader.readDataset(dir.resolve("iris.csv"), CsvOptions.defaults()
                .withInclude(List.of("petal_length_cm")));
        assertTrue(trained.notIn(fewer).isEmpty());
        assertEquals(0, trained.notIn(d).orElseThrow().length, "every row was trained on");
    }

    @Test
    void itsFileRoundTripsAndADamagedOneIsRefused() throws IOException {
        Dataset d = CsvReader.readDataset(TestData.copy(TestData.IRIS, dir), CsvOptions.defaults());
        TrainingRows rows = TrainingRows.of(d, new int[] {3, 1, 4, 1, 5});
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        rows.write(out);
        TrainingRows back = TrainingRows.read(new ByteArrayInputStream(out.toByteArray()));
        assertEquals(5, back.size());
        assertEquals(150 - 4, back.notIn(d).orElseThrow().length, "rows 1, 3, 4, 5 (one listed twice)");
        ByteArrayOutputStream distinct = new ByteArrayOutputStream();
        TrainingRows.of(d, new int[] {3, 1, 4, 5, 9}).write(distinct);
        byte[] bytes = distinct.toByteArray();
        byte[] swapped = bytes.clone();
        System.arraycopy(bytes, bytes.length - 8, swapped, bytes.length - 16, 8);
        System.arraycopy(bytes, bytes.length - 16, swapped, bytes.length - 8, 8);
        assertThrows(IOException.class, () -> TrainingRows.read(new ByteArrayInputStream(swapped)));
        assertThrows(IOException.class, () -> TrainingRows.read(new ByteArrayInputStream(new byte[] {0, 3, 'a', 'b', 'c'})));
    }
}
