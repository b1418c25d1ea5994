package dev.grove.smile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.grove.eval.Evaluation;
import dev.grove.eval.Evaluator;
import dev.grove.testing.TestData;
import dev.grove.train.FitProgress;
import dev.grove.train.Predictions;
import dev.grove.train.TrainedModel;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Same rows, same tree count as the scikit-learn peer (/work/shared/peers/RESULTS.md): within 2 points. */
class SmileAccuracyTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}: sklearn {1}")
    @CsvSource({
        TestData.IRIS + ", 0.9667",
        TestData.PENGUINS + ", 1.0",
        TestData.FUTURE_SKILLS + ", 0.80"
    })
    void matchesScikitLearnOnThePortableSplit(String dataset, double sklearn) {
        Fixtures.TrainTest data = Fixtures.split(dataset, dir, 0.2, 42);
        TrainedModel model = new SmileTrainer().fit(data.train(), Fixtures.params(100, 2), FitProgress.NONE);

        Predictions p = model.predict(data.test().features());
        Evaluation e = Evaluator.evaluate(data.test().classes(), data.test().labels(), p.predicted());

        assertTrue(Math.abs(e.accuracy() - sklearn) <= 0.02 + 1e-9,
                dataset + ": accuracy " + e.accuracy() + " vs scikit-learn " + sklearn);
        for (double[] row : p.probabilities()) {
            assertEquals(data.train().classes().size(), row.length);
            double sum = 0;
            for (double v : row) {
                sum += v;
            }
            assertEquals(1.0, sum, 1e-9);
        }
    }
}
