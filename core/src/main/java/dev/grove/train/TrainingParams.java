package dev.grove.train;

import dev.grove.InvalidRequestException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeMap;

/**
 * Hyperparameters of a forest, validated when built. The same values (and data) must give the
 * same model whatever {@code threads} is.
 *
 * @param nEstimators      trees in the forest (≥ 1; 200 as in the original feature)
 * @param randomState      seed of every random choice
 * @param maxDepth         deepest tree level; empty for unlimited
 * @param minLeaf          fewest training rows in a leaf (≥ 1)
 * @param featuresPerSplit features tried at each split (mtry); empty for the trainer's default (⌊√p⌋)
 * @param threads          worker threads (≥ 1)
 * @param extras           trainer-specific settings by name; a trainer refuses the ones it does not know.
 *                         {@value CategoricalEncoding#KEY} is shared: it means the same on every trainer
 *                         (see {@link CategoricalEncoding}) and every trainer accepts it
 */
public record TrainingParams(int nEstimators, long randomState, OptionalInt maxDepth, int minLeaf,
                             OptionalInt featuresPerSplit, int threads, Map<String, String> extras) {

    public static final int DEFAULT_N_ESTIMATORS = 200;
    public static final long DEFAULT_RANDOM_STATE = 42;

    public TrainingParams {
        if (nEstimators < 1) {
            throw new InvalidRequestException("n-estimators must be at least 1, got " + nEstimators);
        }
        if (maxDepth.isPresent() && maxDepth.getAsInt() < 1) {
            throw new InvalidRequestException("max depth must be at least 1 (or unset for unlimited), got "
                    + maxDepth.getAsInt());
        }
        if (minLeaf < 1) {
            throw new InvalidRequestException("min leaf size must be at least 1, got " + minLeaf);
        }
        if (featuresPerSplit.isPresent() && featuresPerSplit.getAsInt() < 1) {
            throw new InvalidRequestException("features per split (mtry) must be at least 1, got "
                    + featuresPerSplit.getAsInt());
        }
        if (threads < 1) {
            throw new InvalidRequestException("threads must be at least 1, got " + threads);
        }
        extras = Collections.unmodifiableMap(new TreeMap<>(extras));
    }

    /**
     * Features tried per split on data with {@code features} feature columns: the value given, else
     * scikit-learn's {@code sqrt} (⌊√features⌋, at least 1). Refuses data with no feature column and
     * a value above the number of features.
     */
    public int featuresPerSplitFor(int features) {
        if (features < 1) {
            throw new InvalidRequestException("the training data has no feature columns; a forest needs at least one");
        }
        int mtry = featuresPerSplit.orElse(Math.max(1, (int) Math.floor(Math.sqrt(features))));
        if (mtry > features) {
            throw new InvalidRequestException("features per split (mtry) is " + mtry + " but the data has only "
                    + features + " feature columns; use at most " + features);
        }
        return mtry;
    }

    /** 200 trees, seed 42, unlimited depth, leaves of 1, ⌊√p⌋ features, every core. */
    public static TrainingParams defaults() {
        return new TrainingParams(DEFAULT_N_ESTIMATORS, DEFAULT_RANDOM_STATE, OptionalInt.empty(), 1,
                OptionalInt.empty(), Runtime.getRuntime().availableProcessors(), Map.of());
    }

    public TrainingParams withNEstimators(int n) {
        return new TrainingParams(n, randomState, maxDepth, minLeaf, featuresPerSplit, threads, extras);
    }

    public TrainingParams withRandomState(long seed) {
        return new TrainingParams(nEstimators, seed, maxDepth, minLeaf, featuresPerSplit, threads, extras);
    }

    public TrainingParams withMaxDepth(int depth) {
        return new TrainingParams(nEstimators, randomState, OptionalInt.of(depth), minLeaf, featuresPerSplit, threads, extras);
    }

    public TrainingParams withMinLeaf(int n) {
        return new TrainingParams(nEstimators, randomState, maxDepth, n, featuresPerSplit, threads, extras);
    }

    public TrainingParams withFeaturesPerSplit(int mtry) {
        return new TrainingParams(nEstimators, randomState, maxDepth, minLeaf, OptionalInt.of(mtry), threads, extras);
    }

    public TrainingParams withThreads(int n) {
        return new TrainingParams(nEstimators, randomState, maxDepth, minLeaf, featuresPerSplit, n, extras);
    }

    public TrainingParams withExtra(String key, String value) {
        Map<String, String> m = new TreeMap<>(extras);
        m.put(key, value);
        return new TrainingParams(nEstimators, randomState, maxDepth, minLeaf, featuresPerSplit, threads, m);
    }

    public TrainingParams withExtras(Map<String, String> more) {
        Map<String, String> m = new TreeMap<>(extras);
        m.putAll(more);
        return new TrainingParams(nEstimators, randomState, maxDepth, minLeaf, featuresPerSplit, threads, m);
    }

    /**
     * Refuses extras outside {@code accepted}, naming the unknown ones and those the trainer takes;
     * every trainer's {@link Trainer#validate} starts here.
     */
    public void requireKnownExtras(String trainer, java.util.Collection<String> accepted) {
        CategoricalEncoding.of(this); // refuses a value it does not know
        java.util.Set<String> unknown = new java.util.TreeSet<>(extras.keySet());
        unknown.removeAll(accepted);
        unknown.remove(CategoricalEncoding.KEY);
        if (!unknown.isEmpty()) {
            throw new InvalidRequestException("the " + trainer + " trainer does not know the extra parameter(s) "
                    + String.join(", ", unknown) + "; it accepts: " + String.join(", ", new java.util.TreeSet<>(accepted))
                    + " and the shared " + CategoricalEncoding.KEY);
        }
    }

    /** Params back from {@link #toMap()} (a run record's {@code params}): every other key is an extra. */
    public static TrainingParams fromMap(Map<String, ?> m) {
        TrainingParams p = defaults();
        Map<String, String> extras = new TreeMap<>();
        for (Map.Entry<String, ?> e : m.entrySet()) {
            String v = String.valueOf(e.getValue());
            switch (e.getKey()) {
                case "n_estimators" -> p = p.withNEstimators(whole(e.getKey(), v));
                case "random_state" -> p = p.withRandomState(Long.parseLong(v));
                case "max_depth" -> p = p.withMaxDepth(whole(e.getKey(), v));
                case "min_leaf" -> p = p.withMinLeaf(whole(e.getKey(), v));
                case "features_per_split" -> p = p.withFeaturesPerSplit(whole(e.getKey(), v));
                case "threads" -> p = p.withThreads(whole(e.getKey(), v));
                default -> extras.put(e.getKey(), v);
            }
        }
        return p.withExtras(extras);
    }

    private static int whole(String key, String v) {
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new InvalidRequestException(key + " must be a whole number, got '" + v + "'");
        }
    }

    /** The parameters as a flat, ordered map, e.g. for a run record; unset values are left out. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("n_estimators", nEstimators);
        m.put("random_state", randomState);
        maxDepth.ifPresent(d -> m.put("max_depth", d));
        m.put("min_leaf", minLeaf);
        featuresPerSplit.ifPresent(f -> m.put("features_per_split", f));
        m.put("threads", threads);
        m.putAll(extras);
        return m;
    }
}
