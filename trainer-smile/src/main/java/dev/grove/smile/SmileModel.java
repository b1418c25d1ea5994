package dev.grove.smile;

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
import java.util.Objects;
import smile.math.MathEx;

/**
 * A Smile random forest, flattened ({@link FlatSmileForest}), with what Smile does not keep: the
 * class names (Smile knows codes only) and the feature encoding fixed on the training split.
 * Predictions are Smile's posteriori: the trees' class probabilities averaged with each tree
 * weighted by its out-of-bag accuracy.
 */
final class SmileModel implements TrainedModel {
    /** Params that do not change the model and so stay out of the file (its bytes are the same on any thread count). */
    private static final List<String> RUNTIME_ONLY = List.of("threads");

    private final FlatSmileForest forest;
    private final List<String> classes;
    private final FeatureEncoding encoding;
    private final Map<String, Object> params;
    private final String smileVersion;
    private final RowEncoder rowEncoder;

    SmileModel(FlatSmileForest forest, List<String> classes, FeatureEncoding encoding, Map<String, Object> params,
               String smileVersion) {
        this.forest = Objects.requireNonNull(forest);
        this.classes = List.copyOf(classes);
        this.encoding = Objects.requireNonNull(encoding);
        this.params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
        this.smileVersion = Objects.requireNonNull(smileVersion);
        this.rowEncoder = new RowEncoder(encoding);
    }

    @Override
    public String trainerName() {
        return SmileTrainer.NAME;
    }

    @Override
    public List<String> classes() {
        return classes;
    }

    @Override
    public FeatureEncoding encoding() {
        return encoding;
    }

    @Override
    public Map<String, Object> params() {
        return params;
    }

    @Override
    public Predictions predict(Table rows) {
        double[][] x = encoding.encodeColumns(rows);
        int n = rows.rowCount();
        int[] predicted = new int[n];
        double[][] probabilities = new double[n][];
        // the response's nominal scale holds every class, so Smile's class indices are Grove's codes
        RowBlocks.run(n, RowBlocks.threads(params), (from, to) -> forest.predict(x, from, to, predicted, probabilities));
        return new Predictions(classes, predicted, probabilities);
    }

    /** One row without a table: the same probabilities as a one-row {@link #predict(Table)}, bit for bit. */
    @Override
    public Prediction predict(Map<String, ?> row) {
        double[] x = new double[rowEncoder.size()];
        rowEncoder.encode(row, x);
        double[] p = forest.probabilities(x);
        return Prediction.of(classes, MathEx.whichMax(p), p);
    }

    @Override
    public void write(OutputStream out) throws IOException {
        Map<String, Object> stored = new LinkedHashMap<>(params);
        RUNTIME_ONLY.forEach(stored::remove);
        SmileModelFormat.write(out, new SmileModelHeader(smileVersion, classes, encoding.features(), stored), forest);
    }

    @Override
    public Map<String, Object> provenance() {
        Map<String, Object> p = new LinkedHashMap<>(); // in this order in every sidecar
        p.put("library", "com.github.haifengl:smile-core");
        p.put("library_version", smileVersion);
        p.put("grown_by", "Grove " + dev.grove.Grove.version() + " (SmileForestGrower, split for split as Smile "
                + smileVersion + "'s RandomForest.fit)");
        p.put("model_format", SmileModelFormat.MAGIC);
        p.put("trees", forest.trees());
        p.put("nodes", forest.nodes());
        return p;
    }
}
