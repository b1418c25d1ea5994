package dev.grove.tribuo;

import java.util.Optional;
import org.tribuo.Dataset;
import org.tribuo.classification.Label;
import org.tribuo.classification.dtree.CARTClassificationTrainer;
import org.tribuo.classification.dtree.impurity.GiniIndex;
import org.tribuo.classification.dtree.impurity.LabelImpurity;
import org.tribuo.common.tree.AbstractTrainingNode;

/**
 * Tribuo's CART classification trainer (Gini, greedy split points), unchanged but for the node it
 * grows: on the coded training data it uses {@link HistogramTrainingNode}, which picks the same
 * splits as Tribuo's node far faster; on anything else, Tribuo's own. Tribuo's training loop,
 * feature sampling, seeds, leaf rules and {@code TreeModel} are all Tribuo's, through its
 * protected {@code mkTrainingNode} extension point, so Tribuo itself is not forked.
 */
final class HistogramCartTrainer extends CARTClassificationTrainer {
    private final transient LabelImpurity gini;
    private final transient InputCodes codes;
    private final transient float minLeaf;
    /**
     * The bag of the last tree grown, whose arrays the next tree's bag takes over: Tribuo grows a
     * forest's trees one after another, and each slice has its own trainer on one worker.
     */
    private transient InputCodes.Bag lastBag;

    private HistogramCartTrainer(int maxDepth, int minLeaf, float fraction, long seed, LabelImpurity gini,
                                 InputCodes codes) {
        super(maxDepth, minChildWeight(minLeaf), 0f, fraction, false, gini, seed);
        this.gini = gini;
        this.codes = codes;
        this.minLeaf = minLeaf;
    }

    /**
     * @param maxDepth Tribuo's depth limit, which is scikit-learn's (1 = a stump)
     * @param minLeaf  the least (bootstrap) weight either side of a split keeps, as scikit-learn's
     *                 min_samples_leaf; the histogram node applies it to every candidate split
     * @param codes    the coded training data, or {@code null} to grow Tribuo's own nodes (which cannot
     *                 honour a min leaf above 1: the trainer refuses that combination first)
     */
    static HistogramCartTrainer of(int maxDepth, int minLeaf, float fraction, long seed, InputCodes codes) {
        return new HistogramCartTrainer(maxDepth, minLeaf, fraction, seed, new GiniIndex(), codes);
    }

    /**
     * Tribuo's {@code minChildWeight} is not a leaf minimum: it only stops a node lighter than it from
     * being split, and makes such a child a leaf. A node lighter than twice the min leaf cannot be
     * split into two valid sides, so that is the value that agrees with the min leaf (and at min leaf
     * 1 it changes nothing: a node of weight 1 is pure).
     */
    static float minChildWeight(int minLeaf) {
        return 2f * minLeaf;
    }

    @Override
    protected AbstractTrainingNode<Label> mkTrainingNode(Dataset<Label> examples,
                                                         AbstractTrainingNode.LeafDeterminer leafDeterminer) {
        if (codes != null) {
            var bag = codes.bagOf(examples, Optional.ofNullable(lastBag));
            if (bag.isPresent()) {
                lastBag = bag.get();
                return new HistogramTrainingNode(gini, bag.get(), leafDeterminer, minLeaf);
            }
        }
        return super.mkTrainingNode(examples, leafDeterminer);
    }
}
