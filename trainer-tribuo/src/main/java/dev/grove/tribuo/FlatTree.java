package dev.grove.tribuo;

import dev.grove.internal.forest.PreOrder;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Map;
import org.tribuo.classification.Label;
import org.tribuo.common.tree.LeafNode;
import org.tribuo.common.tree.Node;
import org.tribuo.common.tree.SplitNode;

/**
 * One Tribuo decision tree as flat arrays in pre-order: node {@code i} splits on input
 * {@code feature[i]} at {@code threshold[i]}, going to {@code i + 1} when the value is
 * {@code <=} the threshold and to {@code greater[i]} when it is above (Tribuo's own rule), or is a
 * leaf ({@code feature[i] == -1}) voting for class {@code vote[i]} with the class distribution
 * Tribuo recorded there. Children always follow their parent, so every walk ends.
 */
final class FlatTree {
    static final int LEAF = -1;

    private final int[] feature;
    private final double[] threshold;
    private final int[] greater;
    private final int[] vote;
    private final float[] distribution; // [node * classes + class], zero for split nodes
    private final int classes;

    private FlatTree(int[] feature, double[] threshold, int[] greater, int[] vote, float[] distribution, int classes) {
        this.feature = feature;
        this.threshold = threshold;
        this.greater = greater;
        this.vote = vote;
        this.distribution = distribution;
        this.classes = classes;
    }

    /**
     * Exports a trained Tribuo tree.
     *
     * @param inputOfFeatureId Tribuo feature id → input index
     * @param classIndex       Tribuo label name → index into the model's classes
     */
    static FlatTree of(Node<Label> root, int[] inputOfFeatureId, Map<String, Integer> classIndex, int classes) {
        PreOrder<Node<Label>> order = PreOrder.of(root,
                node -> node instanceof SplitNode<Label> s ? s.getLessThanOrEqual() : null,
                node -> ((SplitNode<Label>) node).getGreaterThan());
        int n = order.size();
        int[] feature = new int[n];
        double[] threshold = new double[n];
        int[] greater = order.secondChild().clone();
        int[] vote = new int[n];
        float[] distribution = new float[n * classes];
        for (int i = 0; i < n; i++) {
            if (order.nodes().get(i) instanceof SplitNode<Label> s) {
                feature[i] = inputOfFeatureId[s.getFeatureID()];
                threshold[i] = s.splitValue();
                vote[i] = LEAF;
            } else {
                LeafNode<Label> leaf = (LeafNode<Label>) order.nodes().get(i);
                feature[i] = LEAF;
                vote[i] = classIndex.get(leaf.getOutput().getLabel());
                for (Map.Entry<String, Label> e : leaf.getDistribution().entrySet()) {
                    distribution[i * classes + classIndex.get(e.getKey())] = (float) e.getValue().getScore();
                }
            }
        }
        return new FlatTree(feature, threshold, greater, vote, distribution, classes);
    }

    int size() {
        return feature.length;
    }

    /** The class the leaf reached by {@code row} votes for; {@code inputs} is {@code [input][row]}. */
    int vote(double[][] inputs, int row) {
        int i = 0;
        while (feature[i] != LEAF) {
            i = inputs[feature[i]][row] > threshold[i] ? greater[i] : i + 1;
        }
        return vote[i];
    }

    /** The class the leaf reached by one row votes for; {@code inputs} is that row's inputs. */
    int vote(double[] inputs) {
        int i = 0;
        while (feature[i] != LEAF) {
            i = inputs[feature[i]] > threshold[i] ? greater[i] : i + 1;
        }
        return vote[i];
    }

    /** The class distribution Tribuo recorded in the leaf reached by {@code row}. */
    float[] leafDistribution(double[][] inputs, int row) {
        int i = 0;
        while (feature[i] != LEAF) {
            i = inputs[feature[i]][row] > threshold[i] ? greater[i] : i + 1;
        }
        float[] d = new float[classes];
        System.arraycopy(distribution, i * classes, d, 0, classes);
        return d;
    }

    /** Split: input, threshold, greater child. Leaf: -1 - class, then the distribution. */
    void write(DataOutput out) throws IOException {
        out.writeInt(feature.length);
        for (int i = 0; i < feature.length; i++) {
            if (feature[i] == LEAF) {
                out.writeInt(-1 - vote[i]);
                for (int c = 0; c < classes; c++) {
                    out.writeFloat(distribution[i * classes + c]);
                }
            } else {
                out.writeInt(feature[i]);
                out.writeDouble(threshold[i]);
                out.writeInt(greater[i]);
            }
        }
    }

    /**
     * Reads a tree, checking every index so that a damaged file cannot send a walk out of bounds
     * or around in a loop.
     *
     * @param voters   which classes a leaf may vote for (those training saw)
     * @param maxNodes bound from the bytes left, so a forged count cannot allocate gigabytes
     */
    static FlatTree read(DataInput in, int inputs, boolean[] voters, long maxNodes) throws IOException {
        int classes = voters.length;
        int n = in.readInt();
        if (n < 1 || n > maxNodes || (long) n * classes > maxNodes * 8) {
            throw new IOException("tree node count " + n + " is out of range");
        }
        int[] feature = new int[n];
        double[] threshold = new double[n];
        int[] greater = new int[n];
        int[] vote = new int[n];
        float[] distribution = new float[n * classes];
        for (int i = 0; i < n; i++) {
            int head = in.readInt();
            if (head < 0) {
                int c = -1 - head;
                if (c >= classes || !voters[c]) {
                    throw new IOException("leaf " + i + " votes for class " + c + ", which the forest does not predict");
                }
                feature[i] = LEAF;
                greater[i] = LEAF;
                vote[i] = c;
                for (int k = 0; k < classes; k++) {
                    distribution[i * classes + k] = in.readFloat();
                }
            } else {
                if (head >= inputs) {
                    throw new IOException("node " + i + " splits on input " + head + " of " + inputs);
                }
                feature[i] = head;
                threshold[i] = in.readDouble();
                greater[i] = in.readInt();
                vote[i] = LEAF;
                if (i + 1 >= n || greater[i] <= i + 1 || greater[i] >= n) {
                    throw new IOException("node " + i + " has children out of order");
                }
            }
        }
        return new FlatTree(feature, threshold, greater, vote, distribution, classes);
    }
}
