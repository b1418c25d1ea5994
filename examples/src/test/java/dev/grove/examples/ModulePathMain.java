package dev.grove.examples;

import dev.grove.Grove;
import dev.grove.TrainingRequest;
import dev.grove.TrainingResult;
import dev.grove.run.InMemoryRunRepository;
import dev.grove.sample.SampleData;
import dev.grove.train.Prediction;
import java.nio.file.Path;
import java.util.Map;

/**
 * An app on the class path using Grove from the module path (ModulePathTest starts it): it trains
 * with the trainer named in args[1], predicts a row, and shows that Grove's internals stay closed.
 */
public final class ModulePathMain {
    private ModulePathMain() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        Path data = SampleData.futureSkills(dir.resolve("skills.csv"));
        try (Grove grove = Grove.builder().runs(new InMemoryRunRepository()).modelsDir(dir.resolve("models")).build()) {
            System.out.println("trainers: " + grove.trainers().all().stream().map(t -> t.name()).toList());
            TrainingResult r = grove.train(TrainingRequest.of(data).withTrainer(args[1]).withModelVersion("m1")
                    .withParams(dev.grove.train.TrainingParams.defaults().withNEstimators(20)));
            Prediction p = r.model().predict(Map.of("skill_name", "python", "job_family", "Engineering",
                    "trend_score", 81.0, "internal_usage", 64.0, "training_requests", 31, "scarcity_index", 0.72,
                    "hiring_difficulty", 7, "avg_salary_k", 96.0, "economic_indicator", 104.0));
            System.out.println("trained " + r.run().spec().trainerName() + " " + r.run().status() + ", predicted " + p.label());
            System.out.println("reloaded " + grove.loadModel(r.modelPath()).model().classes());
        }
        try {
            Class.forName("dev.grove.internal.GroveJson").getMethod("compact", Object.class).invoke(null, "x");
            System.out.println("internal: accessible");
        } catch (IllegalAccessException e) {
            System.out.println("internal: closed");
        }
        System.out.println("module: " + Grove.class.getModule().getName());
    }
}
