package dev.grove.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.grove.data.Dataset;
import dev.grove.smile.SmileTrainer;
import dev.grove.train.FitProgress;
import dev.grove.train.PreparedSource;
import dev.grove.train.Predictions;
import dev.grove.train.TrainedModel;
import dev.grove.train.TrainingParams;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * On the shared sets: the exported model predicts every test row as Spark's own model did, Spark's
 * confusion counts agree with those predictions, and the forest is as accurate as Smile's trained on
 * the very same train rows (same trees and seed): within 1 point, or one test row on tiny test sets.
 */
class SparkAccuracyTest {
    private static final Logger LOG = LoggerFactory.getLogger(SparkAccuracyTest.class);

    @ParameterizedTest
    @CsvSource({"iris, 0.2", "penguins, 0.25", "future_skills, 0.2"})
    void exportedPredictsAsSparkAndMatchesSmile(String name, double testSplit) {
        TrainingParams params = TrainingParams.defaults().withNEstimators(50).withRandomState(42).withThreads(1);
        try (PreparedSource prepared = TestSpark.trainer().prepare(TestSpark.csv(name), params, testSplit)) {
            TrainedModel model = prepared.fit(FitProgress.NONE);
            PreparedSource.TestSample sample = prepared.testSample(model, Integer.MAX_VALUE);
            Dataset test = sample.rows();
            assertEquals(prepared.testRows(), test.size(), "the sample holds every test row");

            Predictions exported = model.predict(test.features());
            assertArrayEquals(sample.predicted(), exported.predicted(), name + ": exported vs Spark predictions");

            long[][] confusion = prepared.confusion(model);
            long[][] fromSample = new long[prepared.classes().size()][prepared.classes().size()];
            int sparkCorrect = 0;
            for (int i = 0; i < test.size(); i++) {
                int truth = prepared.classes().indexOf(test.classes().get(test.label(i)));
                fromSample[truth][sample.predicted()[i]]++;
                sparkCorrect += truth == sample.predicted()[i] ? 1 : 0;
            }
            assertArrayEquals(fromSample, confusion, name + ": Spark's confusion counts");

            Dataset train = ((SparkPreparation) prepared).trainRows(Integer.MAX_VALUE);
            assertEquals(prepared.trainRows(), train.size());
            TrainedModel smile = new SmileTrainer().fit(train, params, FitProgress.NONE);
            Predictions bySmile = smile.predict(test.features());
            int smileCorrect = 0;
            for (int i = 0; i < test.size(); i++) {
                smileCorrect += bySmile.label(i).equals(test.classes().get(test.label(i))) ? 1 : 0;
            }
            double spark = (double) sparkCorrect / test.size();
            double smileAccuracy = (double) smileCorrect / test.size();
            LOG.info("{}: {} train / {} test rows; accuracy spark {} ({}/{}), smile {} ({}/{})", name, train.size(),
                    test.size(), spark, sparkCorrect, test.size(), smileAccuracy, smileCorrect, test.size());
            assertTrue(Math.abs(spark - smileAccuracy) <= 0.01 || Math.abs(sparkCorrect - smileCorrect) <= 1,
                    name + ": spark " + spark + " vs smile " + smileAccuracy);
        }
    }
}
