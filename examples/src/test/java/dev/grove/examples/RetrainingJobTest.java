package dev.grove.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.grove.Grove;
import dev.grove.TrainingRequest;
import dev.grove.TrainingResult;
import dev.grove.run.RunQuery;
import dev.grove.run.RunRepository;
import dev.grove.run.RunStatus;
import dev.grove.sample.SampleData;
import dev.grove.store.JooqRunRepository;
import dev.grove.train.TrainingParams;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RetrainingJobTest {
    @TempDir
    Path dir;

    @Test
    void retrainsOnlyWhenTheDatasetChanged() throws Exception {
        Path data = SampleData.futureSkills(dir.resolve("skills.csv"));
        try (RunRepository runs = JooqRunRepository.open(dir.resolve("runs.db"))) {
            Grove grove = Grove.builder().runs(runs).modelsDir(dir.resolve("models")).build();
            TrainingRequest template = TrainingRequest.of(data)
                    .withParams(TrainingParams.defaults().withNEstimators(20));
            try (RetrainingJob job = new RetrainingJob(grove, runs, template, Clock.systemUTC())) {
                Optional<TrainingResult> first = job.checkOnce();
                assertTrue(first.isPresent(), "no run yet for this data: train");
                assertTrue(job.checkOnce().isEmpty(), "unchanged file: skip");

                List<String> lines = Files.readAllLines(data);
                Files.writeString(data, lines.get(1) + "\n", StandardOpenOption.APPEND); // one more row
                Optional<TrainingResult> second = job.checkOnce();
                assertTrue(second.isPresent(), "changed file: retrain");
                assertEquals(401, second.get().run().spec().totalSamples());
                assertTrue(job.checkOnce().isEmpty());
            }
            assertEquals(2, runs.list(RunQuery.all().withStatus(RunStatus.SUCCEEDED)).size());
        }
    }

    @Test
    void theScheduleRunsTheCheckAndTrainsOnlyOnce() throws Exception {
        Path data = SampleData.futureSkills(dir.resolve("skills.csv"));
        try (RunRepository runs = JooqRunRepository.open(dir.resolve("runs.db"))) {
            Grove grove = Grove.builder().runs(runs).modelsDir(dir.resolve("models")).build();
            RetrainingJob job = new RetrainingJob(grove, runs,
                    TrainingRequest.of(data).withParams(TrainingParams.defaults().withNEstimators(10)), Clock.systemUTC());
            try (job) {
                job.start(Duration.ofMillis(50));
                long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                while (job.checks() < 4 && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
            }
            // Counted checks, not elapsed time: at least three ran after the first and each found the data unchanged.
            assertTrue(job.checks() >= 4, job.checks() + " checks");
            assertEquals(job.checks() - 1, job.skips());
            assertEquals(1, runs.list(RunQuery.all()).size());
        }
    }
}
