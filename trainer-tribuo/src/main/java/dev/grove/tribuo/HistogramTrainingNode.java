package dev.grove.tribuo;

import dev.grove.internal.forest.Workers;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.tribuo.classification.Label;
import org.tribuo.classification.dtree.impurity.LabelImpurity;
import org.tribuo.common.tree.AbstractTrainingNode;
import org.tribuo.common.tree.LeafNode;
import org.tribuo.common.tree.Node;
import org.tribuo.util.Util;

/**
 * A CART training node for coded inputs that chooses exactly the split Tribuo's own
 * {@code ClassifierTrainingNode} would, and builds the same leaves, in a fraction of the time.
 *
 * <p>Tribuo's node keeps, per feature, a sorted list of distinct values with their rows, and
 * copies all of those lists at every split: its cost grows with features × distinct values × rows
 * per level. This node counts each candidate input's codes in its rows into a histogram, scans
 * the distinct values present in ascending order with the same running counts, the same impurity
 * calls and the same tie-breaking (first input in Tribuo's sampled order, then the lowest value,
 * strict improvement only), and splits half-way between adjacent present values, as Tribuo does.
 * Weights are bootstrap counts (whole numbers), so every float sum is exact whatever the order
 * (up to 2^24 rows in a tree's sample, far beyond what fits in memory as Tribuo examples) and the
 * scores are bit for bit Tribuo's. Rows are partitioned in place in the tree's {@link
 * InputCodes.Bag}; Tribuo's training loop, feature sampling and random stream are untouched.
 */
final class HistogramTrainingNode extends AbstractTrainingNode<Label> {
    private static final long serialVersionUID = 1L;

    private final transient InputCodes.Bag bag;
    private final transient LabelImpurity impurity;
    private final int start;
    private final int end;
    private final float[] weightedLabelCounts;
    private final float weightSum;
    /** Grove's min leaf: a split leaves at least this much (bootstrap) weight on each side. */
    private final float minLeaf;

    /**
     * The root: every position of the bag.
     *
     * @param minLeaf the least weight a split may leave on either side; 1 (every split qualifies) grows
     *                exactly Tribuo's tree, more than 1 is Grove's addition (Tribuo's own node has no such rule)
     */
    HistogramTrainingNode(LabelImpurity impurity, InputCodes.Bag bag, LeafDeterminer leafDeterminer, float minLeaf) {
        this(impurity, bag, 0, bag.size(), 0, leafDeterminer, rootCounts(bag), minLeaf);
    }

    private HistogramTrainingNode(LabelImpurity impurity, InputCodes.Bag bag, int start, int end, int depth,
                                  LeafDeterminer leafDeterminer, float[] counts, float minLeaf) {
        super(depth, end - start, leafDeterminer);
        this.minLeaf = minLeaf;
        this.bag = bag;
        this.impurity = impurity;
        this.start = start;
        this.end = end;
        this.weightedLabelCounts = counts;
        this.weightSum = Util.sum(counts);
        this.impurityScore = impurity.impurity(counts);
    }

    private static float[] rootCounts(InputCodes.Bag bag) {
        float[] counts = new float[bag.classes];
        for (int q = 0; q < bag.size(); q++) {
            counts[bag.label[q]] += bag.weight[q];
        }
        return counts;
    }

    @Override
    public float getWeightSum() {
        return weightSum;
    }

    @Override
    public double getImpurity() {
        return impurityScore;
    }

    @Override
    public List<AbstractTrainingNode<Label>> buildTree(int[] featureIDs, SplittableRandom rng,
                                                       boolean useRandomSplitPoints) {
        if (useRandomSplitPoints) {
            throw new IllegalStateException("random split points are not used by Grove's forests");
        }
        Workers.checkInterrupted(); // a cancelled training's pool interrupts its workers
        int classes = bag.classes;
        int bestInput = -1;
        int bestCode = -1;
        double bestSplitValue = 0.0;
        double bestScore = getImpurity();
        float[] lessOfBest = new float[classes];
        float[] greaterOfBest = new float[classes];
        float[] less = new float[classes];
        float[] greater = new float[classes];
        float[] histogram = bag.histogram;
        int[] present = bag.present;
        int[] positions = bag.positions;
        for (int input : featureIDs) {
            char[] code = bag.code[input];
            int lo = Integer.MAX_VALUE;
            int hi = -1;
            for (int p = start; p < end; p++) {
                int q = positions[p];
                int c = code[q];
                histogram[c * classes + bag.label[q]] += bag.weight[q];
                present[c]++;
                lo = Math.min(lo, c);
                hi = Math.max(hi, c);
            }
            Arrays.fill(less, 0.0f);
            System.arraycopy(weightedLabelCounts, 0, greater, 0, classes);
            float lessWeight = 0; // whole-number bootstrap weights: exact in a float
            int previous = -1;
            for (int c = lo; c <= hi; c++) {
                if (present[c] == 0) {
                    continue;
                }
                if (previous >= 0 && lessWeight >= minLeaf && weightSum - lessWeight >= minLeaf) {
                    double score = (impurity.impurityWeighted(less) + impurity.impurityWeighted(greater)) / weightSum;
                    if (score < bestScore) {
                        bestInput = input;
                        bestCode = previous;
                        bestScore = score;
                        System.arraycopy(less, 0, lessOfBest, 0, classes);
                        System.arraycopy(greater, 0, greaterOfBest, 0, classes);
                        bestSplitValue = (bag.codes.value(input, previous) + bag.codes.value(input, c)) / 2.0;
                    }
                }
                for (int k = 0; k < classes; k++) {
                    float w = histogram[c * classes + k];
                    less[k] += w;
                    greater[k] -= w;
                    lessWeight += w;
                }
                previous = c;
            }
            if (hi >= 0) {
                Arrays.fill(histogram, lo * classes, (hi + 1) * classes, 0.0f);
                Arrays.fill(present, lo, hi + 1, 0);
            }
        }
        double impurityDecrease = weightSum * (getImpurity() - bestScore);
        if (bestInput != -1 && impurityDecrease >= leafDeterminer.getScaledMinImpurityDecrease()) {
            return splitAt(bestInput, bestCode, bestSplitValue, lessOfBest, greaterOfBest);
        }
        return List.of();
    }

    private List<AbstractTrainingNode<Label>> splitAt(int input, int lastLessCode, double value,
                                                      float[] lessCounts, float[] greaterCounts) {
        splitID = input;
        split = true;
        splitValue = value;
        double lessImpurity = impurity.impurity(lessCounts);
        double greaterImpurity = impurity.impurity(greaterCounts);
        boolean lessIsLeaf = shouldMakeLeaf(lessImpurity, Util.sum(lessCounts));
        boolean greaterIsLeaf = shouldMakeLeaf(greaterImpurity, Util.sum(greaterCounts));
        if (lessIsLeaf && greaterIsLeaf) {
            lessThanOrEqual = leaf(lessImpurity, lessCounts);
            greaterThan = leaf(greaterImpurity, greaterCounts);
            return List.of();
        }
        // Tribuo sends a row left when its value is below the split value, which is not always the
        // rank order the scan used: -0.0 and 0.0, or two adjacent doubles whose mean rounds to the lower.
        int cut = lastLessCode + 1;
        while (cut > 0 && !(bag.codes.value(input, cut - 1) < value)) {
            cut--;
        }
        int middle = partition(input, cut - 1);
        // less-or-equal first, as Tribuo's node: the order children are grown in drives the random stream
        List<AbstractTrainingNode<Label>> children = new ArrayList<>(2);
        lessThanOrEqual = child(lessIsLeaf, lessImpurity, lessCounts, start, middle, children);
        greaterThan = child(greaterIsLeaf, greaterImpurity, greaterCounts, middle, end, children);
        return children;
    }

    /** A leaf, or a node over positions {@code from} to {@code to} that is added to {@code toGrow}. */
    private Node<Label> child(boolean isLeaf, double childImpurity, float[] counts, int from, int to,
                              List<AbstractTrainingNode<Label>> toGrow) {
        if (isLeaf) {
            return leaf(childImpurity, counts);
        }
        HistogramTrainingNode node = new HistogramTrainingNode(impurity, bag, from, to, depth + 1, leafDeterminer,
                counts, minLeaf);
        toGrow.add(node);
        return node;
    }

    /** Moves this node's positions with code ≤ {@code lastLeftCode} to the front; returns where the rest start. */
    private int partition(int input, int lastLeftCode) {
        char[] code = bag.code[input];
        int[] positions = bag.positions;
        int[] spill = bag.partition;
        int left = start;
        int right = 0;
        for (int p = start; p < end; p++) {
            int q = positions[p];
            if (code[q] <= lastLeftCode) {
                positions[left++] = q;
            } else {
                spill[right++] = q;
            }
        }
        System.arraycopy(spill, 0, positions, left, right);
        return left;
    }

    /**
     * A leaf as Tribuo's node makes it: the normalised distribution, voting for its first largest class.
     * A pure leaf (most leaves of a fully grown tree) shares its tree's one distribution of that class:
     * the same values, but one map and label set per class instead of one per leaf.
     */
    private LeafNode<Label> leaf(double impurityScore, float[] counts) {
        int pure = pureClass(counts);
        if (pure >= 0) {
            Map<String, Label> distribution = bag.pureDistributions[pure];
            if (distribution == null) {
                distribution = distribution(counts);
                bag.pureDistributions[pure] = distribution;
            }
            return new LeafNode<>(impurityScore, vote(distribution), distribution, true);
        }
        Map<String, Label> distribution = distribution(counts);
        return new LeafNode<>(impurityScore, vote(distribution), distribution, true);
    }

    /** The one class with weight, or -1 when there are several. */
    private static int pureClass(float[] counts) {
        int only = -1;
        for (int k = 0; k < counts.length; k++) {
            if (counts[k] != 0f) {
                if (only >= 0) {
                    return -1;
                }
                only = k;
            }
        }
        return only;
    }

    /** The normalised distribution, in Tribuo's label-id order. */
    private Map<String, Label> distribution(float[] counts) {
        double[] normed = Util.normalizeToDistribution(counts);
        Map<String, Label> distribution = new LinkedHashMap<>();
        for (int i = 0; i < counts.length; i++) {
            String name = bag.outputs.getOutput(i).getLabel();
            distribution.put(name, new Label(name, normed[i]));
        }
        return distribution;
    }

    /** The first label with the largest score, as Tribuo's node votes. */
    private static Label vote(Map<String, Label> distribution) {
        double maxScore = Double.NEGATIVE_INFINITY;
        Label maxLabel = null;
        for (Label label : distribution.values()) {
            if (label.getScore() > maxScore) {
                maxScore = label.getScore();
                maxLabel = label;
            }
        }
        return maxLabel;
    }

    @Override
    public Node<Label> convertTree() {
        return split ? createSplitNode() : leaf(getImpurity(), weightedLabelCounts);
    }
}
