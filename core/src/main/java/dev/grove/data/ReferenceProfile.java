package dev.grove.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A compact picture of a training set's feature distributions, kept with each run (a few hundred
 * bytes per feature), so later data can be compared with it: the population stability index
 * (PSI) of each feature tells how far its distribution moved.
 */
public record ReferenceProfile(int rows, List<FeatureDistribution> features) {
    /** Numeric features are cut at their training deciles. */
    static final int BINS = 10;
    /** Categorical features keep their most frequent levels; the rest count as one. */
    static final int TOP_LEVELS = 20;
    /** Added to every share before the PSI's logarithm, so an empty bin counts as rare, not impossible. */
    private static final double FLOOR = 1e-4;

    public ReferenceProfile {
        features = List.copyOf(features);
    }

    /** The profile of a table's columns. */
    public static ReferenceProfile of(Table table) {
        List<FeatureDistribution> f = new ArrayList<>();
        for (Column c : table.columns()) {
            f.add(c instanceof NumericColumn n ? numeric(n) : categorical((CategoricalColumn) c));
        }
        return new ReferenceProfile(table.rowCount(), f);
    }

    private static FeatureDistribution numeric(NumericColumn c) {
        double[] v = new double[c.size() - c.missingCount()];
        int k = 0;
        for (int i = 0; i < c.size(); i++) {
            if (!c.isMissing(i)) {
                v[k++] = c.get(i);
            }
        }
        Arrays.sort(v);
        List<Double> edges = new ArrayList<>();
        for (int q = 1; q < BINS && v.length > 0; q++) {
            double edge = v[Math.min(v.length - 1, (int) ((long) q * v.length / BINS))];
            if (edges.isEmpty() || edge > edges.get(edges.size() - 1)) {
                edges.add(edge);
            }
        }
        FeatureDistribution shape = new FeatureDistribution(c.name(), "numeric", edges, List.of(),
                zeros(edges.size() + 2));
        return new FeatureDistribution(c.name(), "numeric", edges, List.of(), shape.sharesOf(c));
    }

    private static FeatureDistribution categorical(CategoricalColumn c) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (int i = 0; i < c.size(); i++) {
            c.level(i).ifPresent(l -> counts.merge(l, 1, Integer::sum));
        }
        List<String> levels = counts.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder())
                        .thenComparing(Map.Entry.comparingByKey()))
                .limit(TOP_LEVELS).map(Map.Entry::getKey).toList();
        FeatureDistribution shape = new FeatureDistribution(c.name(), "categorical", List.of(), levels,
                zeros(levels.size() + 2));
        return new FeatureDistribution(c.name(), "categorical", List.of(), levels, shape.sharesOf(c));
    }

    private static List<Double> zeros(int n) {
        return java.util.Collections.nCopies(n, 0.0);
    }

    /**
     * Each profiled feature's PSI against {@code table}: Σ (new − reference) · ln(new / reference)
     * over its bins. A feature the table lacks is left out (the caller says so).
     */
    public Map<String, Double> psi(Table table) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (FeatureDistribution f : features) {
            Optional<Column> c = table.column(f.name());
            if (c.isEmpty()) {
                continue;
            }
            List<Double> now = f.sharesOf(c.get());
            double psi = 0;
            for (int b = 0; b < now.size(); b++) {
                double e = f.shares().get(b) + FLOOR;
                double a = now.get(b) + FLOOR;
                psi += (a - e) * Math.log(a / e);
            }
            out.put(f.name(), psi);
        }
        return out;
    }

    /**
     * The PSI that sampling alone gives a feature when a sample of {@code newRows} rows is compared
     * with the profiled one, about (occupied bins − 1) · (1/rows + 1/newRows): the PSI is a scaled
     * chi-square statistic. Small data moves this far without any real drift.
     */
    public double samplingNoise(String feature, int newRows) {
        FeatureDistribution f = features.stream().filter(d -> d.name().equals(feature)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no profiled feature " + feature));
        long occupied = f.shares().stream().filter(s -> s > 0).count();
        return Math.max(0, occupied - 1) * (1.0 / Math.max(1, rows) + 1.0 / Math.max(1, newRows));
    }

    /** The profiled feature names. */
    public List<String> names() {
        return features.stream().map(FeatureDistribution::name).toList();
    }
}
