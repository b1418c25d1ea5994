package dev.grove.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.grove.data.CsvOptions;
import dev.grove.data.CsvReader;
import dev.grove.data.Dataset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SampleDataTest {
    @TempDir
    Path dir;

    @Test
    void writesTheFutureSkillsSampleOnceAndNeverOverwrites() throws Exception {
        Path p = SampleData.futureSkills(dir.resolve("artifacts/datasets/future_skills_dataset.csv"));
        Dataset d = CsvReader.readDataset(p, CsvOptions.defaults());
        assertEquals(SampleData.FUTURE_SKILLS_LABEL, d.labelName());
        assertEquals(400, d.size());
        assertEquals(List.of("MEDIUM", "HIGH", "LOW"), d.classes());

        Files.writeString(p, "mine");
        SampleData.futureSkills(p);
        assertEquals("mine", Files.readString(p));
    }
}
