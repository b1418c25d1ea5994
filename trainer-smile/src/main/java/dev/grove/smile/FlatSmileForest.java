package dev.grove.smile;

import java.io.DataInputStream;
import java.io.DataOutput;
import java.io.EOFException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import smile.classification.RandomForest;
import smile.math.MathEx;

/**
 * A Smile random forest as {@link FlatSmileTree}s, predicting bit for bit what
 * {@link RandomForest#predict(smile.data.Tuple, double[])} predicts: each tree's leaf posteriori
 * weighted by the tree's out-of-bag accuracy, summed in tree order, scaled to sum to one, and the
 * first largest class wins.
 */
final class FlatSmileForest {
    private final List<FlatSmileTree> trees;
    private final FlatSmileTree[] walk;       // the trees, as an array for the hot loops
    private final double[] weights;
    private final double[][] leafValues;      // per tree, FlatSmileTree#weightedPosteriori
    private final int features;
    private final int classes;

    private FlatSmileForest(List<FlatSmileTree> trees, double[] weights, int features, int classes) {
        if (trees.isEmpty() || trees.size() != weights.length) {
            throw new IllegalArgumentException(trees.size() + " trees with " + weights.length + " weights");
        }
        this.trees = List.copyOf(trees);
        this.walk = this.trees.toArray(FlatSmileTree[]::new);
        this.weights = weights.clone();
        this.leafValues = new double[walk.length][];
        for (int t = 0; t < walk.length; t++) {
            leafValues[t] = walk[t].weightedPosteriori(this.weights[t]);
        }
        this.features = features;
        this.classes = classes;
    }

    /** Smile's own forest, flattened. */
    static FlatSmileForest of(RandomForest forest, int features) {
        List<FlatSmileTree> trees = new ArrayList<>();
        double[] weights = new double[forest.models().length];
        for (RandomForest.Model m : forest.models()) {
            weights[trees.size()] = m.weight;
            trees.add(FlatSmileTree.of(m.tree.root(), forest.numClasses()));
        }
        return new FlatSmileForest(trees, weights, features, forest.numClasses());
    }

    /** Trees grown in Grove, in order, each with its weight. */
    static FlatSmileForest of(List<FlatSmileTree> trees, double[] weights, int features, int classes) {
        return new FlatSmileForest(trees, weights, features, classes);
    }

    int trees() {
        return trees.size();
    }

    int features() {
        return features;
    }

    int classes() {
        return classes;
    }

    long nodes() {
        return trees.stream().mapToLong(FlatSmileTree::size).sum();
    }

    /**
     * Predicts rows {@code from} to {@code to}, filling {@code predicted} and {@code probabilities}
     * at the same indices. The rows are copied row-major first (a row's features then share a few
     * cache lines), and trees are the outer loop so each tree's nodes stay in cache while the rows
     * walk it; every row still sums its trees in tree order, so the result is bit for bit the
     * per-row one.
     *
     * @param x features, {@code [feature][row]}, encoded as at training
     */
    void predict(double[][] x, int from, int to, int[] predicted, double[][] probabilities) {
        int rows = to - from;
        double[] block = new double[rows * features];
        for (int j = 0; j < features; j++) {
            double[] column = x[j];
            for (int r = 0; r < rows; r++) {
                block[r * features + j] = column[from + r];
            }
        }
        double[] sums = new double[rows * classes];
        int[] leaf = new int[rows];
        for (int t = 0; t < walk.length; t++) {
            walk[t].leaves(block, features, rows, leaf);
            double[] values = leafValues[t];
            for (int r = 0; r < rows; r++) {
                int at = leaf[r];
                int sum = r * classes;
                for (int c = 0; c < classes; c++) {
                    sums[sum + c] += values[at + c];
                }
            }
        }
        for (int r = 0; r < rows; r++) {
            double[] p = Arrays.copyOfRange(sums, r * classes, (r + 1) * classes);
            MathEx.unitize1(p);
            predicted[from + r] = MathEx.whichMax(p);
            probabilities[from + r] = p;
        }
    }

    /**
     * The class probabilities of one row, summed in tree order as {@link #predict(double[][], int,
     * int, int[], double[][])} sums them (same bits); the first largest is the class.
     *
     * @param x the row's features, encoded as at training
     */
    double[] probabilities(double[] x) {
        double[] p = new double[classes];
        for (int t = 0; t < walk.length; t++) {
            int at = walk[t].leaf(x, 0);
            double[] values = leafValues[t];
            for (int c = 0; c < classes; c++) {
                p[c] += values[at + c];
            }
        }
        MathEx.unitize1(p);
        return p;
    }

    void write(DataOutput out) throws IOException {
        out.writeInt(features);
        out.writeInt(classes);
        out.writeInt(trees.size());
        for (int t = 0; t < trees.size(); t++) {
            out.writeDouble(weights[t]);
            trees.get(t).write(out);
        }
    }

    /**
     * Reads what {@link #write} wrote. {@code in} must hold only the trees (its {@code available()}
     * is the bytes left), so every count is checked against the bytes that could back it before
     * anything is allocated. The header already holds at least two classes and one feature
     * ({@link SmileModelFormat} checks it).
     */
    static FlatSmileForest read(DataInputStream in, int features, int classes) throws IOException {
        int f = in.readInt();
        int k = in.readInt();
        if (f != features || k != classes) {
            throw new IOException("the forest reads " + f + " features and predicts " + k + " classes, but the header "
                    + "lists " + features + " features and " + classes + " classes");
        }
        int n = in.readInt();
        if (n < 1) {
            throw new IOException("tree count " + n + " is out of range");
        }
        // the smallest tree (one leaf) takes 8 + 4 + 4 + 4 * classes bytes
        if (n > in.available() / 16) {
            throw new EOFException(n + " trees, but the file ends before that");
        }
        List<FlatSmileTree> trees = new ArrayList<>(n);
        double[] weights = new double[n];
        for (int t = 0; t < n; t++) {
            weights[t] = in.readDouble();
            if (!(weights[t] >= 0 && weights[t] <= 1)) {
                throw new IOException("tree " + t + " has weight " + weights[t] + ", not an accuracy in [0, 1]");
            }
            trees.add(FlatSmileTree.read(in, features, classes));
        }
        return new FlatSmileForest(trees, weights, features, classes);
    }
}
