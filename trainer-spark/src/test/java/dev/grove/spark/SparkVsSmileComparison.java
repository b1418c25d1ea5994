package dev.grove.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.grove.data.Dataset;
import dev.grove.data.ExternalTable;
import dev.grove.smile.SmileTrainer;
import dev.grove.train.FitProgress;
import dev.grove.train.PreparedSource;
import dev.grove.train.Predictions;
import dev.grove.train.TrainedModel;
import dev.grove.train.TrainingParams;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A measurement, not a unit test (it runs only when asked): spark against smile on the same
 * spark-hash-stratified-v1 split of a larger CSV, e.g.
 * {@code -Dtest=SparkVsSmileComparison -Dgrove.compare.data=../shared/data/synth_100k.csv}
 * ({@code -Dgrove.compare.trees=20 -Dgrove.compare.depth=12} by default). Logs accuracy and times, and
 * checks the exported model against Spark on every test row.
 */
@EnabledIfSystemProperty(named = "grove.compare.data", matches = ".+")
class SparkVsSmileComparison {
    private static final Logger LOG = LoggerFactory.getLogger(SparkVsSmileComparison.class);

    @Test
    void compare() {
        String data = System.getProperty("grove.compare.data");
        int trees = Integer.getInteger("grove.compare.trees", 20);
        int depth = Integer.getInteger("grove.compare.depth", 12);
        TrainingParams params = TrainingParams.defaults().withNEstimators(trees).withMaxDepth(depth).withRandomState(42)
                .withThreads(2);
        long t0 = System.nanoTime();
        try (PreparedSource prepared = TestSpark.trainer().prepare(new ExternalTable(data, "csv", Optional.empty()),
                params, 0.2)) {
            long t1 = System.nanoTime();
            TrainedModel model = prepared.fit(FitProgress.NONE);
            long t2 = System.nanoTime();
            long[][] confusion = prepared.confusion(model);
            long correct = 0;
            for (int c = 0; c < confusion.length; c++) {
                correct += confusion[c][c];
            }
            PreparedSource.TestSample sample = prepared.testSample(model, Integer.MAX_VALUE);
            long t3 = System.nanoTime();
            Predictions exported = model.predict(sample.rows().features());
            assertArrayEquals(sample.predicted(), exported.predicted(), "exported vs Spark on every test row");
            Dataset train = ((SparkPreparation) prepared).trainRows(Integer.MAX_VALUE);
            Dataset test = sample.rows();
            long t4 = System.nanoTime();
            TrainedModel smile = new SmileTrainer().fit(train, params, FitProgress.NONE);
            long t5 = System.nanoTime();
            Predictions bySmile = smile.predict(test.features());
            int smileCorrect = 0;
            for (int i = 0; i < test.size(); i++) {
                smileCorrect += bySmile.label(i).equals(test.classes().get(test.label(i))) ? 1 : 0;
            }
            LOG.info("{}: {} train / {} test rows, {} trees, max_depth {}: spark accuracy {} ({}/{}), prepare {} s, "
                            + "fit {} s (local[2], {} partitions); smile accuracy {} ({}/{}), fit {} s ({} threads); "
                            + "exported = Spark on all {} test rows",
                    data, prepared.trainRows(), prepared.testRows(), trees, depth,
                    (double) correct / prepared.testRows(), correct, prepared.testRows(), secs(t1 - t0), secs(t2 - t1),
                    prepared.params().extras().get("partitions"), (double) smileCorrect / test.size(), smileCorrect,
                    test.size(), secs(t5 - t4), params.threads(), test.size());
        }
    }

    private static String secs(long nanos) {
        return String.format("%.1f", nanos / 1e9);
    }
}
