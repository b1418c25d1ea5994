package dev.grove.train;

import dev.grove.data.ColumnType;
import java.util.List;
import java.util.Objects;

/**
 * One model input and how a raw cell becomes a number for it.
 *
 * @param name   column name in the data
 * @param type   numeric or categorical
 * @param levels categorical: the training levels; a level's model value is its index here
 * @param fill   the model value used for a missing cell: numeric, the training median; categorical,
 *               the index of {@link FeatureEncoding#MISSING_LEVEL} when training had missing cells,
 *               else of the most frequent level
 * @param unseen categorical: the model value for a level training never saw (the most frequent
 *               training level, as ranger does); numeric: unused (equal to {@code fill})
 */
public record FeatureSpec(String name, ColumnType type, List<String> levels, double fill, double unseen) {
    public FeatureSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        levels = List.copyOf(levels);
    }
}
