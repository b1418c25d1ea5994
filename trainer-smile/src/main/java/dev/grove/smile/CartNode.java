package dev.grove.smile;

import dev.grove.internal.forest.PreOrder;
import java.util.List;
import smile.base.cart.DecisionNode;
import smile.base.cart.InternalNode;
import smile.base.cart.NominalNode;
import smile.base.cart.Node;
import smile.base.cart.OrdinalNode;
import smile.math.MathEx;

/**
 * A node of a classification tree: a leaf with its (bootstrap-weighted) class counts, or a split
 * that sends a row to {@link #trueChild} when its feature is {@code <=} the value (numeric) or
 * equals the level code (categorical). Mutable: a leaf turns into a split as the tree grows.
 */
final class CartNode {
    static final int LEAF = -1;

    int feature = LEAF;
    boolean nominal;
    double value;
    CartNode trueChild;
    CartNode falseChild;
    /** A leaf's class counts; {@code null} once the node is a split. */
    int[] count;
    /** A leaf's sample size, {@code sum(count)}, and its class: the first of the largest counts. */
    int size;
    int output;

    static CartNode leaf(int[] count) {
        CartNode n = new CartNode();
        n.becomeLeaf(count);
        return n;
    }

    private void becomeLeaf(int[] count) {
        this.feature = LEAF;
        this.trueChild = null;
        this.falseChild = null;
        this.count = count;
        this.size = (int) MathEx.sum(count);
        this.output = MathEx.whichMax(count);
    }

    boolean isLeaf() {
        return feature == LEAF;
    }

    void split(int feature, boolean nominal, double value, CartNode trueChild, CartNode falseChild) {
        this.feature = feature;
        this.nominal = nominal;
        this.value = value;
        this.trueChild = trueChild;
        this.falseChild = falseChild;
        this.count = null;
    }

    /** The nodes under {@code root} in pre-order (true branch first), the layout of a flat tree. */
    static PreOrder<CartNode> preOrder(CartNode root) {
        return PreOrder.of(root, n -> n.isLeaf() ? null : n.trueChild, n -> n.falseChild);
    }

    /**
     * Merges, bottom up, every split whose two children are leaves of the same class into one leaf
     * holding both counts, as Smile's {@code Node.merge} does once a tree is grown.
     */
    static CartNode merge(CartNode root) {
        List<CartNode> nodes = preOrder(root).nodes();
        // in reverse pre-order every node comes after all of its descendants
        for (int i = nodes.size() - 1; i >= 0; i--) {
            CartNode n = nodes.get(i);
            if (!n.isLeaf() && n.trueChild.isLeaf() && n.falseChild.isLeaf()
                    && n.trueChild.output == n.falseChild.output) {
                int[] a = n.trueChild.count;
                int[] b = n.falseChild.count;
                int[] sum = new int[a.length];
                for (int c = 0; c < sum.length; c++) {
                    sum[c] = a[c] + b[c];
                }
                n.becomeLeaf(sum);
            }
        }
        return root;
    }

    /** A tree Smile grew (a model file of format 1, or Smile's own fit in tests), as nodes of this kind. */
    static CartNode of(Node root) {
        PreOrder<Node> order = PreOrder.of(root, n -> n instanceof InternalNode in ? in.trueChild() : null,
                n -> ((InternalNode) n).falseChild());
        CartNode[] mirror = new CartNode[order.size()];
        // children come after their parent in pre-order: build from the end so they exist first
        for (int i = order.size() - 1; i >= 0; i--) {
            Node node = order.nodes().get(i);
            if (node instanceof DecisionNode d) {
                mirror[i] = leaf(d.count().clone());
                continue;
            }
            CartNode m = new CartNode();
            if (node instanceof OrdinalNode o) {
                m.split(o.feature(), false, SplitValues.of(o), mirror[i + 1], mirror[order.secondChild()[i]]);
            } else if (node instanceof NominalNode nn) {
                m.split(nn.feature(), true, SplitValues.of(nn), mirror[i + 1], mirror[order.secondChild()[i]]);
            } else {
                throw new IllegalArgumentException("not a classification tree node: " + node.getClass().getName());
            }
            mirror[i] = m;
        }
        return mirror[0];
    }
}
