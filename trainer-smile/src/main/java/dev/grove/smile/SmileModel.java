package dev.grove.smile;

import dev.grove.GroveException;
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
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;

/**
 * A Smile random forest, flattened ({@link FlatSmileForest}), with what Smile does not keep: the
 * class names (Smile knows codes only) and the feature encoding fixed on the training split.
 * Predictions are Smile's posteriori: the trees' class probabilities averaged with each tree
 * weighted by its out-of-bag accuracy.
 */
final class SmileModel implements TrainedModel {
    /** Rows per prediction task. */
    private static final int BLOCK = 1024;
    /** Params that do not change the model and so stay out of the file (its bytes are the same on any thread count). */
    private static final List<String> RUNTIME_ONLY = List.of("threads");

    private final FlatSmileForest forest;
    private final List<String> classes;
    private final FeatureEncoding encoding;
    private final Map<String, Object> params;
    private final String smileVersion;

    SmileModel(FlatSmileForest forest, List<String> classes, FeatureEncoding encoding, Map<String, Object> params,
               String smileVersion) {
        this.forest = Objects.requireNonNull(forest);
        this.classes = List.copyOf(classes);
        this.encoding = Objects.requireNonNull(encoding);
        this.params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
        this.smileVersion = Objects.requireNonNull(smileVersion);
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
        encoding.requireColumns(rows);
        double[][] x = new double[encoding.size()][];
        for (int j = 0; j < x.length; j++) {
            x[j] = encoding.encodeColumn(rows, j);
        }
        int n = rows.rowCount();
        int[] predicted = new int[n];
        double[][] probabilities = new double[n][];
        int blocks = (n + BLOCK - 1) / BLOCK;
        int workers = Math.min(threads(), blocks);
        if (workers <= 1) {
            predictRows(x, 0, n, predicted, probabilities);
        } else {
            // Rows are independent and each is predicted exactly as on one thread, so the result
            // does not depend on the thread count.
            ForkJoinPool pool = new ForkJoinPool(workers);
            try {
                pool.submit(() -> IntStream.range(0, blocks).parallel().forEach(b ->
                        predictRows(x, b * BLOCK, Math.min(n, (b + 1) * BLOCK), predicted, probabilities))).get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new GroveException("prediction was interrupted", e);
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof RuntimeException re) {
                    throw re;
                }
                if (cause instanceof Error err) {
                    throw err;
                }
                throw new GroveException("smile could not predict: " + cause, cause);
            } finally {
                pool.shutdownNow();
            }
        }
        return new Predictions(classes, predicted, probabilities);
    }

    private void predictRows(double[][] x, int from, int to, int[] predicted, double[][] probabilities) {
        int k = classes.size();
        for (int i = from; i < to; i++) {
            double[] p = new double[k];
            // the response's nominal scale holds every class, so Smile's class indices are Grove's codes
            predicted[i] = forest.predict(x, i, p);
            probabilities[i] = p;
        }
    }

    /** Workers for prediction: the fit's {@code threads} when known (a loaded model has none), else all cores. */
    private int threads() {
        Object t = params.get("threads");
        return t instanceof Number num && num.intValue() >= 1 ? num.intValue()
                : Runtime.getRuntime().availableProcessors();
    }

    @Override
    public void write(OutputStream out) throws IOException {
        Map<String, Object> stored = new LinkedHashMap<>(params);
        RUNTIME_ONLY.forEach(stored::remove);
        SmileModelFormat.write(out, new SmileModelHeader(smileVersion, classes, encoding.features(), stored), forest);
    }

    @Override
    public Map<String, Object> provenance() {
        return Map.of("library", "com.github.haifengl:smile-core", "library_version", smileVersion,
                "model_format", SmileModelFormat.MAGIC, "trees", forest.trees(), "nodes", forest.nodes());
    }
}
