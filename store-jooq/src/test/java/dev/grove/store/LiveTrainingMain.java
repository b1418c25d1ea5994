package dev.grove.store;

import dev.grove.Grove;
import dev.grove.TrainingRequest;
import dev.grove.TrainingResult;
import dev.grove.run.RunHost;
import dev.grove.testing.WaitingTrainer;
import dev.grove.train.TrainerRegistry;
import dev.grove.train.TrainingParams;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A training in a process of its own that says it is {@code host} with pid {@code pid}, for
 * SharedStoreLivenessTest: {@code LiveTrainingMain <store> <csv> <models dir> <version> <host> <pid>
 * <fit ms> <stale-after ms>}. Prints the run's final status.
 */
public final class LiveTrainingMain {
    private LiveTrainingMain() {
    }

    public static void main(String[] args) {
        try (JooqRunRepository runs = JooqRunRepository.open(args[0])) {
            Grove grove = Grove.builder().runs(runs).modelsDir(Path.of(args[2]))
                    .trainers(TrainerRegistry.of(new WaitingTrainer()))
                    .host(new RunHost(args[4], Long.parseLong(args[5]), "test JVM"))
                    .staleAfter(Duration.ofMillis(Long.parseLong(args[7]))).build();
            TrainingResult r = grove.train(TrainingRequest.of(Path.of(args[1])).withModelVersion(args[3])
                    .withParams(TrainingParams.defaults().withExtra("wait-ms", args[6])));
            System.out.println(r.run().status());
        }
    }
}
