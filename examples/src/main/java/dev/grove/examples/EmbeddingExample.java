package dev.grove.examples;

import dev.grove.Grove;
import dev.grove.TrainingRequest;
import dev.grove.artifact.LoadedModel;
import dev.grove.data.CsvOptions;
import dev.grove.run.RunField;
import dev.grove.run.RunQuery;
import dev.grove.run.RunRepository;
import dev.grove.run.TrainingRun;
import dev.grove.sample.SampleData;
import dev.grove.store.JooqRunRepository;
import dev.grove.train.Predictions;
import dev.grove.train.TrainingParams;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Grove embedded in a plain Java app: train on the future-skills sample with whichever trainer is
 * on the classpath, record the runs in a SQLite file, pick the best run by F1, predict with it.
 *
 * <pre>./mvnw -q -pl examples -am install -DskipTests && ./mvnw -q -pl examples exec:java</pre>
 */
public final class EmbeddingExample {

    /** What the example did, for its caller (and its test). */
    public record Outcome(String trainer, List<TrainingRun> runs, TrainingRun best, Predictions predictions) {
    }

    private EmbeddingExample() {
    }

    public static void main(String[] args) throws IOException {
        Path work = Path.of(args.length > 0 ? args[0] : "target/embedding-example");
        Outcome o = run(work);
        System.out.printf("trainer %s: %d runs recorded in %s%n", o.trainer(), o.runs().size(), work.resolve("runs.db"));
        System.out.printf("best by F1: run %d (%s), F1 %.4f%n", o.best().id(), o.best().modelVersion(),
                o.best().outcome().orElseThrow().evaluation().f1Weighted());
        for (int i = 0; i < 5; i++) {
            System.out.printf("row %d -> %s%n", i + 1, o.predictions().label(i));
        }
    }

    public static Outcome run(Path work) throws IOException {
        Files.createDirectories(work);
        Path data = SampleData.futureSkills(work.resolve("future_skills.csv"));
        try (RunRepository runs = JooqRunRepository.open(work.resolve("runs.db"))) {
            Grove grove = Grove.builder().runs(runs).modelsDir(work.resolve("models")).build();
            String trainer = grove.trainers().defaultTrainer().name();

            // Three forests that differ only in their seed; every run is recorded.
            String batch = Long.toString(System.currentTimeMillis(), 36);
            for (long seed = 1; seed <= 3; seed++) {
                grove.train(TrainingRequest.of(data)
                        .withParams(TrainingParams.defaults().withNEstimators(60).withRandomState(seed))
                        .withModelVersion("future-skills-" + batch + "-seed" + seed)
                        .withNotes("embedding example")
                        .withTrainedBy("embedding-example"));
            }

            // The store answers "which model is best?" and hands back where its file is.
            TrainingRun best = runs.best(RunField.F1, RunQuery.all().withTrainer(trainer)).orElseThrow();
            LoadedModel model = grove.loadModel(Path.of(best.spec().modelPath()));
            Predictions predictions = model.predict(data, CsvOptions.defaults());
            return new Outcome(trainer, runs.list(RunQuery.all().withVersionPattern("future-skills-" + batch + "-*")), best,
                    predictions);
        }
    }
}
