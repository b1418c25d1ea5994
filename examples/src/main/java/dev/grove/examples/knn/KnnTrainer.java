package dev.grove.examples.knn;

import dev.grove.InvalidRequestException;
import dev.grove.ModelIntegrityException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.grove.data.Dataset;
import dev.grove.train.FeatureEncoding;
import dev.grove.train.FitProgress;
import dev.grove.train.TrainedModel;
import dev.grove.train.Trainer;
import dev.grove.train.TrainingParams;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Bring your own trainer: k-nearest neighbours, found by ServiceLoader because it is listed in
 * {@code META-INF/services/dev.grove.train.Trainer}. Once on the classpath it shows in
 * {@code grove trainers} and trains, scores and records runs like the built-in forests.
 * Extra: {@code k} (neighbours, default 5).
 */
public final class KnnTrainer implements Trainer {
    public static final String NAME = "knn";
    static final String MAGIC = "GROVE-KNN/1";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String version() {
        return "1.0";
    }

    @Override
    public String description() {
        return "k-nearest neighbours (example of a custom trainer)";
    }

    @Override
    public void validate(TrainingParams params) {
        params.requireKnownExtras(NAME, java.util.List.of("k"));
        k(params);
    }

    private static int k(TrainingParams params) {
        String k = params.extras().getOrDefault("k", "5");
        try {
            int v = Integer.parseInt(k);
            if (v >= 1) {
                return v;
            }
        } catch (NumberFormatException e) {
            // fall through to the message
        }
        throw new InvalidRequestException("knn extra k must be a whole number ≥ 1, got '" + k + "'");
    }

    @Override
    public TrainedModel fit(Dataset train, TrainingParams params, FitProgress progress) {
        FeatureEncoding encoding = FeatureEncoding.fit(train, params);
        double[][] rows = encoding.encodeRows(train.features());
        int p = encoding.size();
        double[] mean = new double[p];
        double[] scale = new double[p];
        for (int j = 0; j < p; j++) {
            if (encoding.features().get(j).nominal()) { // ranked levels are a number like any other
                scale[j] = Double.NaN; // compared by equality, not distance
                continue;
            }
            double sum = 0;
            double sq = 0;
            for (double[] r : rows) {
                sum += r[j];
                sq += r[j] * r[j];
            }
            mean[j] = sum / rows.length;
            double sd = Math.sqrt(Math.max(0, sq / rows.length - mean[j] * mean[j]));
            scale[j] = sd > 0 ? sd : 1;
        }
        progress.update(1, "stored " + rows.length + " rows");
        return new KnnModel(train.classes(), encoding, k(params), mean, scale, rows, train.labels());
    }

    @Override
    public TrainedModel load(InputStream in) throws IOException {
        DataInputStream d = new DataInputStream(in);
        try {
            if (!MAGIC.equals(d.readUTF())) {
                throw new ModelIntegrityException("not a " + MAGIC + " model");
            }
            int headerLength = d.readInt();
            if (headerLength < 0 || headerLength > 64 << 20) {
                throw new ModelIntegrityException("knn model header claims " + headerLength + " bytes: damaged");
            }
            KnnModel.Header h = KnnModel.HEADER_JSON.readValue(d.readNBytes(headerLength), KnnModel.Header.class);
            int n = d.readInt();
            int p = h.encoding().size();
            if (n < 0 || n > 50_000_000 / Math.max(1, p)) {
                throw new ModelIntegrityException("knn model claims " + n + " rows: damaged");
            }
            double[][] rows = new double[n][p];
            int[] labels = new int[n];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < p; j++) {
                    rows[i][j] = d.readDouble();
                }
                labels[i] = d.readInt();
            }
            return new KnnModel(h.classes(), h.encoding(), h.k(), h.mean(), h.scale(), rows, labels);
        } catch (java.io.EOFException e) {
            throw new ModelIntegrityException("knn model is truncated", e);
        }
    }

    static Map<String, Object> params(int k) {
        Map<String, Object> p = new LinkedHashMap<>(); // recorded in this order with every run
        p.put("k", k);
        p.put("distance", "z-scored euclidean + categorical mismatch");
        return p;
    }
}
