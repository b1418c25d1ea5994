package dev.grove.tribuo;

import dev.grove.InvalidRequestException;
import dev.grove.data.Column;
import dev.grove.data.CategoricalColumn;
import dev.grove.data.Dataset;
import dev.grove.data.NumericColumn;
import dev.grove.train.CategoricalEncoding;
import dev.grove.train.TrainingParams;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The Grove parameters translated into what Tribuo's CART and random-forest trainers take, with
 * this module's extras parsed and checked.
 *
 * @param maxDepth          Tribuo's depth limit, which counts as scikit-learn's (1 = a stump); {@link Integer#MAX_VALUE} when unlimited
 * @param minLeaf           the least (bootstrap) weight either side of a split keeps, as scikit-learn's min_samples_leaf
 * @param maxBins           numeric features are quantised into at most this many bins; 0 keeps exact values
 * @param treesPerSubForest trees in each independently seeded sub-forest; fixes the model whatever the thread count
 * @param categorical       the shared {@value CategoricalEncoding#KEY}, if given (else {@code auto})
 */
record TribuoSettings(int nEstimators, long randomState, int maxDepth, int minLeaf, OptionalInt featuresPerSplit,
                      int threads, int maxBins, int treesPerSubForest, Optional<CategoricalEncoding> categorical) {

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
                p.minLeaf(), p.featuresPerSplit(), p.threads(), maxBins, chunk, CategoricalEncoding.asked(p));
    }

    /**
     * Refuses what Tribuo cannot honour on this training data, before a run is recorded: a chosen
     * number of features per split on data with categorical features (Tribuo splits on one-hot
     * inputs, one per level, so it cannot try exactly N features), more features per split than the
     * data has, and a min leaf above 1 where Tribuo's own nodes would grow the trees (an input with
     * more than {@value InputCodes#MAX_DISTINCT} distinct values, when binning is off or wider).
     */
    void check(Dataset train) {
        List<Column> columns = train.features().columns();
        if (featuresPerSplit.isPresent()) {
            CategoricalEncoding how = this.categorical.orElse(CategoricalEncoding.AUTO);
            List<String> categorical = columns.stream() // a column with ranked levels is one input
                    .filter(c -> c instanceof CategoricalColumn cat && !how.orders(cat.levelsPresent()))
                    .map(Column::name).toList();
            if (!categorical.isEmpty()) {
                throw new InvalidRequestException("the tribuo trainer cannot try exactly " + featuresPerSplit.getAsInt()
                        + " features per split: it splits on one input per level of the categorical feature(s) "
                        + String.join(", ", categorical) + "; leave features per split (mtry) unset, or use the smile "
                        + "trainer, which splits categorical features whole");
            }
            if (featuresPerSplit.getAsInt() > columns.size()) {
                throw new InvalidRequestException("features per split (mtry) is " + featuresPerSplit.getAsInt()
                        + " but the data has only " + columns.size() + " feature columns; use at most " + columns.size());
            }
        }
        if (minLeaf > 1 && (maxBins == 0 || maxBins > InputCodes.MAX_DISTINCT)) {
            for (Column c : columns) {
                if (c instanceof NumericColumn n && distinctAbove(n, InputCodes.MAX_DISTINCT)) {
                    throw new InvalidRequestException("the tribuo trainer honours a min leaf above 1 with binned features "
                            + "only, and feature '" + c.name() + "' has more than " + InputCodes.MAX_DISTINCT
                            + " distinct values with " + MAX_BINS + "=" + maxBins + "; set " + MAX_BINS + " to at most "
                            + InputCodes.MAX_DISTINCT + " (default " + DEFAULT_MAX_BINS + ") or min leaf to 1");
                }
            }
        }
    }


    private static boolean distinctAbove(NumericColumn c, int limit) {
        java.util.Set<Double> seen = new java.util.HashSet<>();
        for (int i = 0; i < c.size(); i++) {
            if (!c.isMissing(i) && seen.add(c.get(i)) && seen.size() > limit) {
                return true;
            }
        }
        return false;
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
        m.put("library_params", libraryParams(inputs));
        return m;
    }

    /** What Tribuo's trainers receive, under Tribuo's names: what the library was given. */
    Map<String, Object> libraryParams(int inputs) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("numMembers", nEstimators);
        m.put("maxDepth", maxDepth);
        m.put("minChildWeight", (double) HistogramCartTrainer.minChildWeight(minLeaf));
        m.put("minLeafWeight", minLeaf);
        m.put("fractionFeaturesInSplit", Double.parseDouble(Float.toString(fraction(mtry(inputs), inputs))));
        m.put("useRandomSplitPoints", false);
        m.put("impurity", "GiniIndex");
        return m;
    }
}
