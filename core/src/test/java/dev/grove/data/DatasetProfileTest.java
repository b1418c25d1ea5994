package dev.grove.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.grove.InvalidDataException;

import dev.grove.testing.TestData;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetProfileTest {
    @TempDir
    Path dir;

    @Test
    void futureSkillsProfile() {
        Dataset d = CsvReader.readDataset(TestData.copy(TestData.FUTURE_SKILLS, dir), CsvOptions.defaults());
        DatasetProfile p = DatasetProfile.of(d, List.of("trend_score", "salary_band"));

        assertEquals(400, p.rows());
        assertEquals(List.of("MEDIUM", "HIGH", "LOW"), List.copyOf(p.classCounts().keySet()));
        assertEquals(Map.of("MEDIUM", 180, "HIGH", 180, "LOW", 40), p.classCounts());
        assertEquals(4.5, p.imbalanceRatio(), 1e-12);
        assertEquals(List.of("salary_band"), p.absentColumns());
        assertEquals(0, p.missingCells());
    }

    @Test
    void penguinsMissingPerColumn() {
        Dataset d = CsvReader.readDataset(TestData.copy(TestData.PENGUINS, dir), CsvOptions.defaults());
        DatasetProfile p = DatasetProfile.of(d, List.of());
        assertEquals(11, p.missingPerColumn().get("sex"));
        assertEquals(2, p.missingPerColumn().get("body_mass_g"));
        assertEquals(19, p.missingCells());
        assertEquals(152.0 / 68, p.imbalanceRatio(), 1e-12);
        assertEquals(List.of(), p.emptyColumns());
    }

    /** A table profiled from counts (as a Spark trainer counts it) profiles as the same table read into memory. */
    @Test
    void countsProfileAsTheRowsTheyCount() {
        Dataset d = CsvReader.readDataset(TestData.copy(TestData.PENGUINS, dir), CsvOptions.defaults());
        DatasetProfile rows = DatasetProfile.of(d, List.of());
        Map<String, Long> classes = new LinkedHashMap<>();
        rows.classCounts().forEach((c, n) -> classes.put(c, (long) n));
        Map<String, Long> missing = new LinkedHashMap<>();
        rows.missingPerColumn().forEach((c, n) -> missing.put(c, (long) n));

        DatasetProfile counts = DatasetProfile.ofCounts(d.size(), classes, missing, d.source().rowsDroppedMissingLabel());

        assertEquals(rows.rows(), counts.rows());
        assertEquals(List.copyOf(rows.classCounts().entrySet()), List.copyOf(counts.classCounts().entrySet()));
        assertEquals(rows.imbalanceRatio(), counts.imbalanceRatio());
        assertEquals(List.copyOf(rows.missingPerColumn().entrySet()), List.copyOf(counts.missingPerColumn().entrySet()));
        assertEquals(rows.rowsDroppedMissingLabel(), counts.rowsDroppedMissingLabel());
        assertEquals(List.of(), counts.emptyColumns());
    }

    @Test
    void countsARunCannotRecordAreRefused() {
        InvalidDataException e = assertThrows(InvalidDataException.class, () -> DatasetProfile.ofCounts(3_000_000_000L,
                Map.of("A", 1_500_000_000L, "B", 1_500_000_000L), Map.of(), 0));
        assertTrue(e.getMessage().contains("3000000000 rows"), e.getMessage());
    }
}
