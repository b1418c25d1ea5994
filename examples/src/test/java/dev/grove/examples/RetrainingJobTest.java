package dev.grove.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.grove.Grove;
import dev.grove.TrainingRequest;
import dev.grove.retrain.RetrainOutcome;
import dev.grove.retrain.RetrainScheduler;
import dev.grove.retrain.TriggerEvaluation;
import dev.grove.sample.SampleData;
import dev.grove.train.TrainingParams;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RetrainingJobTest {
    private static final Path README = Path.of("..", "README.md");
    private static final Path SOURCE = Path.of("src", "main", "java", "dev", "grove", "examples", "RetrainingJob.java");

    @TempDir
    Path dir;

    @Test
    void theReadmeShowsTheSchedulersCode() throws Exception {
        List<String> code = QuickStartTest.between(Files.readAllLines(SOURCE), "// README:begin", "// README:end");
        List<String> readme = QuickStartTest.between(Files.readAllLines(README), "```java scheduler", "```");
        assertEquals(code.stream().map(String::strip).toList(), readme.stream().map(String::strip).toList(),
                "README.md's scheduler block and RetrainingJob.java differ");
    }

    @Test
    void theScheduleRetrainsOnceWhenTheDataChangedThenFindsNothingToDo() throws Exception {
        Path data = SampleData.futureSkills(dir.resolve("future_skills.csv"));
        try (Grove grove = Grove.open(dir.resolve("runs.db").toString(), dir.resolve("models"))) {
            grove.train(TrainingRequest.of(data).withModelVersion("v1")
                    .withParams(TrainingParams.defaults().withNEstimators(20)));
            grove.models().setAlias("future_skills", "production", "v1", "ops", "first model");
            Files.writeString(data, Files.readString(data).replace(",5,", ",4,")); // the app's rows changed

            try (RetrainScheduler job = RetrainingJob.schedule(grove, "future_skills", Duration.ofMillis(50))) {
                long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                while (grove.runs().retraining().evaluations("future_skills").size() < 3
                        && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
            }
            List<TriggerEvaluation> history = grove.runs().retraining().evaluations("future_skills");
            assertTrue(history.size() >= 3, history.toString());
            assertEquals(RetrainOutcome.TRAINED, history.get(0).outcome(), history.get(0).reasons().toString());
            assertTrue(history.get(0).fired().contains("new-data"), history.get(0).fired().toString());
            assertTrue(history.stream().skip(1).allMatch(e -> e.outcome() == RetrainOutcome.UNCHANGED),
                    history.toString());
            assertEquals(2, grove.runs().list(dev.grove.run.RunQuery.all()).size(), "v1 and one challenger");
        }
    }
}
