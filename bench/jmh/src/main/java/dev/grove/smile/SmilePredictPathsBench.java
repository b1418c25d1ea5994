package dev.grove.smile;

import dev.grove.data.CsvOptions;
import dev.grove.data.CsvReader;
import dev.grove.data.Dataset;
import dev.grove.split.PortableStratifiedSplit;
import dev.grove.split.Split;
import dev.grove.train.FitProgress;
import dev.grove.train.TrainingParams;
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
import smile.data.DataFrame;

/**
 * One thread, 20k synth_100k test rows, 100 trees: Smile's own per-row
 * {@code RandomForest.predict(Tuple, double[])} against Grove's direct tree walk (same bits).
 * In package dev.grove.smile to reach the package-private model.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class SmilePredictPathsBench {
    @Param("/work/shared/data/synth_100k.csv")
    public String csv;

    private SmileModel model;
    private Dataset test;
    private DataFrame frame;

    @Setup
    public void setUp() {
        Dataset data = CsvReader.readDataset(Path.of(csv), CsvOptions.defaults());
        Split s = PortableStratifiedSplit.split(data.labels(), data.classes().size(), 0.2, 42);
        test = data.select(s.test());
        TrainingParams params = TrainingParams.defaults().withNEstimators(100).withRandomState(42).withThreads(1);
        model = (SmileModel) new SmileTrainer().fit(data.select(s.train()), params, FitProgress.NONE);
        frame = SmileFrames.features(test.features(), model.encoding());
    }

    @Benchmark
    public int[] smilePerRow() {
        int n = frame.size();
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = model.forest().predict(frame.get(i), new double[3]);
        }
        return out;
    }

    @Benchmark
    public int[] groveDirect() {
        return model.predict(test.features()).predicted();
    }
}
