package dev.grove.examples;

import dev.grove.Grove;
import dev.grove.TrainingRequest;
import dev.grove.TrainingResult;
import dev.grove.train.Prediction;
import java.nio.file.Path;
import java.util.Map;

/**
 * The README's embedding example, word for word between the markers (QuickStartTest holds the two
 * together): train on a CSV, record the run in SQLite, predict one row. Run it in a folder holding
 * {@code future_skills.csv} (the bundled sample: {@code ./grove train} writes it to
 * {@code artifacts/datasets/future_skills_dataset.csv}).
 */
public final class QuickStart {
    private QuickStart() {
    }

    public static void main(String[] args) {
        // README:begin
        try (Grove grove = Grove.open("runs.db", Path.of("models"))) {   // a SQLite file, or a jdbc:postgresql:// URL
            TrainingResult result = grove.train(TrainingRequest.of(Path.of("future_skills.csv")));
            System.out.printf("run %d: accuracy %.3f%n", result.runId(), result.evaluation().accuracy());
            Prediction p = result.model().predict(Map.of("skill_name", "python", "job_family", "Engineering",
                    "trend_score", 81.0, "internal_usage", 64.0, "training_requests", 31, "scarcity_index", 0.72,
                    "hiring_difficulty", 7, "avg_salary_k", 96.0, "economic_indicator", 104.0));
            System.out.println(p.label() + " " + p.probabilities());
        }
        // README:end
    }
}
