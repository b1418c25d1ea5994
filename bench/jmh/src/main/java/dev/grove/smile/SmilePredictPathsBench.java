package dev.grove.smile;

import dev.grove.data.CsvOptions;
import dev.grove.data.CsvReader;
import dev.grove.data.Dataset;
import dev.grove.internal.PortableStratifiedSplit;
import dev.grove.internal.Split;
import dev.grove.train.FeatureEncoding;
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
import smile.classification.RandomForest;
import smile.data.DataFrame;

/**
 * One thread, 20k synth_100k test rows, 100 trees: Smile's own per-row
 * {@code RandomForest.predict(Tuple, double[])} against Grove's flattened forest (same bits).
 * In package dev.grove.smile to reach the package-private model.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class SmilePredictPathsBench {
    @Param("/work/shared/data/synth_100k.csv")
    public String csv;

    private RandomForest forest;
    private SmileModel model;
    private Dataset test;
    private DataFrame frame;

    @Setup
    public void setUp() {
        Dataset data = CsvReader.readDataset(Path.of(csv), CsvOptions.defaults());
        Split s = PortableStratifiedSplit.split(data.labels(), data.classes().size(), 0.2, 42);
        test = data.select(s.test());
        TrainingParams params = TrainingParams.defaults().withNEstimators(100).withRandomState(42).withThreads(1);
        Dataset train = data.select(s.train());
        FeatureEncoding encoding = FeatureEncoding.fit(train);
        SmileSettings settings = SmileSettings.resolve(params, encoding.size(), train.size(), train.classes());
        forest = new SmileTrainer().grow(train, encoding, settings);
        model = new SmileModel(FlatSmileForest.of(forest, encoding.size()), train.classes(), encoding,
                settings.toParams(train.classes()), SmileTrainer.SMILE_VERSION);
        frame = SmileFrames.features(test.features(), encoding);
    }

    @Benchmark
    public int[] smilePerRow() {
        int n = frame.size();
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = forest.predict(frame.get(i), new double[3]);
        }
        return out;
    }

    @Benchmark
    public int[] groveDirect() {
        return model.predict(test.features()).predicted();
    }
}
