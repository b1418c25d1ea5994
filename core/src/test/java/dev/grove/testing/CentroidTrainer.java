package dev.grove.testing;

import dev.grove.ModelIntegrityException;
import dev.grove.data.Dataset;
import dev.grove.data.Table;
import dev.grove.train.FeatureEncoding;
import dev.grove.train.FitProgress;
import dev.grove.train.Predictions;
import dev.grove.train.TrainedModel;
import dev.grove.train.Trainer;
import dev.grove.train.TrainingParams;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import java.util.ArrayList;
import java.util.Set;

/**
 * A tiny, honest test-only classifier (nearest class centroid on encoded features) that stands in
 * for a forest when a test is about the pipeline's mechanics. Like a forest it is random: each
 * centroid is the mean of a bootstrap sample drawn with the random state, so the same seed gives
 * the same model and another seed (almost surely) another. Extra {@code fail=fit} makes its fit
 * throw, to exercise the FAILED path; {@code fail=oom} makes it run out of memory; {@code
 * fail=write} makes it write a model that predicts differently from itself once read back.
 */
public final class CentroidTrainer implements Trainer {
    public static final String NAME = "centroid";
    private static final String MAGIC = "CENTROID/1";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String version() {
        return "1.0";
    }

    @Override
    public void validate(TrainingParams params) {
        params.requireKnownExtras(NAME, Set.of("fail"));
    }

    @Override
    public TrainedModel fit(Dataset train, TrainingParams params, FitProgress progress) {
        if ("fit".equals(params.extras().get("fail"))) {
            throw new IllegalStateException("fit failed on purpose");
        }
        if ("oom".equals(params.extras().get("fail"))) {
            List<long[]> hog = new ArrayList<>();
            while (true) {
                hog.add(new long[1 << 20]); // until the heap is full: an OutOfMemoryError in fit
            }
        }
        FeatureEncoding enc = FeatureEncoding.fit(train);
        int k = train.classes().size();
        int p = enc.size();
        double[][] sums = new double[k][p];
        int[] counts = new int[k];
        int[] drawn = new int[train.size()];
        java.util.SplittableRandom rng = new java.util.SplittableRandom(params.randomState());
        for (int d = 0; d < train.size(); d++) {
            drawn[rng.nextInt(train.size())]++;
        }
        for (int i = 0; i < drawn.length; i++) {
            counts[train.label(i)] += drawn[i];
        }
        for (int j = 0; j < p; j++) {
            double[] col = enc.encodeColumn(train.features(), j);
            for (int i = 0; i < col.length; i++) {
                sums[train.label(i)][j] += drawn[i] * col[i];
            }
            progress.update((j + 1.0) / p, "feature " + (j + 1));
        }
        for (int c = 0; c < k; c++) {
            for (int j = 0; j < p; j++) {
                sums[c][j] = counts[c] == 0 ? Double.MAX_VALUE : sums[c][j] / counts[c];
            }
        }
        return new Model(train.classes(), enc, sums, "write".equals(params.extras().get("fail")));
    }

    @Override
    public TrainedModel load(InputStream in) throws IOException {
        DataInputStream d = new DataInputStream(in);
        if (!MAGIC.equals(d.readUTF())) {
            throw new ModelIntegrityException("not a centroid model");
        }
        List<String> classes = List.of(dev.grove.internal.GroveJson.reader(String[].class).readValue(d.readUTF()));
        FeatureEncoding enc = dev.grove.internal.GroveJson.reader(FeatureEncoding.class).readValue(d.readUTF());
        double[][] c = new double[classes.size()][enc.size()];
        for (double[] row : c) {
            for (int j = 0; j < row.length; j++) {
                row[j] = d.readDouble();
            }
        }
        return new Model(classes, enc, c, false);
    }

    /** @param unfaithful write the centroids in reverse class order: a format bug the pipeline must catch */
    private record Model(List<String> classes, FeatureEncoding encoding, double[][] centroids, boolean unfaithful)
            implements TrainedModel {
        @Override
        public String trainerName() {
            return NAME;
        }

        @Override
        public Map<String, Object> params() {
            return Map.of("metric", "euclidean");
        }

        @Override
        public Predictions predict(Table rows) {
            double[][] x = encoding.encodeRows(rows);
            int[] pred = new int[x.length];
            double[][] prob = new double[x.length][classes.size()];
            for (int i = 0; i < x.length; i++) {
                double best = Double.MAX_VALUE;
                for (int c = 0; c < centroids.length; c++) {
                    double d = 0;
                    for (int j = 0; j < x[i].length; j++) {
                        d += (x[i][j] - centroids[c][j]) * (x[i][j] - centroids[c][j]);
                    }
                    if (d < best) {
                        best = d;
                        pred[i] = c;
                    }
                }
                prob[i][pred[i]] = 1;
            }
            return new Predictions(classes, pred, prob);
        }

        @Override
        public void write(OutputStream out) throws IOException {
            DataOutputStream d = new DataOutputStream(out);
            d.writeUTF(MAGIC);
            d.writeUTF(dev.grove.internal.GroveJson.compact(classes));
            d.writeUTF(dev.grove.internal.GroveJson.compact(encoding));
            for (int c = 0; c < centroids.length; c++) {
                for (double v : centroids[unfaithful ? centroids.length - 1 - c : c]) {
                    d.writeDouble(v);
                }
            }
            d.flush();
        }
    }
}
