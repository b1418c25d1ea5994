package dev.grove.tribuo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.grove.testing.TestData;
import dev.grove.train.FitProgress;
import dev.grove.train.Predictions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tribuo.Model;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.classification.ensemble.VotingCombiner;
import org.tribuo.ensemble.WeightedEnsembleModel;
import org.tribuo.impl.ArrayExample;

/**
 * The flat forest written to disk must be Tribuo's own ensemble in another form: the same
 * labels and the same scores, bit for bit, on every test row.
 */
class FlatForestMatchesTribuoTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource({TestData.IRIS + ",255", TestData.PENGUINS + ",255", TestData.FUTURE_SKILLS + ",8",
            TestData.FUTURE_SKILLS + ",0"})
    void flatForestPredictsExactlyWhatTribuosEnsemblePredicts(String dataset, String maxBins) {
        Fixtures.TrainTest d = Fixtures.split(dataset, dir);
        TribuoSettings settings = TribuoSettings.from(Fixtures.params(25, 2).withExtra("max-bins", maxBins)
                .withExtra("trees-per-subforest", "7"));
        ForestFitter.Result r = ForestFitter.fit(d.train(), settings, FitProgress.NONE, true);
        WeightedEnsembleModel<Label> tribuo = WeightedEnsembleModel.createEnsembleFromExistingModels(
                "tribuo-forest", r.tribuoMembers(), new VotingCombiner());
        assertEquals(r.tribuoOutputs().size(), tribuo.getOutputIDInfo().size());

        double[][] x = r.space().inputs(d.test().features());
        Predictions flat = r.forest().predict(x, d.test().size(), d.train().classes(), 2);
        List<String> classes = d.train().classes();
        TribuoModel model = new TribuoModel(classes, r.space(), r.forest(), Map.of(), Map.of());
        for (int row = 0; row < d.test().size(); row++) {
            Prediction<Label> p = tribuo.predict(example(x, row));
            assertEquals(p.getOutput().getLabel(), flat.label(row), "row " + row);
            double[] expected = new double[classes.size()];
            for (Map.Entry<String, Label> e : p.getOutputScores().entrySet()) {
                expected[classes.indexOf(e.getKey())] = e.getValue().getScore();
            }
            assertArrayEquals(expected, flat.probabilities()[row], "scores of row " + row);
            // the one-row path a live model serves, from the raw values
            dev.grove.train.Prediction one = model.predict(dev.grove.testing.MapRows.of(d.test().features(), row));
            assertEquals(p.getOutput().getLabel(), one.label(), "row " + row + " alone");
            assertArrayEquals(expected, one.probabilities().values().stream().mapToDouble(Double::doubleValue).toArray(),
                    "scores of row " + row + " alone");
        }
        // and each leaf carries the distribution Tribuo recorded
        List<Model<Label>> members = new ArrayList<>(r.tribuoMembers());
        for (int t = 0; t < members.size(); t++) {
            for (int row = 0; row < Math.min(10, d.test().size()); row++) {
                Prediction<Label> p = members.get(t).predict(example(x, row));
                float[] dist = r.forest().tree(t).leafDistribution(x, row);
                for (Map.Entry<String, Label> e : p.getOutputScores().entrySet()) {
                    assertEquals((float) e.getValue().getScore(), dist[classes.indexOf(e.getKey())]);
                }
            }
        }
    }


    static ArrayExample<Label> example(double[][] x, int row) {
        String[] names = new String[x.length];
        double[] values = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            names[i] = InputSpace.inputName(i);
            values[i] = x[i][row];
        }
        return new ArrayExample<>(new Label("unknown"), names, values);
    }
}
