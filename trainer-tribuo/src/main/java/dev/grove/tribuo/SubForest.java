package dev.grove.tribuo;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * One independently seeded slice of the forest. The slices and their seeds depend only on the
 * number of trees, the slice size and the random state — never on the thread count — so any
 * number of workers builds the very same forest.
 *
 * @param index    position in the forest (members are combined in this order)
 * @param trees    trees in this slice
 * @param treeSeed seed of the CART trainer (feature sampling)
 * @param bagSeed  seed of the bootstrap samples
 */
record SubForest(int index, int trees, long treeSeed, long bagSeed) {

    /** The slices of a forest of {@code nEstimators} trees, {@code chunk} trees each (the last may be smaller). */
    static List<SubForest> plan(int nEstimators, int chunk, long randomState) {
        SplittableRandom seeds = new SplittableRandom(randomState);
        List<SubForest> out = new ArrayList<>();
        for (int start = 0, i = 0; start < nEstimators; start += chunk, i++) {
            out.add(new SubForest(i, Math.min(chunk, nEstimators - start), seeds.nextLong(), seeds.nextLong()));
        }
        return out;
    }
}
