package dev.grove.spark;

import dev.grove.InvalidRequestException;
import dev.grove.train.CategoricalEncoding;
import dev.grove.train.TrainingParams;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Grove's params (scikit-learn's meaning) as Spark MLlib's {@code RandomForestClassifier} settings,
 * resolved and checked without Spark on the class path.
 *
 * @param trees       {@code n_estimators} → {@code numTrees}
 * @param seed        {@code random_state} → {@code seed} (also seeds the split)
 * @param maxDepth    {@code max_depth} → {@code maxDepth}; both count splits from the root (1 = a stump);
 *                    Spark grows at most {@value #SPARK_MAX_DEPTH}, so unset means {@value #SPARK_MAX_DEPTH}
 * @param minLeaf     {@code min_leaf} → {@code minInstancesPerNode}: the fewest training rows either child keeps
 * @param mtry        features per split → {@code featureSubsetStrategy} as a count; unset ⌊√features⌋
 *                    (scikit-learn's {@code sqrt}; Spark's own {@code sqrt} rounds up)
 * @param partitions  train rows are hash-partitioned into this many partitions before the fit
 * @param maxBins     {@code maxBins}; raised to the most levels of a categorical feature when unset
 * @param bootstrap   {@code bootstrap}
 * @param criterion   {@code impurity}: gini or entropy
 * @param threads     accepted for symmetry with the other trainers; Spark's parallelism is the cluster's,
 *                    and it never changes the model
 */
record SparkSettings(int trees, long seed, int maxDepth, int minLeaf, int mtry, int partitions, int maxBins,
                     boolean bootstrap, String criterion, int threads) {

    /** Spark MLlib refuses deeper trees. */
    static final int SPARK_MAX_DEPTH = 30;
    static final int DEFAULT_PARTITIONS = 4;
    static final int DEFAULT_MAX_BINS = 32;

    static final String PARTITIONS = "partitions";
    static final String MAX_BINS = "max_bins";
    static final String BOOTSTRAP = "bootstrap";
    static final String CRITERION = "criterion";
    /** The extras this trainer understands. */
    static final Set<String> EXTRAS = new TreeSet<>(List.of(PARTITIONS, MAX_BINS, BOOTSTRAP, CRITERION));
    /** Other trainers' extras that Spark's forest has no way to honour: refused with a reason. */
    private static final Map<String, String> UNSUPPORTED = Map.of(
            "class_weight", "Spark's RandomForestClassifier has no class weights",
            "max_nodes", "Spark cannot bound the number of leaves; bound the depth with max_depth instead",
            "max_leaf_nodes", "Spark cannot bound the number of leaves; bound the depth with max_depth instead",
            "min_samples_split", "Spark bounds the rows per child (min_leaf), not per node split",
            "split_rule", "use criterion=gini|entropy",
            "subsample", "use bootstrap=true|false (Spark's subsampling rate stays 1.0)",
            "trees_per_sub_forest", "it is a Tribuo setting");

    /** Refuses what Spark cannot honour, before any data is read. */
    static void check(TrainingParams params) {
        for (String key : params.extras().keySet()) {
            String why = UNSUPPORTED.get(key);
            if (why != null) {
                throw new InvalidRequestException("the spark trainer cannot honour the extra parameter " + key + " ("
                        + why + "); it accepts: " + String.join(", ", EXTRAS));
            }
        }
        params.requireKnownExtras(SparkTrainer.NAME, EXTRAS);
        if (CategoricalEncoding.of(params) == CategoricalEncoding.ORDERED) {
            // Spark encodes the table where it lives (SparkEncoding), with unordered levels only
            throw new InvalidRequestException("the spark trainer cannot honour " + CategoricalEncoding.KEY
                    + "=ordered: it keeps each categorical column's levels and lets Spark MLlib split them (for a "
                    + "binary label Spark itself orders the levels by their label mean at each split); use "
                    + CategoricalEncoding.KEY + "=levels or auto, or the smile or tribuo trainer");
        }
        if (params.maxDepth().isPresent() && params.maxDepth().getAsInt() > SPARK_MAX_DEPTH) {
            throw new InvalidRequestException("max depth " + params.maxDepth().getAsInt() + " is deeper than Spark MLlib "
                    + "grows trees; use at most " + SPARK_MAX_DEPTH + " (unset means " + SPARK_MAX_DEPTH + ")");
        }
        Map<String, String> x = params.extras();
        if (x.containsKey(PARTITIONS)) {
            parseInt(PARTITIONS, x.get(PARTITIONS), 1, 100_000);
        }
        if (x.containsKey(MAX_BINS)) {
            parseInt(MAX_BINS, x.get(MAX_BINS), 2, 1 << 16);
        }
        if (x.containsKey(BOOTSTRAP)) {
            parseBoolean(x.get(BOOTSTRAP));
        }
        if (x.containsKey(CRITERION)) {
            parseCriterion(x.get(CRITERION));
        }
    }

    /**
     * Resolves the defaults once the data's shape is known.
     *
     * @param features       feature columns
     * @param mostCategories the most levels any categorical feature has in the training rows (0 if none)
     */
    static SparkSettings resolve(TrainingParams params, int features, int mostCategories) {
        check(params);
        int mtry = params.featuresPerSplitFor(features);
        Map<String, String> x = params.extras();
        int maxBins;
        if (x.containsKey(MAX_BINS)) {
            maxBins = parseInt(MAX_BINS, x.get(MAX_BINS), 2, 1 << 16);
            if (maxBins < mostCategories) {
                throw new InvalidRequestException("extra " + MAX_BINS + "=" + maxBins + " is below the " + mostCategories
                        + " levels of a categorical feature, and Spark needs a bin per level; use " + MAX_BINS + "="
                        + mostCategories + " or more");
            }
        } else {
            maxBins = Math.max(DEFAULT_MAX_BINS, mostCategories);
        }
        return new SparkSettings(params.nEstimators(), params.randomState(),
                params.maxDepth().orElse(SPARK_MAX_DEPTH), params.minLeaf(), mtry,
                x.containsKey(PARTITIONS) ? parseInt(PARTITIONS, x.get(PARTITIONS), 1, 100_000) : DEFAULT_PARTITIONS,
                maxBins, !x.containsKey(BOOTSTRAP) || parseBoolean(x.get(BOOTSTRAP)),
                x.containsKey(CRITERION) ? parseCriterion(x.get(CRITERION)) : "gini", params.threads());
    }

    /** The partition count before the data is read (the split does not depend on it). */
    static int partitions(TrainingParams params) {
        String p = params.extras().get(PARTITIONS);
        return p == null ? DEFAULT_PARTITIONS : parseInt(PARTITIONS, p, 1, 100_000);
    }

    /** Every setting under Grove's names, plus what Spark received ({@code library_params}); reproduce reads these back. */
    Map<String, Object> toParams() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("n_estimators", trees);
        m.put("random_state", seed);
        m.put("max_depth", maxDepth);
        m.put("min_leaf", minLeaf);
        m.put("features_per_split", mtry);
        m.put("threads", threads);
        m.put(PARTITIONS, partitions);
        m.put(MAX_BINS, maxBins);
        m.put(BOOTSTRAP, bootstrap);
        m.put(CRITERION, criterion);
        return m;
    }

    /** {@link #toParams()} with the library's own names for the record. */
    Map<String, Object> toRecordedParams() {
        Map<String, Object> m = toParams();
        m.put("library_params", libraryParams());
        return m;
    }

    /** The setters {@code RandomForestClassifier} receives, under Spark's names. */
    Map<String, Object> libraryParams() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("numTrees", trees);
        m.put("seed", seed);
        m.put("maxDepth", maxDepth);
        m.put("minInstancesPerNode", minLeaf);
        m.put("featureSubsetStrategy", String.valueOf(mtry));
        m.put("maxBins", maxBins);
        m.put("bootstrap", bootstrap);
        m.put("impurity", criterion);
        m.put("subsamplingRate", 1.0);
        return m;
    }

    /** These settings as params, e.g. for the resolved {@link dev.grove.train.PreparedSource#params()}. */
    TrainingParams toTrainingParams() {
        TrainingParams p = TrainingParams.defaults().withNEstimators(trees).withRandomState(seed).withMaxDepth(maxDepth)
                .withMinLeaf(minLeaf).withFeaturesPerSplit(mtry).withThreads(threads);
        return p.withExtras(Map.of(PARTITIONS, String.valueOf(partitions), MAX_BINS, String.valueOf(maxBins),
                BOOTSTRAP, String.valueOf(bootstrap), CRITERION, criterion));
    }

    private static int parseInt(String key, String value, int min, int max) {
        try {
            int v = Integer.parseInt(value.trim());
            if (v >= min && v <= max) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new InvalidRequestException("extra " + key + "=" + value + " must be a whole number from " + min + " to " + max);
    }

    private static boolean parseBoolean(String value) {
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new InvalidRequestException("extra " + BOOTSTRAP + "=" + value + " must be true or false");
        };
    }

    private static String parseCriterion(String value) {
        String c = value.trim().toLowerCase(Locale.ROOT);
        if (!c.equals("gini") && !c.equals("entropy")) {
            throw new InvalidRequestException("extra " + CRITERION + "=" + value + " is not a split criterion Spark has; "
                    + "use gini or entropy");
        }
        return c;
    }
}
