package dev.grove.smile;

import dev.grove.internal.forest.PreOrder;
import java.io.DataInputStream;
import java.io.DataOutput;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import smile.base.cart.DecisionNode;
import smile.base.cart.Node;

/**
 * One Smile classification tree as flat arrays in pre-order, predicting exactly as Smile's node
 * graph does: node {@code i} sends a row to {@code i + 1} when its feature is {@code <=} the
 * value (ordinal split) or equals the level code (nominal split), and to {@code other[i]}
 * otherwise; a leaf ({@code feature[i] == LEAF}) holds the class counts Smile's
 * {@link DecisionNode} kept. Children always follow their parent, so every walk ends.
 *
 * <p>Why flat: Smile's graph of node objects costs tens of MB per forest, walks slowly through
 * Smile's row tuples and takes seconds to Java-serialize; arrays over Grove's column-major
 * features avoid all three.
 */
final class FlatSmileTree {
    static final int LEAF = -1;

    /** Set in a link's feature bits for a nominal split. */
    private static final int NOMINAL = 1 << 30;

    /**
     * Per node, {@code other << 32 | feature bits}: the false branch (for a leaf, the offset of its
     * counts) and the feature ({@link #LEAF}, or the index with {@link #NOMINAL} for a nominal
     * split). One load per node on the walk, which is bound by memory, not arithmetic.
     */
    private final long[] links;
    private final double[] value;
    private final int[] counts;   // [leaf * classes + class]
    private final int classes;

    private FlatSmileTree(int[] feature, boolean[] nominal, double[] value, int[] other, int[] counts, int classes) {
        this.links = new long[feature.length];
        for (int i = 0; i < links.length; i++) {
            if (feature[i] >= NOMINAL) {
                throw new IllegalArgumentException("feature index " + feature[i] + " is out of range");
            }
            int bits = feature[i] == LEAF ? LEAF : feature[i] | (nominal[i] ? NOMINAL : 0);
            links[i] = (long) other[i] << 32 | (bits & 0xFFFF_FFFFL);
        }
        this.value = value;
        this.counts = counts;
        this.classes = classes;
    }

    private int feature(int i) {
        int bits = (int) links[i];
        return bits == LEAF ? LEAF : bits & ~NOMINAL;
    }

    private boolean nominal(int i) {
        int bits = (int) links[i];
        return bits != LEAF && (bits & NOMINAL) != 0;
    }

    private int other(int i) {
        return (int) (links[i] >>> 32);
    }

    /** Flattens a tree Smile grew for {@code classes} classes. */
    static FlatSmileTree of(Node root, int classes) {
        return of(CartNode.of(root), classes);
    }

    /** Flattens a tree of {@code classes} classes. */
    static FlatSmileTree of(CartNode root, int classes) {
        PreOrder<CartNode> order = CartNode.preOrder(root);
        int n = order.size();
        int leaves = (int) order.nodes().stream().filter(CartNode::isLeaf).count();
        int[] feature = new int[n];
        boolean[] nominal = new boolean[n];
        double[] value = new double[n];
        int[] other = order.secondChild().clone();
        int[] counts = new int[leaves * classes];
        int leaf = 0;
        for (int i = 0; i < n; i++) {
            CartNode node = order.nodes().get(i);
            if (node.isLeaf()) {
                if (node.count.length != classes) {
                    throw new IllegalArgumentException("leaf counts " + node.count.length + " classes, not " + classes);
                }
                feature[i] = LEAF;
                other[i] = leaf * classes;
                System.arraycopy(node.count, 0, counts, other[i], classes);
                leaf++;
            } else {
                feature[i] = node.feature;
                nominal[i] = node.nominal;
                value[i] = node.value;
            }
        }
        return new FlatSmileTree(feature, nominal, value, other, counts, classes);
    }

    int size() {
        return links.length;
    }

    /**
     * Adds {@code weight} × Smile's posteriori of the leaf that {@code row} reaches into {@code sum}:
     * {@code (count + 1) / (total + classes)} per class, as {@link DecisionNode#posteriori} has it.
     *
     * @param x features, {@code [feature][row]}
     */
    void addPosteriori(double[][] x, int row, double weight, double[] sum) {
        int at = countsOfLeaf(x, row);
        long total = 0;
        for (int c = 0; c < classes; c++) {
            total += counts[at + c];
        }
        double n = (long) (int) total + classes; // Smile's MathEx.sum truncates to int, then adds in long
        for (int c = 0; c < classes; c++) {
            sum[c] += weight * ((counts[at + c] + 1) / n);
        }
    }

    /** The class this tree gives {@code row}: the first of its leaf's largest counts, as Smile's leaf output. */
    int predict(double[][] x, int row) {
        int at = countsOfLeaf(x, row);
        int best = 0;
        for (int c = 1; c < classes; c++) {
            if (counts[at + c] > counts[at + best]) {
                best = c;
            }
        }
        return best;
    }

    /** Where the counts of the leaf that {@code row} reaches start in {@link #counts}. */
    private int countsOfLeaf(double[][] x, int row) {
        int i = 0;
        long link = links[0];
        int bits = (int) link;
        while (bits != LEAF) {
            double v = x[bits & ~NOMINAL][row];
            boolean left = (bits & NOMINAL) != 0 ? (int) v == (int) value[i] : v <= value[i];
            i = left ? i + 1 : (int) (link >>> 32);
            link = links[i];
            bits = (int) link;
        }
        return (int) (link >>> 32);
    }

    /** Split: feature, kind (0 ordinal, 1 nominal), value, false child. Leaf: -1, then the class counts. */
    void write(DataOutput out) throws IOException {
        int leaves = counts.length / classes;
        int splits = links.length - leaves;
        // built whole and written at once: a DataOutputStream writes an int a byte at a time
        ByteBuffer bytes = ByteBuffer.allocate(4 + leaves * (4 + 4 * classes) + splits * 17); // big-endian, as DataOutput
        bytes.putInt(links.length);
        for (int i = 0; i < links.length; i++) {
            int f = feature(i);
            bytes.putInt(f);
            if (f == LEAF) {
                for (int c = 0; c < classes; c++) {
                    bytes.putInt(counts[other(i) + c]);
                }
            } else {
                bytes.put((byte) (nominal(i) ? 1 : 0));
                bytes.putDouble(value[i]);
                bytes.putInt(other(i));
            }
        }
        out.write(bytes.array());
    }

    /**
     * Reads a tree, checking every index so that a damaged file cannot send a walk out of bounds
     * or around in a loop, and every count against the bytes left in {@code in} so that a forged
     * one cannot allocate gigabytes.
     */
    static FlatSmileTree read(DataInputStream in, int features, int classes) throws IOException {
        int n = in.readInt();
        if (n < 1) {
            throw new IOException("tree node count " + n + " is out of range");
        }
        long left = in.available();
        long leafBytes = 4 + 4L * classes;
        // a node takes at least 12 bytes (a leaf of two classes; a split takes 17)
        if (n > left / 12) {
            // more nodes than the bytes left can hold: cut short (or forged); read nothing more
            throw new EOFException("a tree of " + n + " nodes, but the file ends before that");
        }
        int[] feature = new int[n];
        boolean[] nominal = new boolean[n];
        double[] value = new double[n];
        int[] other = new int[n];
        int[] counts = new int[Math.toIntExact(Math.min(n, left / leafBytes) * classes)];
        int leaves = 0;
        for (int i = 0; i < n; i++) {
            int f = in.readInt();
            if (f == LEAF) {
                if ((long) (leaves + 1) * classes > counts.length) {
                    throw new EOFException("more leaves than the file holds");
                }
                feature[i] = LEAF;
                other[i] = leaves * classes;
                for (int c = 0; c < classes; c++) {
                    int count = in.readInt();
                    if (count < 0) {
                        throw new IOException("leaf " + i + " has a negative class count");
                    }
                    counts[other[i] + c] = count;
                }
                leaves++;
                continue;
            }
            if (f < 0 || f >= features) {
                throw new IOException("node " + i + " splits on feature " + f + " of " + features);
            }
            int kind = in.readByte();
            if (kind != 0 && kind != 1) {
                throw new IOException("node " + i + " has an unknown split kind " + kind);
            }
            feature[i] = f;
            nominal[i] = kind == 1;
            value[i] = in.readDouble();
            other[i] = in.readInt();
            if (i + 1 >= n || other[i] <= i + 1 || other[i] >= n) {
                throw new IOException("node " + i + " has children out of order");
            }
        }
        return new FlatSmileTree(feature, nominal, value, other, Arrays.copyOf(counts, leaves * classes), classes);
    }
}
