package dev.grove.tribuo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.grove.data.Dataset;
import dev.grove.testing.TestData;
import dev.grove.train.FitProgress;
import dev.grove.train.TrainingParams;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tribuo.MutableDataset;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.dataset.DatasetView;
import org.tribuo.impl.ArrayExample;
import org.tribuo.provenance.SimpleDataSourceProvenance;

/**
 * The histogram node is only a faster way to grow Tribuo's trees: with it and without it, the
 * same data and seeds must give byte-identical forests. (A min leaf above 1 is Grove's addition,
 * which Tribuo's own node does not know: see SharedOptionsTest.)
 */
class HistogramNodeMatchesTribuoTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}, max-bins {1}, max-depth {2}, min-leaf {3}")
    @CsvSource({
            TestData.IRIS + ",0,0,1",
            TestData.IRIS + ",255,0,1",
            TestData.PENGUINS + ",255,0,1",
            TestData.FUTURE_SKILLS + ",8,0,1",
            TestData.FUTURE_SKILLS + ",255,0,1",
            TestData.FUTURE_SKILLS + ",0,4,1",
            "noisy,255,0,1",
            "noisy,32,6,1",
            "edges,0,0,1",
    })
    void histogramNodesGrowTheTreesTribuosNodesGrow(String dataset, int maxBins, int maxDepth, int minLeaf)
            throws IOException {
        Dataset train = TestData.trainingRows(dataset, dir);
        TribuoSettings settings = TribuoSettings.from(new TrainingParams(12, 7,
                maxDepth == 0 ? OptionalInt.empty() : OptionalInt.of(maxDepth), minLeaf, OptionalInt.empty(), 2,
                Map.of("max-bins", Integer.toString(maxBins), "trees-per-subforest", "5")));

        ForestFitter.Result fast = ForestFitter.fit(train, settings, FitProgress.NONE, false, true);
        ForestFitter.Result tribuo = ForestFitter.fit(train, settings, FitProgress.NONE, false, false);

        assertEquals(tribuo.forest().nodes(), fast.forest().nodes());
        assertTrue(fast.forest().nodes() > 12, "the trees split at least once");
        assertArrayEquals(bytes(tribuo.forest()), bytes(fast.forest()));
    }

    @Test
    void histogramNodesAreUsedForBootstrapViewsOfTheCodedDataOnly() {
        double[][] x = {{0, 1, 2, 3, 1, 0}, {5, 5, 6, 6, 7, 7}};
        MutableDataset<Label> data = dataset(x, "a", "b", "a", "b", "a", "b");
        InputCodes codes = InputCodes.of(x).orElseThrow();
        MutableDataset<Label> coded = codedDataset(codes, x, "a", "b", "a", "b", "a", "b");
        assertTrue(codes.bagOf(coded).isPresent());
        assertTrue(codes.bagOf(DatasetView.createBootstrapView(coded, coded.size(), 3)).isPresent());

        MutableDataset<Label> other = codedDataset(InputCodes.of(x).orElseThrow(), x, "a", "b", "a", "b", "a", "b");
        assertFalse(codes.bagOf(other).isPresent(), "same values, different codes");
        assertFalse(codes.bagOf(DatasetView.createBootstrapView(other, other.size(), 3)).isPresent());
        assertFalse(codes.bagOf(data).isPresent(), "same values, Tribuo's own examples");
        assertFalse(codes.bagOf(DatasetView.createBootstrapView(data, data.size(), 3)).isPresent());
    }

    @Test
    void inputsWithTooManyDistinctValuesAreLeftToTribuosNodes() {
        double[][] x = new double[1][InputCodes.MAX_DISTINCT + 1];
        String[] labels = new String[x[0].length];
        for (int r = 0; r < x[0].length; r++) {
            x[0][r] = r * 0.5;
            labels[r] = r % 2 == 0 ? "a" : "b";
        }
        assertTrue(InputCodes.of(x).isEmpty());
    }

    private static String[] inputNames(int inputs) {
        String[] names = new String[inputs];
        for (int i = 0; i < inputs; i++) {
            names[i] = InputSpace.inputName(i);
        }
        return names;
    }

    private static MutableDataset<Label> codedDataset(InputColumns columns, double[][] x, String... labels) {
        LabelFactory factory = new LabelFactory();
        MutableDataset<Label> data = new MutableDataset<>(new SimpleDataSourceProvenance("test", factory), factory);
        String[] names = inputNames(x.length);
        for (int r = 0; r < labels.length; r++) {
            data.add(new ColumnExample(new Label(labels[r]), names, columns, r));
        }
        return data;
    }

    private static MutableDataset<Label> dataset(double[][] x, String... labels) {
        LabelFactory factory = new LabelFactory();
        MutableDataset<Label> data = new MutableDataset<>(new SimpleDataSourceProvenance("test", factory), factory);
        String[] names = inputNames(x.length);
        for (int r = 0; r < labels.length; r++) {
            double[] row = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                row[i] = x[i][r];
            }
            data.add(new ArrayExample<>(new Label(labels[r]), names, row));
        }
        return data;
    }

    private static byte[] bytes(FlatForest forest) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DataOutputStream data = new DataOutputStream(out)) {
            forest.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
