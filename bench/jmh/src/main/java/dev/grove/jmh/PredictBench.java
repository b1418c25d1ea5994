package dev.grove.jmh;

import dev.grove.train.FitProgress;
import dev.grove.train.Predictions;
import dev.grove.train.TrainedModel;
import dev.grove.train.TrainerRegistry;
import dev.grove.train.TrainingParams;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The EVALUATE stage's expensive half: a Smile forest fitted on synth_100k's 80k training rows
 * predicting the 20k held-out rows as one batch, on {@code threads} workers (the forest is the
 * same whatever the thread count; only prediction's parallelism changes).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class PredictBench {
    @Param(PipelineState.DEFAULT_CSV)
    public String csv;

    @Param("100")
    public int trees;

    @Param({"1", "2"})
    public int threads;

    private PipelineState state;
    private TrainedModel model;

    @Setup
    public void setUp() {
        state = new PipelineState(csv);
        TrainingParams params = TrainingParams.defaults().withNEstimators(trees).withRandomState(42).withThreads(threads);
        model = TrainerRegistry.load().get("smile").fit(state.train, params, FitProgress.NONE);
    }

    @Benchmark
    public Predictions predictTestBatch() {
        return model.predict(state.test.features());
    }
}
