package dev.grove.data;

import java.util.List;
import java.util.Objects;

/**
 * How one feature's values were spread in a training set: for a numeric feature, the share of
 * values in each bin between {@code edges} (deciles of the training values, a value equal to an
 * edge going to the bin above it); for a categorical one, the share of each of its most frequent
 * {@code levels} and of all others together. The last share is always that of missing values.
 *
 * @param type {@code numeric} or {@code categorical}
 */
public record FeatureDistribution(String name, String type, List<Double> edges, List<String> levels,
                                  List<Double> shares) {
    public FeatureDistribution {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        edges = List.copyOf(edges);
        levels = List.copyOf(levels);
        shares = List.copyOf(shares);
    }

    /** The same bins' shares for {@code column}, whose values are counted as the training values were. */
    List<Double> sharesOf(Column column) {
        double[] counts = new double[shares.size()];
        int missing = shares.size() - 1;
        for (int i = 0; i < column.size(); i++) {
            counts[bin(column, i, missing)]++;
        }
        return java.util.Arrays.stream(counts).map(c -> column.size() == 0 ? 0 : c / column.size()).boxed().toList();
    }

    private int bin(Column column, int row, int missing) {
        if (column.isMissing(row)) {
            return missing;
        }
        if (column instanceof NumericColumn n) {
            if (!type.equals("numeric")) {
                return levels.size(); // numbers where levels were: "other"
            }
            double v = n.get(row);
            int b = 0;
            while (b < edges.size() && v >= edges.get(b)) {
                b++;
            }
            return b;
        }
        if (!type.equals("categorical")) {
            return missing; // text where numbers were: counted as missing, which drifts
        }
        String level = ((CategoricalColumn) column).level(row).orElse(null);
        int at = levels.indexOf(level);
        return at >= 0 ? at : levels.size();
    }
}
