package dev.grove.spark;

import org.apache.spark.ml.classification.RandomForestClassificationModel;
import org.apache.spark.ml.tree.CategoricalSplit;
import org.apache.spark.ml.tree.ContinuousSplit;
import org.apache.spark.ml.tree.InternalNode;
import org.apache.spark.ml.tree.LeafNode;
import org.apache.spark.ml.tree.Node;
import org.apache.spark.ml.tree.Split;

/**
 * Copies a fitted Spark forest into a {@link SparkForest}: each tree's {@code rootNode} walked in
 * pre-order; a {@link ContinuousSplit} sends a value ≤ its threshold left, a {@link CategoricalSplit}
 * the values in its left categories; a leaf keeps its class counts ({@code impurityStats().stats()},
 * what Spark's prediction divides by their sum).
 */
final class ForestExport {
    private ForestExport() {
    }

    static SparkForest of(RandomForestClassificationModel model) {
        int classes = model.numClasses();
        SparkForest.Builder b = new SparkForest.Builder(classes);
        var trees = model.trees();
        int[] roots = new int[trees.length];
        for (int t = 0; t < trees.length; t++) {
            roots[t] = b.next();
            add(b, trees[t].rootNode(), classes);
        }
        return b.build(roots);
    }

    private static int add(SparkForest.Builder b, Node node, int classes) {
        if (node instanceof LeafNode leaf) {
            double[] stats = leaf.impurityStats().stats();
            if (stats.length != classes) {
                throw new IllegalStateException("a Spark leaf holds " + stats.length + " class counts for " + classes
                        + " classes");
            }
            return b.leaf(stats);
        }
        InternalNode in = (InternalNode) node;
        Split split = in.split();
        int self;
        if (split instanceof ContinuousSplit c) {
            self = b.continuous(c.featureIndex(), c.threshold(), -1, -1);
        } else {
            double[] left = ((CategoricalSplit) split).leftCategories().clone();
            java.util.Arrays.sort(left);
            self = b.categorical(split.featureIndex(), left, -1, -1);
        }
        int l = add(b, in.leftChild(), classes);
        int r = add(b, in.rightChild(), classes);
        b.setChildren(self, l, r);
        return self;
    }
}
