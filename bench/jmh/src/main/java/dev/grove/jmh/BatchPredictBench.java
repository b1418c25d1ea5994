package dev.grove.jmh;

import dev.grove.data.CsvOptions;
import dev.grove.data.CsvReader;
import dev.grove.data.Dataset;
import dev.grove.data.Table;
import dev.grove.internal.PortableStratifiedSplit;
import dev.grove.internal.Split;
import dev.grove.train.Predictions;
import dev.grove.train.TrainedModel;
import dev.grove.train.TrainerRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * Batch prediction as the evaluate stage runs it, {@link TrainedModel#predict(Table)} over the
 * portable split's test rows (test 0.2, seed 42; 200k rows of synth_1m) with a model
 * {@link SaveBatchModel} wrote (100 trees), on every core. Compare with
 * {@code bench/sklearn-predict.py} on the same rows (see bench/README.md).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class BatchPredictBench {
    @Param("/tmp/synth_1m.csv")
    public String csv;

    @Param("/tmp/synth_1m-smile-100.model")
    public String model;

    @Param("smile")
    public String trainer;

    private TrainedModel loaded;
    private Table test;

    @Setup
    public void setUp() throws IOException {
        Dataset data = CsvReader.readDataset(Path.of(csv), CsvOptions.defaults());
        Split s = PortableStratifiedSplit.split(data.labels(), data.classes().size(), 0.2, 42);
        test = data.select(s.test()).features();
        try (InputStream in = Files.newInputStream(Path.of(model))) {
            loaded = TrainerRegistry.load().get(trainer).load(in);
        }
    }

    @Benchmark
    public Predictions predictTestRows() {
        return loaded.predict(test);
    }
}
