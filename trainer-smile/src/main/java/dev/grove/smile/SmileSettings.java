package dev.grove.smile;

import dev.grove.InvalidRequestException;
import dev.grove.train.TrainingParams;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import smile.base.cart.SplitRule;

/**
 * The arguments of one {@code RandomForest.fit} call, resolved from Grove's params and the
 * Smile-specific extras, with every default filled in.
 *
 * @param maxDepth    Smile's depth limit, which counts the root as depth 1: Grove's (scikit-learn's) max depth
 *                    plus one; {@link Integer#MAX_VALUE} when unlimited
 * @param nodeSize    Smile's node size: the fewest (bootstrap-weighted) rows in a leaf
 * @param mtry        features tried per split
 * @param maxNodes    most leaves per tree; by default ⌊rows / node size⌋, which never binds
 * @param subsample   1.0 = bootstrap (with replacement); below 1 = that fraction without replacement
 * @param classWeight per class (in the dataset's class order), Smile's integer down-sampling divisor
 * @param maxBins     0: Smile's exact split search; else numeric features quantised into at most this many
 *                    bins on the training rows and splits found by counting bins (a deviation, see the README)
 */
record SmileSettings(int trees, long randomState, int maxDepth, int nodeSize, int mtry, int maxNodes,
                     SplitRule splitRule, double subsample, int[] classWeight, int threads, int maxBins) {

    static final String SPLIT_RULE = "split_rule";
    static final String SUBSAMPLE = "subsample";
    static final String CLASS_WEIGHT = "class_weight";
    static final String MAX_NODES = "max_nodes";
    /** The tribuo trainer's key, with the same meaning (core's {@code NumericBins}). */
    static final String MAX_BINS = "max-bins";
    /** The extras this trainer understands. */
    static final Set<String> EXTRAS = new TreeSet<>(List.of(SPLIT_RULE, SUBSAMPLE, CLASS_WEIGHT, MAX_NODES, MAX_BINS));
    /**
     * From this many training rows on, {@code max-bins} defaults to {@value #DEFAULT_MAX_BINS}: the exact search
     * re-partitions every feature's sorted rows at every split and reads them scattered over memory; on
     * synth_100k (80,000 training rows) the binned fit takes less than half the CPU time at 0.05 points less
     * accuracy (bench/README.md). Below it fits take seconds, and the default stays Smile's exact search, the
     * forests Smile itself grows (and every model file the tests pin).
     */
    static final int BINNED_FROM_ROWS = 50_000;
    static final int DEFAULT_MAX_BINS = 255;
    /** Bin codes are 16-bit. */
    static final int MOST_BINS = 65_536;

    /** Refuses unknown extras and malformed values that do not depend on the data, before any training. */
    static void check(TrainingParams params) {
        params.requireKnownExtras(SmileTrainer.NAME, EXTRAS);
        Map<String, String> extras = params.extras();
        if (extras.containsKey(MAX_NODES)) {
            parseInt(MAX_NODES, extras.get(MAX_NODES), 2, "an integer of at least 2");
        }
        if (extras.containsKey(SUBSAMPLE)) {
            parseSubsample(extras.get(SUBSAMPLE));
        }
        if (extras.containsKey(SPLIT_RULE)) {
            parseRule(extras.get(SPLIT_RULE));
        }
        if (extras.containsKey(CLASS_WEIGHT)) {
            parseWeights(extras.get(CLASS_WEIGHT), null);
        }
        if (extras.containsKey(MAX_BINS)) {
            parseMaxBins(extras.get(MAX_BINS));
        }
    }

    private static int parseMaxBins(String value) {
        int v = parseInt(MAX_BINS, value, 0, "0 (Smile's exact split search) or a number of bins from 2 to " + MOST_BINS);
        if (v == 1 || v > MOST_BINS) {
            throw new InvalidRequestException("extra " + MAX_BINS + "=" + value + " must be 0 (Smile's exact split "
                    + "search) or a number of bins from 2 to " + MOST_BINS);
        }
        return v;
    }

    static SmileSettings resolve(TrainingParams params, int features, int rows, List<String> classes) {
        check(params);
        int mtry = params.featuresPerSplitFor(features);
        Map<String, String> extras = params.extras();
        int maxNodes = extras.containsKey(MAX_NODES)
                ? parseInt(MAX_NODES, extras.get(MAX_NODES), 2, "an integer of at least 2")
                : Math.max(2, rows / params.minLeaf());
        double subsample = extras.containsKey(SUBSAMPLE) ? parseSubsample(extras.get(SUBSAMPLE)) : 1.0;
        SplitRule rule = extras.containsKey(SPLIT_RULE) ? parseRule(extras.get(SPLIT_RULE)) : SplitRule.GINI;
        int[] weights = extras.containsKey(CLASS_WEIGHT) ? parseWeights(extras.get(CLASS_WEIGHT), classes)
                : ones(classes.size());
        // scikit-learn's max_depth counts splits from the root (1 = a stump); Smile counts levels (1 = a single leaf)
        int smileDepth = params.maxDepth().isPresent() ? params.maxDepth().getAsInt() + 1 : Integer.MAX_VALUE;
        int maxBins = extras.containsKey(MAX_BINS) ? parseMaxBins(extras.get(MAX_BINS))
                : rows >= BINNED_FROM_ROWS ? DEFAULT_MAX_BINS : 0;
        return new SmileSettings(params.nEstimators(), params.randomState(), smileDepth, params.minLeaf(), mtry, maxNodes,
                rule, subsample, weights, params.threads(), maxBins);
    }

    /** Every setting the fit used, under Grove's param names (plus Smile's extras), in a stable order. */
    Map<String, Object> toParams() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("n_estimators", trees);
        m.put("random_state", randomState);
        m.put("max_depth", maxDepth == Integer.MAX_VALUE ? maxDepth : maxDepth - 1);
        m.put("min_leaf", nodeSize);
        m.put("features_per_split", mtry);
        m.put(MAX_NODES, maxNodes);
        m.put(SPLIT_RULE, splitRule.name());
        m.put(SUBSAMPLE, subsample);
        m.put("bootstrap", subsample == 1.0);
        m.put("threads", threads);
        if (maxBins > 0) {
            m.put(MAX_BINS, maxBins); // absent: Smile's exact search, as in every model before the option (same bytes)
        }
        return m;
    }

    /** {@link #toParams()} plus the class weights, which need the class names. */
    Map<String, Object> toParams(List<String> classes) {
        Map<String, Object> m = toParams();
        StringBuilder w = new StringBuilder();
        for (int i = 0; i < classes.size(); i++) {
            w.append(i == 0 ? "" : ",").append(classes.get(i)).append(':').append(classWeight[i]);
        }
        m.put(CLASS_WEIGHT, w.toString());
        m.put("library_params", libraryParams());
        return m;
    }

    /** The arguments Smile's {@code RandomForest.fit} receives, under Smile's names: what the library was given. */
    Map<String, Object> libraryParams() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ntrees", trees);
        m.put("mtry", mtry);
        m.put("splitRule", splitRule.name());
        m.put("maxDepth", maxDepth);
        m.put("maxNodes", maxNodes);
        m.put("nodeSize", nodeSize);
        m.put("subsample", subsample);
        m.put("classWeight", Arrays.stream(classWeight).boxed().toList());
        return m;
    }

    private static int parseInt(String key, String value, int min, String expected) {
        try {
            int v = Integer.parseInt(value.trim());
            if (v >= min) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new InvalidRequestException("extra " + key + "=" + value + " must be " + expected);
    }

    private static double parseSubsample(String value) {
        try {
            double v = Double.parseDouble(value.trim());
            if (v > 0 && v <= 1) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new InvalidRequestException("extra " + SUBSAMPLE + "=" + value + " must be a number in (0, 1]: 1 grows "
                + "each tree on a bootstrap sample, a smaller value on that fraction of the rows drawn without replacement");
    }

    private static SplitRule parseRule(String value) {
        try {
            return SplitRule.valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("extra " + SPLIT_RULE + "=" + value + " is not a split rule; use one of "
                    + Arrays.toString(SplitRule.values()));
        }
    }

    /**
     * "LOW:2,HIGH:1": classes not named keep weight 1. With {@code classes} null only the form and the
     * weights are checked (before the data is read); with the classes, the names too.
     */
    private static int[] parseWeights(String value, List<String> classes) {
        int[] w = classes == null ? null : ones(classes.size());
        Set<String> seen = new java.util.HashSet<>();
        for (String part : value.split(",", -1)) {
            int colon = part.lastIndexOf(':');
            if (part.isBlank() || colon <= 0) {
                throw new InvalidRequestException("extra " + CLASS_WEIGHT + "=" + value + " must look like "
                        + "CLASS:WEIGHT,CLASS:WEIGHT with integer weights of at least 1 (e.g. LOW:1,HIGH:3)");
            }
            String name = part.substring(0, colon).trim();
            String text = part.substring(colon + 1).trim();
            int weight = text.matches("\\d{1,9}") ? Integer.parseInt(text) : 0;
            if (weight < 1) {
                throw new InvalidRequestException("extra " + CLASS_WEIGHT + "=" + value + ": the weight of '" + name
                        + "' is '" + text + "', but weights are whole numbers of at least 1 (Smile down-samples a "
                        + "class by its weight)");
            }
            if (!seen.add(name)) {
                throw new InvalidRequestException("extra " + CLASS_WEIGHT + "=" + value + " names class '" + name
                        + "' twice; give each class once");
            }
            if (classes != null) {
                int i = classes.indexOf(name);
                if (i < 0) {
                    throw new InvalidRequestException("extra " + CLASS_WEIGHT + " names class '" + name
                            + "', which is not in the data; the classes are " + String.join(", ", classes));
                }
                w[i] = weight;
            }
        }
        return w;
    }

    private static int[] ones(int n) {
        int[] w = new int[n];
        Arrays.fill(w, 1);
        return w;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SmileSettings s && toParams().equals(s.toParams()) && Arrays.equals(classWeight, s.classWeight);
    }

    @Override
    public int hashCode() {
        return toParams().hashCode() * 31 + Arrays.hashCode(classWeight);
    }

    @Override
    public String toString() {
        return "SmileSettings" + toParams() + " class_weight=" + Arrays.toString(classWeight);
    }
}
