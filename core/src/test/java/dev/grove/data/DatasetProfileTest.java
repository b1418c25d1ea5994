package dev.grove.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.grove.testing.TestData;
import java.nio.file.Path;
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
}
