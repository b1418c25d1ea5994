package dev.grove.tribuo;

import dev.grove.InvalidRequestException;
import dev.grove.train.TrainingParams;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * The Grove parameters translated into what Tribuo's CART and random-forest trainers take, with
 * this module's extras parsed and checked.
 *
 * @param maxDepth          Tribuo's depth limit; {@link Integer#MAX_VALUE} when unlimited
 * @param maxBins           numeric features are quantised into at most this many bins; 0 keeps exact values
 * @param treesPerSubForest trees in each independently seeded sub-forest; fixes the model whatever the thread count
 */
record TribuoSettings(int nEstimators, long randomState, int maxDepth, int minLeaf, OptionalInt featuresPerSplit,
                      int threads, int maxBins, int treesPerSubForest) {

    static final String MAX_BINS = "max-bins";
    static final String TREES_PER_SUB_FOREST = "trees-per-subforest";
    static final List<String> EXTRAS = List.of(MAX_BINS, TREES_PER_SUB_FOREST);

    static final int DEFAULT_MAX_BINS = 255;
    static final int DEFAULT_TREES_PER_SUB_FOREST = 10;

    static TribuoSettings from(TrainingParams p) {
        p.requireKnownExtras(TribuoTrainer.NAME, EXTRAS);
        int maxBins = intExtra(p, MAX_BINS, DEFAULT_MAX_BINS);
        if (maxBins == 1 || maxBins < 0) {
            throw new InvalidRequestException(MAX_BINS + " must be 0 (exact values) or at least 2, got " + maxBins);
        }
        int chunk = intExtra(p, TREES_PER_SUB_FOREST, DEFAULT_TREES_PER_SUB_FOREST);
        if (chunk < 1) {
            throw new InvalidRequestException(TREES_PER_SUB_FOREST + " must be at least 1, got " + chunk);
        }
        return new TribuoSettings(p.nEstimators(), p.randomState(), p.maxDepth().orElse(Integer.MAX_VALUE),
                p.minLeaf(), p.featuresPerSplit(), p.threads(), maxBins, chunk);
    }

    private static int intExtra(TrainingParams p, String key, int dflt) {
        String v = p.extras().get(key);
        if (v == null) {
            return dflt;
        }
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new InvalidRequestException(key + " must be a whole number, got '" + v + "'");
        }
    }

    /**
     * The number of inputs tried at each split, out of the {@code inputs} Tribuo sees (one per
     * numeric feature, one per categorical level): the requested mtry, else ⌊√inputs⌋.
     */
    int mtry(int inputs) {
        int m = featuresPerSplit.orElse(Math.max(1, (int) Math.floor(Math.sqrt(inputs))));
        if (m > inputs) {
            throw new InvalidRequestException("features per split (" + m + ") exceeds the " + inputs + " model inputs "
                    + "(one per numeric feature, one per categorical level); choose at most " + inputs);
        }
        return m;
    }

    /**
     * Tribuo's {@code fractionFeaturesInSplit}: it tries {@code round(fraction * inputs)} inputs and its
     * random forest refuses 1.0, so "all inputs" is the largest float below 1 (which still rounds to all).
     */
    static float fraction(int mtry, int inputs) {
        return mtry >= inputs ? Math.nextDown(1f) : (float) mtry / inputs;
    }

    /** Everything the fit used, for the run record. */
    Map<String, Object> toMap(int inputs, int subForests) {
        int mtry = mtry(inputs);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("n_estimators", nEstimators);
        m.put("random_state", randomState);
        m.put("max_depth", maxDepth);
        m.put("min_leaf", minLeaf);
        m.put("features_per_split", mtry);
        m.put("fraction_features_in_split", Double.parseDouble(Float.toString(fraction(mtry, inputs))));
        m.put("model_inputs", inputs);
        m.put("threads", threads);
        m.put(MAX_BINS, maxBins);
        m.put(TREES_PER_SUB_FOREST, treesPerSubForest);
        m.put("sub_forests", subForests);
        m.put("impurity", "gini");
        m.put("combiner", "voting");
        m.put("bootstrap", true);
        return m;
    }
}
