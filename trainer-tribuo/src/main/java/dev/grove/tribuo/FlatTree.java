package dev.grove.tribuo;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
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
        int n = count(root);
        int[] feature = new int[n];
        double[] threshold = new double[n];
        int[] greater = new int[n];
        int[] vote = new int[n];
        float[] distribution = new float[n * classes];
        // Pre-order with an explicit stack (trees can be deep); a pending greater child remembers its parent.
        Deque<Node<Label>> nodes = new ArrayDeque<>();
        Deque<Integer> parents = new ArrayDeque<>();
        nodes.push(root);
        parents.push(-1);
        int next = 0;
        while (!nodes.isEmpty()) {
            Node<Label> node = nodes.pop();
            int parent = parents.pop();
            int i = next++;
            if (parent >= 0) {
                greater[parent] = i;
            }
            if (node instanceof SplitNode<Label> s) {
                feature[i] = inputOfFeatureId[s.getFeatureID()];
                threshold[i] = s.splitValue();
                vote[i] = LEAF;
                nodes.push(s.getGreaterThan());
                parents.push(i);
                nodes.push(s.getLessThanOrEqual());
                parents.push(-1);
            } else {
                LeafNode<Label> leaf = (LeafNode<Label>) node;
                feature[i] = LEAF;
                greater[i] = LEAF;
                vote[i] = classIndex.get(leaf.getOutput().getLabel());
                for (Map.Entry<String, Label> e : leaf.getDistribution().entrySet()) {
                    distribution[i * classes + classIndex.get(e.getKey())] = (float) e.getValue().getScore();
                }
            }
        }
        return new FlatTree(feature, threshold, greater, vote, distribution, classes);
    }

    private static int count(Node<Label> root) {
        int n = 0;
        Deque<Node<Label>> stack = new ArrayDeque<>();
        stack.push(root);
        while (!stack.isEmpty()) {
            Node<Label> node = stack.pop();
            n++;
            if (node instanceof SplitNode<Label> s) {
                stack.push(s.getGreaterThan());
                stack.push(s.getLessThanOrEqual());
            }
        }
        return n;
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
