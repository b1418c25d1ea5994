package dev.grove.examples.knn;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.grove.data.Table;
import dev.grove.train.FeatureEncoding;
import dev.grove.train.Predictions;
import dev.grove.train.TrainedModel;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;

/**
 * The fitted k-NN: the encoded training rows themselves. Numeric features are z-scored with the
 * training mean and deviation; a categorical feature adds 1 to the squared distance when levels
 * differ. Ties go to the lower class code, so predictions are deterministic.
 */
final class KnnModel implements TrainedModel {
    /** The header is plain JSON (camelCase keys), written and read by this example alone. */
    static final ObjectMapper HEADER_JSON = new ObjectMapper();

    /** The JSON part of the model file. */
    record Header(List<String> classes, FeatureEncoding encoding, int k, double[] mean, double[] scale) {
    }

    private final List<String> classes;
    private final FeatureEncoding encoding;
    private final int k;
    private final double[] mean;
    private final double[] scale;
    private final double[][] rows;
    private final int[] labels;

    KnnModel(List<String> classes, FeatureEncoding encoding, int k, double[] mean, double[] scale, double[][] rows,
             int[] labels) {
        this.classes = List.copyOf(classes);
        this.encoding = encoding;
        this.k = k;
        this.mean = mean;
        this.scale = scale;
        this.rows = rows;
        this.labels = labels;
    }

    @Override
    public String trainerName() {
        return KnnTrainer.NAME;
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
        return KnnTrainer.params(k);
    }

    @Override
    public Predictions predict(Table table) {
        double[][] x = encoding.encodeRows(table);
        int[] predicted = new int[x.length];
        double[][] proba = new double[x.length][classes.size()];
        int kk = Math.min(k, rows.length);
        for (int i = 0; i < x.length; i++) {
            int[] nearest = nearest(x[i], kk);
            for (int n : nearest) {
                proba[i][labels[n]] += 1.0 / kk;
            }
            int best = 0;
            for (int c = 1; c < classes.size(); c++) {
                if (proba[i][c] > proba[i][best]) {
                    best = c;
                }
            }
            predicted[i] = best;
        }
        return new Predictions(classes, predicted, proba);
    }

    /** Indices of the kk closest training rows (insertion into a small sorted buffer). */
    private int[] nearest(double[] q, int kk) {
        int[] idx = new int[kk];
        double[] dist = new double[kk];
        java.util.Arrays.fill(dist, Double.POSITIVE_INFINITY);
        for (int r = 0; r < rows.length; r++) {
            double d = distance(q, rows[r]);
            if (d < dist[kk - 1]) {
                int pos = kk - 1;
                while (pos > 0 && dist[pos - 1] > d) {
                    dist[pos] = dist[pos - 1];
                    idx[pos] = idx[pos - 1];
                    pos--;
                }
                dist[pos] = d;
                idx[pos] = r;
            }
        }
        return idx;
    }

    private double distance(double[] a, double[] b) {
        double d = 0;
        for (int j = 0; j < a.length; j++) {
            if (Double.isNaN(scale[j])) {
                d += a[j] == b[j] ? 0 : 1;
            } else {
                double z = (a[j] - b[j]) / scale[j];
                d += z * z;
            }
        }
        return d;
    }

    @Override
    public void write(OutputStream out) throws IOException {
        DataOutputStream d = new DataOutputStream(out);
        d.writeUTF(KnnTrainer.MAGIC);
        byte[] header = HEADER_JSON.writeValueAsString(new Header(classes, encoding, k, mean, scale))
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        d.writeInt(header.length);
        d.write(header);
        d.writeInt(rows.length);
        for (int i = 0; i < rows.length; i++) {
            for (double v : rows[i]) {
                d.writeDouble(v);
            }
            d.writeInt(labels[i]);
        }
        d.flush();
    }
}
