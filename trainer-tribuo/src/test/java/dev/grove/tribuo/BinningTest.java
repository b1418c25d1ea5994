package dev.grove.tribuo;

import dev.grove.internal.forest.NumericBins;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.grove.data.CategoricalColumn;
import dev.grove.data.Dataset;
import dev.grove.data.DatasetSource;
import dev.grove.data.NumericColumn;
import dev.grove.data.Table;
import dev.grove.testing.TestData;
import dev.grove.train.FitProgress;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BinningTest {
    @TempDir
    Path dir;

    @Test
    void fewDistinctValuesGetOneBinEach() {
        double[] cuts = NumericBins.cutPoints(new double[] {3, 1, 2, 2, 3, 1}, 255);
        assertArrayEquals(new double[] {1, 2}, cuts);
        assertEquals(0, NumericBins.bin(cuts, 1));
        assertEquals(1, NumericBins.bin(cuts, 1.5));
        assertEquals(1, NumericBins.bin(cuts, 2));
        assertEquals(2, NumericBins.bin(cuts, 99));
        assertEquals(0, NumericBins.bin(cuts, -99));
    }

    @Test
    void manyDistinctValuesGetAtMostMaxBinsQuantileBins() {
        double[] v = new double[1000];
        for (int i = 0; i < v.length; i++) {
            v[i] = i * 0.5;
        }
        double[] cuts = NumericBins.cutPoints(v, 10);
        assertEquals(9, cuts.length);
        for (int b = 0; b < 10; b++) {
            assertEquals(b, NumericBins.bin(cuts, v[b * 100 + 50]));
        }
        assertArrayEquals(new double[0], NumericBins.cutPoints(new double[] {4, 4, 4}, 10));
    }

    /** Cut points are fixed on the training rows: values only the test rows hold never shape them. */
    @Test
    void cutPointsComeFromTheTrainingRowsOnly() {
        double[] x = new double[200];
        String[] y = new String[200];
        for (int i = 0; i < x.length; i++) {
            x[i] = i < 150 ? i : 10_000 + i; // rows 150.. are far outside the training range
            y[i] = i % 2 == 0 ? "even" : "odd";
        }
        Table t = new Table(List.of(NumericColumn.of("x", x), CategoricalColumn.of("c", y)), 200,
                DatasetSource.inMemory("synthetic", 200));
        Dataset all = Dataset.of(t, "y", y);
        int[] trainRows = new int[150];
        for (int i = 0; i < trainRows.length; i++) {
            trainRows[i] = i;
        }
        Dataset train = all.select(trainRows);
        TribuoModel model = (TribuoModel) new TribuoTrainer().fit(train,
                Fixtures.params(3, 1).withExtra("max-bins", "16"), FitProgress.NONE);
        double[] cuts = model.space().cuts(0);
        assertArrayEquals(NumericBins.cutPoints(((NumericColumn) train.features().column("x").orElseThrow()).toArray(), 16),
                cuts);
        assertEquals(15, cuts.length);
        for (double c : cuts) {
            assertTrue(c >= 0 && c < 150, "cut " + c + " outside the training values");
        }
        assertArrayEquals(new double[0], model.space().cuts(1), "categorical features are not binned");
        // and prediction maps raw values through the same cuts: far-out test values land in the top bin
        double[][] in = model.space().inputs(all.features());
        assertEquals(cuts.length, (int) in[0][199]);
        assertEquals(NumericBins.bin(cuts, 42), (int) in[0][42]);
    }

    @Test
    void missingNumericValuesUseTheTrainingMedianBeforeBinning() {
        Fixtures.TrainTest d = Fixtures.split(TestData.PENGUINS, dir);
        TribuoModel model = (TribuoModel) new TribuoTrainer().fit(d.train(), Fixtures.params(3, 1), FitProgress.NONE);
        Table row = new Table(List.of(NumericColumn.of("bill_length_mm", Double.NaN),
                NumericColumn.of("bill_depth_mm", 18), NumericColumn.of("flipper_length_mm", 190),
                NumericColumn.of("body_mass_g", 3700), CategoricalColumn.of("island", "Atlantis"),
                CategoricalColumn.of("sex", (String) null)), 1, DatasetSource.inMemory("one row", 1));
        double[][] in = model.space().inputs(row);
        int j = model.encoding().names().indexOf("bill_length_mm"); // after island, whose levels come first
        int input = model.encoding().features().get(0).levels().size();
        double median = model.encoding().features().get(j).fill();
        assertEquals(NumericBins.bin(model.space().cuts(j), median), (int) in[input][0]);
        assertEquals(1, model.predict(row).size());
    }
}
