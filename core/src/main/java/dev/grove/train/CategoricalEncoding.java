package dev.grove.train;

import dev.grove.InvalidRequestException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * How a categorical column becomes model input: the shared option {@value #KEY}
 * ({@code grove train --categorical-encoding}, {@code -P categorical_encoding=...}), the same on
 * every trainer that uses core's {@link FeatureEncoding}.
 * <ul>
 *   <li>{@link #LEVELS}: one input holding the level's code; each trainer splits it its own way
 *       (smile: one level against the rest; tribuo: one 0/1 input per level).</li>
 *   <li>{@link #ORDERED}: levels ranked by their class distribution on the training rows (see
 *       {@link LevelOrder}); the rank is one ordinary ordered input, which every trainer splits like
 *       a number. Breiman's CART and ranger's {@code respect.unordered.factors="order"}.</li>
 *   <li>{@link #AUTO} (the default): {@code ORDERED} for columns with more than
 *       {@value #AUTO_THRESHOLD} training levels, {@code LEVELS} for the others.</li>
 * </ul>
 * Why {@value #AUTO_THRESHOLD}: with few levels one-level-against-the-rest and one-hot splits are
 * cheap and lose little (and every model of the bundled and test sets, whose categorical columns
 * have at most a handful of levels, keeps its bytes); with many levels they isolate slivers of rows
 * (smile) or widen the input by a column per level (tribuo: 87 s on 5,000 levels), while ranking
 * needs one input. 32 is also Spark MLlib's default number of bins, the usual bound on levels a
 * forest library treats as unordered.
 */
public enum CategoricalEncoding {
    LEVELS, ORDERED, AUTO;

    /** The option's name among the params. */
    public static final String KEY = "categorical_encoding";
    /** Most training levels a column may have and still keep unordered levels under {@link #AUTO}. */
    public static final int AUTO_THRESHOLD = 32;

    /** The value of {@link #KEY} in {@code params}' extras; {@link #AUTO} when absent. */
    public static CategoricalEncoding of(TrainingParams params) {
        return asked(params).orElse(AUTO);
    }

    /** The value of {@link #KEY} in {@code params}' extras, if given. */
    public static Optional<CategoricalEncoding> asked(TrainingParams params) {
        String v = params.extras().get(KEY);
        return v == null ? Optional.empty() : Optional.of(parse(v));
    }

    /** {@code levels}, {@code ordered} or {@code auto} (any case); {@link #AUTO} for {@code null}. */
    public static CategoricalEncoding parse(String value) {
        if (value == null) {
            return AUTO;
        }
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException(KEY + " must be one of " + String.join(", ", names()) + ", got '"
                    + value + "'");
        }
    }

    /** Whether a column with {@code levels} training levels gets ranked levels. */
    public boolean orders(int levels) {
        return this == ORDERED || this == AUTO && levels > AUTO_THRESHOLD;
    }

    /** The option's value as written: {@code levels}, {@code ordered}, {@code auto}. */
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    static String[] names() {
        return Arrays.stream(values()).map(CategoricalEncoding::value).toArray(String[]::new);
    }

    /**
     * Records the encoding a fit used in a model's params: the value asked for, or {@code auto}
     * when nothing was asked and it ranked a column. Left out when nothing was asked and no column
     * was ranked, so models that do not use it keep the bytes they had before it existed.
     */
    public static void record(Map<String, Object> modelParams, Optional<CategoricalEncoding> asked,
                              FeatureEncoding used) {
        if (asked.isPresent()) {
            modelParams.put(KEY, asked.get().value());
        } else if (used.features().stream().anyMatch(FeatureSpec::ordered)) {
            modelParams.put(KEY, AUTO.value());
        }
    }
}
