package dev.grove.spark;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;

/**
 * A Spark random forest in flat arrays, free of Spark: what {@link ForestExport} copies out of a
 * fitted {@code RandomForestClassificationModel} and what a model file holds. Nodes of a tree are
 * in pre-order (a child's index is always greater than its parent's), so a walk always ends.
 *
 * <p>Prediction is Spark's ({@code RandomForestClassificationModel.predictRaw}, Spark 4.2.0): each
 * tree's leaf holds the class counts its training rows reached it with; a tree votes those counts
 * divided by their sum; votes are added tree by tree, in tree order; the probabilities are the
 * votes divided by their sum, and the prediction is the first class with the most votes
 * ({@code DenseVector.argmax}). The same double operations in the same order give the same bits.
 */
final class SparkForest {
    /** {@link #kind} of a leaf, of a continuous split (value ≤ threshold goes left), of a categorical one. */
    static final byte LEAF = 0;
    static final byte CONTINUOUS = 1;
    static final byte CATEGORICAL = 2;

    private final int classes;
    private final int[] roots;
    private final byte[] kind;
    private final int[] feature;
    private final double[] threshold;
    /** Categorical split: its left categories, sorted, in {@link #categories} from {@code catFrom} to {@code catTo}. */
    private final int[] catFrom;
    private final int[] catTo;
    private final double[] categories;
    private final int[] left;
    private final int[] right;
    /** Leaf: its class counts in {@link #stats} from {@code stats[leafAt]}, {@link #classes} of them. */
    private final int[] leafAt;
    private final double[] stats;

    private SparkForest(int classes, int[] roots, byte[] kind, int[] feature, double[] threshold, int[] catFrom,
                        int[] catTo, double[] categories, int[] left, int[] right, int[] leafAt, double[] stats) {
        this.classes = classes;
        this.roots = roots;
        this.kind = kind;
        this.feature = feature;
        this.threshold = threshold;
        this.catFrom = catFrom;
        this.catTo = catTo;
        this.categories = categories;
        this.left = left;
        this.right = right;
        this.leafAt = leafAt;
        this.stats = stats;
    }

    int trees() {
        return roots.length;
    }

    int nodes() {
        return kind.length;
    }

    int classes() {
        return classes;
    }

    /**
     * Predicts rows {@code [0, n)} of the encoded columns {@code x[feature][row]}: class index per row
     * into {@code predicted}, class probabilities into {@code probabilities}.
     */
    void predict(double[][] x, int n, int[] predicted, double[][] probabilities) {
        for (int row = 0; row < n; row++) {
            double[] votes = new double[classes];
            for (int root : roots) {
                int leaf = leafOf(x, row, root);
                int at = leafAt[leaf];
                double total = 0.0;
                for (int c = 0; c < classes; c++) {
                    total += stats[at + c];
                }
                if (total != 0) {
                    for (int c = 0; c < classes; c++) {
                        votes[c] += stats[at + c] / total;
                    }
                }
            }
            int best = 0;
            for (int c = 1; c < classes; c++) {
                if (votes[c] > votes[best]) {
                    best = c;
                }
            }
            predicted[row] = best;
            double sum = 0.0;
            for (double v : votes) {
                sum += v;
            }
            if (sum != 0) {
                for (int c = 0; c < classes; c++) {
                    votes[c] /= sum;
                }
            }
            probabilities[row] = votes;
        }
    }

    private int leafOf(double[][] x, int row, int node) {
        while (kind[node] != LEAF) {
            double v = x[feature[node]][row];
            boolean goLeft = kind[node] == CONTINUOUS ? v <= threshold[node]
                    : Arrays.binarySearch(categories, catFrom[node], catTo[node], v) >= 0;
            node = goLeft ? left[node] : right[node];
        }
        return node;
    }

    /** Writes the forest as plain numbers (see {@link SparkModelFormat}). */
    void write(DataOutputStream out) throws IOException {
        out.writeInt(classes);
        out.writeInt(roots.length);
        out.writeInt(kind.length);
        for (int root : roots) {
            out.writeInt(root);
        }
        for (int i = 0; i < kind.length; i++) {
            out.writeByte(kind[i]);
            switch (kind[i]) {
                case LEAF -> {
                    for (int c = 0; c < classes; c++) {
                        out.writeDouble(stats[leafAt[i] + c]);
                    }
                }
                case CONTINUOUS -> {
                    out.writeInt(feature[i]);
                    out.writeDouble(threshold[i]);
                    out.writeInt(left[i]);
                    out.writeInt(right[i]);
                }
                default -> {
                    out.writeInt(feature[i]);
                    out.writeInt(catTo[i] - catFrom[i]);
                    for (int k = catFrom[i]; k < catTo[i]; k++) {
                        out.writeDouble(categories[k]);
                    }
                    out.writeInt(left[i]);
                    out.writeInt(right[i]);
                }
            }
        }
    }

    /**
     * Reads what {@link #write} wrote, checking every index so a damaged or hostile file is refused
     * ({@link IOException} with the reason) instead of predicting nonsense or looping.
     */
    static SparkForest read(DataInputStream in, int features, int expectedClasses) throws IOException {
        int classes = in.readInt();
        if (classes != expectedClasses) {
            throw new IOException("the trees predict " + classes + " classes but the header names " + expectedClasses);
        }
        int trees = in.readInt();
        int nodes = in.readInt();
        if (trees < 1 || nodes < trees) {
            throw new IOException(trees + " trees with " + nodes + " nodes is not a forest");
        }
        Builder b = new Builder(classes);
        int[] roots = new int[Math.min(trees, 1 << 20)];
        if (trees > roots.length) {
            throw new IOException(trees + " trees is more than a model file holds");
        }
        for (int t = 0; t < trees; t++) {
            roots[t] = in.readInt();
            if (roots[t] < 0 || roots[t] >= nodes || (t > 0 && roots[t] <= roots[t - 1]) || (t == 0 && roots[t] != 0)) {
                throw new IOException("tree " + t + " starts at node " + roots[t] + ", out of order");
            }
        }
        for (int i = 0; i < nodes; i++) {
            byte k = in.readByte();
            int treeEnd = treeEnd(roots, nodes, i);
            switch (k) {
                case LEAF -> {
                    double[] counts = new double[classes];
                    for (int c = 0; c < classes; c++) {
                        counts[c] = in.readDouble();
                        if (!(counts[c] >= 0) || Double.isInfinite(counts[c])) {
                            throw new IOException("leaf " + i + " has the class count " + counts[c]);
                        }
                    }
                    b.leaf(counts);
                }
                case CONTINUOUS, CATEGORICAL -> {
                    int f = in.readInt();
                    if (f < 0 || f >= features) {
                        throw new IOException("node " + i + " splits on feature " + f + " of " + features);
                    }
                    double t = Double.NaN;
                    double[] cats = null;
                    if (k == CONTINUOUS) {
                        t = in.readDouble();
                    } else {
                        int n = in.readInt();
                        if (n < 0 || n > 1 << 16) {
                            throw new IOException("node " + i + " has " + n + " left categories");
                        }
                        cats = new double[n];
                        for (int c = 0; c < n; c++) {
                            cats[c] = in.readDouble();
                        }
                        Arrays.sort(cats);
                    }
                    int l = in.readInt();
                    int r = in.readInt();
                    if (l <= i || r <= i || l >= treeEnd || r >= treeEnd || l == r) {
                        throw new IOException("node " + i + " has children " + l + " and " + r
                                + " outside its tree (nodes " + i + " to " + (treeEnd - 1) + ")");
                    }
                    if (k == CONTINUOUS) {
                        b.continuous(f, t, l, r);
                    } else {
                        b.categorical(f, cats, l, r);
                    }
                }
                default -> throw new IOException("node " + i + " is of unknown kind " + k);
            }
        }
        return b.build(roots);
    }

    private static int treeEnd(int[] roots, int nodes, int node) {
        int t = Arrays.binarySearch(roots, node);
        int tree = t >= 0 ? t : -t - 2;
        return tree + 1 < roots.length ? roots[tree + 1] : nodes;
    }

    /** Collects nodes in pre-order (the order {@link ForestExport} visits them and the file holds them). */
    static final class Builder {
        private final int classes;
        private byte[] kind = new byte[64];
        private int[] feature = new int[64];
        private double[] threshold = new double[64];
        private int[] catFrom = new int[64];
        private int[] catTo = new int[64];
        private int[] left = new int[64];
        private int[] right = new int[64];
        private int[] leafAt = new int[64];
        private double[] categories = new double[64];
        private double[] stats = new double[64];
        private int n;
        private int nCategories;
        private int nStats;

        Builder(int classes) {
            this.classes = classes;
        }

        /** Index the next node will get. */
        int next() {
            return n;
        }

        int leaf(double[] counts) {
            int i = add(LEAF, -1);
            while (nStats + classes > stats.length) {
                stats = Arrays.copyOf(stats, stats.length * 2);
            }
            leafAt[i] = nStats;
            System.arraycopy(counts, 0, stats, nStats, classes);
            nStats += classes;
            return i;
        }

        int continuous(int f, double t, int l, int r) {
            int i = add(CONTINUOUS, f);
            threshold[i] = t;
            setChildren(i, l, r);
            return i;
        }

        int categorical(int f, double[] sortedCategories, int l, int r) {
            int i = add(CATEGORICAL, f);
            while (nCategories + sortedCategories.length > categories.length) {
                categories = Arrays.copyOf(categories, categories.length * 2);
            }
            catFrom[i] = nCategories;
            System.arraycopy(sortedCategories, 0, categories, nCategories, sortedCategories.length);
            nCategories += sortedCategories.length;
            catTo[i] = nCategories;
            setChildren(i, l, r);
            return i;
        }

        /** Sets a split's children once they are known (pre-order: after the split itself was added). */
        void setChildren(int i, int l, int r) {
            left[i] = l;
            right[i] = r;
        }

        private int add(byte k, int f) {
            if (n == kind.length) {
                int size = n * 2;
                kind = Arrays.copyOf(kind, size);
                feature = Arrays.copyOf(feature, size);
                threshold = Arrays.copyOf(threshold, size);
                catFrom = Arrays.copyOf(catFrom, size);
                catTo = Arrays.copyOf(catTo, size);
                left = Arrays.copyOf(left, size);
                right = Arrays.copyOf(right, size);
                leafAt = Arrays.copyOf(leafAt, size);
            }
            kind[n] = k;
            feature[n] = f;
            catFrom[n] = -1;
            catTo[n] = -1;
            left[n] = -1;
            right[n] = -1;
            leafAt[n] = -1;
            return n++;
        }

        SparkForest build(int[] roots) {
            return new SparkForest(classes, roots.clone(), Arrays.copyOf(kind, n), Arrays.copyOf(feature, n),
                    Arrays.copyOf(threshold, n), Arrays.copyOf(catFrom, n), Arrays.copyOf(catTo, n),
                    Arrays.copyOf(categories, nCategories), Arrays.copyOf(left, n), Arrays.copyOf(right, n),
                    Arrays.copyOf(leafAt, n), Arrays.copyOf(stats, nStats));
        }
    }
}
