package dev.grove.tribuo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tribuo.Feature;
import org.tribuo.MutableDataset;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.impl.ArrayExample;
import org.tribuo.provenance.SimpleDataSourceProvenance;

class ColumnExampleTest {
    private static final String[] NAMES = {InputSpace.inputName(0), InputSpace.inputName(1), InputSpace.inputName(2)};
    private static final double[][] X = {{0.5, 1.5}, {-2, 3}, {7, 0}};

    @Test
    void readsAsTheArrayExampleOfTheSameRow() {
        ColumnExample e = new ColumnExample(new Label("b"), NAMES, (i, r) -> X[i][r], 1);
        ArrayExample<Label> expected = new ArrayExample<>(new Label("b"), NAMES, new double[] {1.5, 3, 0});
        assertEquals(features(expected), features(e));
        assertEquals(expected.size(), e.size());
        assertEquals(expected.getWeight(), e.getWeight());
        assertEquals(new Feature(NAMES[1], 3), e.lookup(NAMES[1]));
        assertNull(e.lookup("nope"));
        assertTrue(e.validateExample());
        ArrayExample<Label> copy = e.copy();
        assertEquals(features(expected), features(copy));
        assertEquals(e.getOutput(), copy.getOutput());
    }

    @Test
    void isDenseInTheDatasetItBuildsAndRefusesChanges() {
        LabelFactory factory = new LabelFactory();
        MutableDataset<Label> data = new MutableDataset<>(new SimpleDataSourceProvenance("test", factory), factory);
        data.add(new ColumnExample(new Label("a"), NAMES, (i, r) -> X[i][r], 0));
        data.add(new ColumnExample(new Label("b"), NAMES, (i, r) -> X[i][r], 1));
        assertTrue(data.isDense());
        assertEquals(3, data.getFeatureMap().size());
        ColumnExample e = (ColumnExample) data.getExample(0);
        assertTrue(e.isDense(data.getFeatureMap()));
        assertThrows(UnsupportedOperationException.class, () -> e.add(new Feature("x", 1)));
        assertThrows(UnsupportedOperationException.class, () -> e.set(new Feature(NAMES[0], 1)));
        assertFalse(new ColumnExample(new Label("a"), NAMES, (i, r) -> Double.NaN, 0).validateExample());
    }

    private static List<Feature> features(Iterable<Feature> example) {
        List<Feature> out = new ArrayList<>();
        example.forEach(out::add);
        return out;
    }
}
