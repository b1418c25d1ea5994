package dev.grove.tribuo;

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

    private HistogramCartTrainer(int maxDepth, float minChildWeight, float fraction, long seed, LabelImpurity gini,
                                 InputCodes codes) {
        super(maxDepth, minChildWeight, 0f, fraction, false, gini, seed);
        this.gini = gini;
        this.codes = codes;
    }

    /**
     * @param codes the coded training data, or {@code null} to grow Tribuo's own nodes
     */
    static HistogramCartTrainer of(int maxDepth, float minChildWeight, float fraction, long seed, InputCodes codes) {
        return new HistogramCartTrainer(maxDepth, minChildWeight, fraction, seed, new GiniIndex(), codes);
    }

    @Override
    protected AbstractTrainingNode<Label> mkTrainingNode(Dataset<Label> examples,
                                                         AbstractTrainingNode.LeafDeterminer leafDeterminer) {
        if (codes != null) {
            var bag = codes.bagOf(examples);
            if (bag.isPresent()) {
                return new HistogramTrainingNode(gini, bag.get(), leafDeterminer);
            }
        }
        return super.mkTrainingNode(examples, leafDeterminer);
    }
}
