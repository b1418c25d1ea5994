package dev.grove.tribuo;

import dev.grove.train.Prediction;
import dev.grove.train.Predictions;
import dev.grove.internal.forest.RowBlocks;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The trained forest as flat trees, predicting exactly as Tribuo's
 * {@code WeightedEnsembleModel} with a {@code VotingCombiner} and uniform weights: each tree
 * votes for its leaf's class with weight {@code 1f/trees} (a float, as Tribuo stores it), the
 * scores are the summed weights over their sum, and ties go to the class Tribuo numbers first.
 */
final class FlatForest {
    private final List<FlatTree> trees;
    private final int inputs;
    private final int classes;
    private final int[] voteOrder;

    /**
     * @param voteOrder class indices in Tribuo's output-id order (Tribuo's tie-break order); classes
     *                  training never saw are absent and never predicted
     */
    FlatForest(List<FlatTree> trees, int inputs, int classes, int[] voteOrder) {
        if (trees.isEmpty()) {
            throw new IllegalArgumentException("a forest needs at least one tree");
        }
        this.trees = List.copyOf(trees);
        this.inputs = inputs;
        this.classes = classes;
        this.voteOrder = voteOrder.clone();
    }

    int trees() {
        return trees.size();
    }

    int inputs() {
        return inputs;
    }

    FlatTree tree(int i) {
        return trees.get(i);
    }

    long nodes() {
        return trees.stream().mapToLong(FlatTree::size).sum();
    }

    /**
     * @param x       inputs, {@code [input][row]}
     * @param threads workers; the result is the same on any number
     */
    Predictions predict(double[][] x, int rows, List<String> classNames, int threads) {
        int[] predicted = new int[rows];
        double[][] probabilities = new double[rows][];
        RowBlocks.run(rows, threads, (from, to) -> predict(x, from, to, predicted, probabilities));
        return new Predictions(classNames, predicted, probabilities);
    }

    /**
     * Rows {@code from} to {@code to}, trees as the outer loop so each tree's arrays stay in cache;
     * every row still adds its votes in tree order, so the scores are bit for bit the per-row ones.
     */
    private void predict(double[][] x, int from, int to, int[] predicted, double[][] probabilities) {
        float weight = 1.0f / trees.size();
        double[][] score = new double[to - from][classes];
        double sum = 0;
        for (FlatTree t : trees) {
            for (int r = from; r < to; r++) {
                score[r - from][t.vote(x, r)] += weight;
            }
            sum += weight;
        }
        for (int r = from; r < to; r++) {
            predicted[r] = normaliseAndPick(score[r - from], sum);
            probabilities[r] = score[r - from];
        }
    }

    /**
     * One row, voting and scoring exactly as the batch does (same bits).
     *
     * @param x the row's inputs
     */
    Prediction predict(double[] x, List<String> classNames) {
        float weight = 1.0f / trees.size();
        double[] p = new double[classes];
        double sum = 0;
        for (FlatTree t : trees) {
            p[t.vote(x)] += weight;
            sum += weight;
        }
        return Prediction.of(classNames, normaliseAndPick(p, sum), p);
    }

    /**
     * Turns vote sums into probabilities in place and returns the winning class: the first of the
     * highest in Tribuo's vote order, which breaks ties as Tribuo's combiner does.
     */
    private int normaliseAndPick(double[] p, double sum) {
        double best = Double.NEGATIVE_INFINITY;
        int winner = voteOrder[0];
        for (int c : voteOrder) {
            p[c] = p[c] / sum;
            if (p[c] > best) {
                best = p[c];
                winner = c;
            }
        }
        return winner;
    }

    void write(DataOutput out) throws IOException {
        out.writeInt(inputs);
        out.writeInt(voteOrder.length);
        for (int c : voteOrder) {
            out.writeInt(c);
        }
        out.writeInt(trees.size());
        for (FlatTree t : trees) {
            t.write(out);
        }
    }

    /** @param bytesLeft upper bound on what the trees can occupy, to reject forged counts early */
    static FlatForest read(DataInput in, int classes, long bytesLeft) throws IOException {
        int inputs = in.readInt();
        if (inputs < 1 || inputs > bytesLeft) {
            throw new IOException("input count " + inputs + " is out of range");
        }
        int voters = in.readInt();
        if (voters < 1 || voters > classes) {
            throw new IOException("vote order of " + voters + " classes for " + classes + " classes");
        }
        int[] order = new int[voters];
        boolean[] seen = new boolean[classes];
        for (int i = 0; i < voters; i++) {
            order[i] = in.readInt();
            if (order[i] < 0 || order[i] >= classes || seen[order[i]]) {
                throw new IOException("vote order names class " + order[i] + " twice or out of range");
            }
            seen[order[i]] = true;
        }
        int n = in.readInt();
        // the smallest tree (one leaf) takes 4 + 4 + 4 * classes bytes
        if (n < 1 || n > bytesLeft / 8) {
            throw new IOException("tree count " + n + " is out of range");
        }
        List<FlatTree> trees = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            trees.add(FlatTree.read(in, inputs, seen, bytesLeft / 8));
        }
        return new FlatForest(trees, inputs, classes, order);
    }
}
