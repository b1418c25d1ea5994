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

    /** Set in a link's feature bits for a leaf, whose feature index (0) is then a valid one to read. */
    private static final int LEAF_BIT = 1 << 31;

    /** The feature index in a link's feature bits. */
    private static final int FEATURE = NOMINAL - 1;

    /**
     * Two longs per node, interleaved so one cache line holds a node and, mostly, its first child:
     * {@code [2i]} the split value's bits, {@code [2i + 1]} the link {@code other << 32 | feature
     * bits}, where {@code other} is the false branch. A leaf reads feature 0 against NaN, which is
     * never {@code <=}, and so sends a row to its {@code other}, itself: lanes of rows walked
     * together ({@link #leaves}) need no branch for the ones already done. Its value's low bits hold
     * the offset of its class counts. Built at load; the file keeps its own layout.
     */
    private final long[] nodes;
    private final int[] counts;   // [leaf * classes + class]
    private final int classes;
    private final boolean anyNominal;

    private FlatSmileTree(int[] feature, boolean[] nominal, double[] value, int[] other, int[] counts, int classes) {
        this.nodes = new long[2 * feature.length];
        boolean anyNominal = false;
        for (int i = 0; i < feature.length; i++) {
            if (feature[i] > FEATURE) {
                throw new IllegalArgumentException("feature index " + feature[i] + " is out of range");
            }
            if (feature[i] == LEAF) {
                nodes[2 * i] = LEAF_VALUE | other[i];
                nodes[2 * i + 1] = (long) i << 32 | (LEAF_BIT & 0xFFFF_FFFFL);
            } else {
                anyNominal |= nominal[i];
                int bits = feature[i] | (nominal[i] ? NOMINAL : 0);
                nodes[2 * i] = Double.doubleToRawLongBits(value[i]);
                nodes[2 * i + 1] = (long) other[i] << 32 | (bits & 0xFFFF_FFFFL);
            }
        }
        this.counts = counts;
        this.classes = classes;
        this.anyNominal = anyNominal;
    }

    /** A quiet NaN, with room below for a leaf's counts offset (which never reaches 2^51). */
    private static final long LEAF_VALUE = 0x7FF8_0000_0000_0000L;

    private boolean isLeaf(int i) {
        return (int) nodes[2 * i + 1] < 0;
    }

    private int feature(int i) {
        return isLeaf(i) ? LEAF : (int) nodes[2 * i + 1] & FEATURE;
    }

    private boolean nominal(int i) {
        return !isLeaf(i) && ((int) nodes[2 * i + 1] & NOMINAL) != 0;
    }

    private double value(int i) {
        return Double.longBitsToDouble(nodes[2 * i]);
    }

    /** A split's false branch, a leaf's counts offset. */
    private int other(int i) {
        return isLeaf(i) ? (int) (nodes[2 * i] & 0xFFFF_FFFFL) : (int) (nodes[2 * i + 1] >>> 32);
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
        return nodes.length / 2;
    }

    /**
     * {@code weight} × Smile's posteriori of every leaf, laid out as {@link #counts} (a leaf's
     * counts offset finds its values): {@code (count + 1) / (total + classes)} per class, as
     * {@link DecisionNode#posteriori} has it. Computed once at load, each product is the very double
     * the per-row sum used to compute, so adding it gives the same bits.
     */
    double[] weightedPosteriori(double weight) {
        double[] p = new double[counts.length];
        for (int at = 0; at < counts.length; at += classes) {
            long total = 0;
            for (int c = 0; c < classes; c++) {
                total += counts[at + c];
            }
            double n = (long) (int) total + classes; // Smile's MathEx.sum truncates to int, then adds in long
            for (int c = 0; c < classes; c++) {
                p[at + c] = weight * ((counts[at + c] + 1) / n);
            }
        }
        return p;
    }

    /** The class this tree gives {@code row}: the first of its leaf's largest counts, as Smile's leaf output. */
    int predict(double[][] x, int row) {
        int i = 0;
        while (!isLeaf(i)) {
            double v = x[feature(i)][row];
            boolean left = nominal(i) ? (int) v == (int) value(i) : v <= value(i);
            i = left ? i + 1 : other(i);
        }
        int at = other(i);
        int best = 0;
        for (int c = 1; c < classes; c++) {
            if (counts[at + c] > counts[at + best]) {
                best = c;
            }
        }
        return best;
    }

    /**
     * Where the counts of the leaf that one row reaches start in {@link #counts}.
     *
     * @param x    rows × {@code width} features, row-major
     * @param base where the row starts in {@code x}
     */
    int leaf(double[] x, int base) {
        long[] nodes = this.nodes;
        int i = 0;
        long link = nodes[1];
        while ((int) link >= 0) {
            double v = x[base + ((int) link & FEATURE)];
            double t = Double.longBitsToDouble(nodes[2 * i]);
            boolean left = ((int) link & NOMINAL) != 0 ? (int) v == (int) t : v <= t;
            i = left ? i + 1 : (int) (link >>> 32);
            link = nodes[2 * i + 1];
        }
        return (int) nodes[2 * i];
    }

    /**
     * {@link #leaf} of rows {@code 0 .. rows)} of {@code x} into {@code out}. Four rows walk the tree
     * together: their node loads are independent, so the memory waits of one overlap those of the
     * others instead of following one another, and no branch depends on a split's outcome.
     */
    void leaves(double[] x, int width, int rows, int[] out) {
        int r = 0;
        if (!anyNominal) {
            long[] nodes = this.nodes;
            for (; r + 4 <= rows; r += 4) {
                int b0 = r * width;
                int b1 = b0 + width;
                int b2 = b1 + width;
                int b3 = b2 + width;
                int i0 = 0;
                int i1 = 0;
                int i2 = 0;
                int i3 = 0;
                long l0 = nodes[1];
                long l1 = l0;
                long l2 = l0;
                long l3 = l0;
                while (((int) l0 & (int) l1 & (int) l2 & (int) l3) >= 0) {
                    i0 = x[b0 + ((int) l0 & FEATURE)] <= Double.longBitsToDouble(nodes[2 * i0]) ? i0 + 1 : (int) (l0 >>> 32);
                    i1 = x[b1 + ((int) l1 & FEATURE)] <= Double.longBitsToDouble(nodes[2 * i1]) ? i1 + 1 : (int) (l1 >>> 32);
                    i2 = x[b2 + ((int) l2 & FEATURE)] <= Double.longBitsToDouble(nodes[2 * i2]) ? i2 + 1 : (int) (l2 >>> 32);
                    i3 = x[b3 + ((int) l3 & FEATURE)] <= Double.longBitsToDouble(nodes[2 * i3]) ? i3 + 1 : (int) (l3 >>> 32);
                    l0 = nodes[2 * i0 + 1];
                    l1 = nodes[2 * i1 + 1];
                    l2 = nodes[2 * i2 + 1];
                    l3 = nodes[2 * i3 + 1];
                }
                out[r] = (int) nodes[2 * i0];
                out[r + 1] = (int) nodes[2 * i1];
                out[r + 2] = (int) nodes[2 * i2];
                out[r + 3] = (int) nodes[2 * i3];
            }
        }
        for (; r < rows; r++) {
            out[r] = leaf(x, r * width);
        }
    }

    /** Split: feature, kind (0 ordinal, 1 nominal), value, false child. Leaf: -1, then the class counts. */
    void write(DataOutput out) throws IOException {
        int n = nodes.length / 2;
        int leaves = counts.length / classes;
        int splits = n - leaves;
        // built whole and written at once: a DataOutputStream writes an int a byte at a time
        ByteBuffer bytes = ByteBuffer.allocate(4 + leaves * (4 + 4 * classes) + splits * 17); // big-endian, as DataOutput
        bytes.putInt(n);
        for (int i = 0; i < n; i++) {
            int f = feature(i);
            bytes.putInt(f);
            if (f == LEAF) {
                for (int c = 0; c < classes; c++) {
                    bytes.putInt(counts[other(i) + c]);
                }
            } else {
                bytes.put((byte) (nominal(i) ? 1 : 0));
                bytes.putDouble(value(i));
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
