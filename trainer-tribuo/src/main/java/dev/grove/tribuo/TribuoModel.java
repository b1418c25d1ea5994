package dev.grove.tribuo;

import dev.grove.data.Table;
import dev.grove.train.FeatureEncoding;
import dev.grove.train.Prediction;
import dev.grove.train.Predictions;
import dev.grove.train.RowEncoder;
import dev.grove.internal.forest.RowBlocks;
import dev.grove.train.TrainedModel;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Tribuo random forest, held as flat trees: raw rows go through the stored encoding and bins
 * and then through every tree, voting as Tribuo's ensemble does. The Tribuo objects themselves
 * are not kept (they carry per-tree provenance and are an order of magnitude larger).
 */
public final class TribuoModel implements TrainedModel {
    private final List<String> classes;
    private final InputSpace space;
    private final FlatForest forest;
    private final Map<String, Object> params;
    private final Map<String, Object> provenance;
    private final RowEncoder rowEncoder;

    TribuoModel(List<String> classes, InputSpace space, FlatForest forest, Map<String, Object> params,
                Map<String, Object> provenance) {
        this.classes = List.copyOf(classes);
        this.space = space;
        this.forest = forest;
        this.params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
        this.provenance = Collections.unmodifiableMap(new LinkedHashMap<>(provenance));
        this.rowEncoder = new RowEncoder(space.encoding());
    }

    @Override
    public String trainerName() {
        return TribuoTrainer.NAME;
    }

    @Override
    public List<String> classes() {
        return classes;
    }

    @Override
    public FeatureEncoding encoding() {
        return space.encoding();
    }

    @Override
    public Map<String, Object> params() {
        return params;
    }

    @Override
    public Map<String, Object> provenance() {
        return provenance;
    }

    @Override
    public Predictions predict(Table rows) {
        return forest.predict(space.inputs(rows), rows.rowCount(), classes, RowBlocks.threads(params));
    }

    /** One row without a table: the same probabilities as a one-row {@link #predict(Table)}, bit for bit. */
    @Override
    public Prediction predict(Map<String, ?> row) {
        double[] encoded = new double[rowEncoder.size()];
        rowEncoder.encode(row, encoded);
        return forest.predict(space.inputs(encoded), classes);
    }

    @Override
    public void write(OutputStream out) throws IOException {
        TribuoModelFormat.write(this, out);
    }

    /** Number of trees. */
    public int trees() {
        return forest.trees();
    }

    InputSpace space() {
        return space;
    }

    FlatForest forest() {
        return forest;
    }
}
