package dev.grove.jmh;

import dev.grove.train.FitProgress;
import dev.grove.train.TrainedModel;
import dev.grove.train.TrainerRegistry;
import dev.grove.train.TrainingParams;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Trains the model {@link BatchPredictBench} loads, once: {@code TRAINER} on the portable split's
 * training rows of {@code CSV} (test 0.2, seed 42), {@code TREES} trees, default settings
 * otherwise, written in the trainer's own format to {@code OUT}. Minutes on synth_1m.
 * <pre>java -cp ... dev.grove.jmh.SaveBatchModel /tmp/synth_1m.csv smile 100 /tmp/synth_1m-smile-100.model</pre>
 */
public final class SaveBatchModel {
    private SaveBatchModel() {
    }

    public static void main(String[] args) throws IOException {
        PipelineState state = new PipelineState(args[0]);
        TrainingParams params = TrainingParams.defaults().withNEstimators(Integer.parseInt(args[2])).withRandomState(42);
        long t0 = System.nanoTime();
        TrainedModel model = TrainerRegistry.load().get(args[1]).fit(state.train, params, FitProgress.NONE);
        System.out.printf("fit %.1f s%n", (System.nanoTime() - t0) / 1e9);
        try (OutputStream out = Files.newOutputStream(Path.of(args[3]))) {
            model.write(out);
        }
    }
}
