package dev.grove.train;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.grove.data.ColumnType;
import java.util.List;
import java.util.Objects;

/**
 * One model input and how a raw cell becomes a number for it.
 *
 * @param name    column name in the data
 * @param type    numeric or categorical (how the column is read)
 * @param levels  categorical: the training levels; a level's model value is its index here
 * @param fill    the model value used for a missing cell: numeric, the training median; categorical,
 *                the index of {@link FeatureEncoding#MISSING_LEVEL} when training had missing cells,
 *                else of the most frequent level
 * @param unseen  categorical: the model value for a level training never saw (see
 *                {@link FeatureEncoding}); numeric: unused (equal to {@code fill})
 * @param ordered categorical: the levels are in rank order of their class distribution
 *                ({@link CategoricalEncoding#ORDERED}), so the model value is a rank that trainers
 *                split like a number; false (the default, left out of the JSON so that files
 *                written before it existed read and write the same bytes) for unordered levels
 */
public record FeatureSpec(String name, ColumnType type, List<String> levels, double fill, double unseen,
                          @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean ordered) {
    public FeatureSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        levels = List.copyOf(levels);
        if (ordered && type != ColumnType.CATEGORICAL) {
            throw new IllegalArgumentException("only a categorical feature can have ordered levels: " + name);
        }
    }

    /** A numeric feature, or a categorical one with unordered levels. */
    public FeatureSpec(String name, ColumnType type, List<String> levels, double fill, double unseen) {
        this(name, type, levels, fill, unseen, false);
    }

    /**
     * Whether trainers should treat the model value as a level code (categorical with unordered
     * levels) rather than as a number (numeric, or categorical with ranked levels).
     */
    public boolean nominal() {
        return type == ColumnType.CATEGORICAL && !ordered;
    }
}
