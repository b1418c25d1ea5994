package dev.grove.spark;

import dev.grove.data.Table;
import dev.grove.train.FeatureEncoding;
import dev.grove.train.Predictions;
import dev.grove.train.TrainedModel;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A forest Spark grew, exported ({@link SparkForest}), with Grove's feature encoding: it predicts
 * raw rows exactly as Spark's {@code RandomForestClassificationModel} did, with no Spark on the class
 * path. What {@code grove predict} and the library load.
 */
final class SparkModel implements TrainedModel {
    /** Params that never change the model, kept out of the file so equal forests give equal bytes. */
    private static final List<String> RUNTIME_ONLY = List.of("threads");

    private final SparkForest forest;
    private final List<String> classes;
    private final FeatureEncoding encoding;
    private final Map<String, Object> params;
    private final String sparkVersion;

    SparkModel(SparkForest forest, List<String> classes, FeatureEncoding encoding, Map<String, Object> params,
               String sparkVersion) {
        this.forest = Objects.requireNonNull(forest);
        this.classes = List.copyOf(classes);
        this.encoding = Objects.requireNonNull(encoding);
        this.params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
        this.sparkVersion = Objects.requireNonNull(sparkVersion);
    }

    @Override
    public String trainerName() {
        return SparkTrainer.NAME;
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
        forest.predict(x, n, predicted, probabilities);
        return new Predictions(classes, predicted, probabilities);
    }

    @Override
    public void write(OutputStream out) throws IOException {
        Map<String, Object> stored = new LinkedHashMap<>(params);
        RUNTIME_ONLY.forEach(stored::remove);
        SparkModelFormat.write(out, new SparkModelHeader(sparkVersion, classes, encoding.features(), stored), forest);
    }

    @Override
    public Map<String, Object> provenance() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("library", "org.apache.spark:spark-mllib_2.13");
        p.put("library_version", sparkVersion);
        p.put("grown_by", "Spark MLlib " + sparkVersion + " RandomForestClassifier, exported by Grove "
                + dev.grove.Grove.version());
        p.put("model_format", SparkModelFormat.MAGIC);
        p.put("trees", forest.trees());
        p.put("nodes", forest.nodes());
        return p;
    }
}
