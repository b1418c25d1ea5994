package dev.grove.internal.forest;

import java.util.Arrays;

/**
 * Quantile binning of one numeric feature, what the trainers' {@code max-bins} means: each value is
 * replaced by the index of its bin, at most {@code maxBins} bins, with cut points taken from the
 * training rows only. A tree's cost grows with the distinct values of a feature; binned, a split is
 * found by counting bins.
 */
public final class NumericBins {
    private NumericBins() {
    }

    /**
     * Cut points (ascending, distinct) for {@code values}; a value {@code x} falls in bin
     * {@code i} = the first cut with {@code x <= cut[i]}, or {@code cuts.length} past the last.
     * Few distinct values get one bin each; otherwise cuts sit at the training quantiles.
     */
    public static double[] cutPoints(double[] values, int maxBins) {
        if (values.length == 0) {
            return new double[0];
        }
        double[] v = values.clone();
        Arrays.sort(v);
        int distinct = 1;
        for (int i = 1; i < v.length; i++) {
            if (v[i] != v[i - 1]) {
                distinct++;
            }
        }
        double[] cuts = new double[Math.min(distinct, maxBins) - 1];
        int k = 0;
        if (distinct <= maxBins) {
            for (int i = 0; i + 1 < v.length && k < cuts.length; i++) {
                if (v[i] != v[i + 1]) {
                    cuts[k++] = v[i];
                }
            }
            return cuts;
        }
        int n = v.length;
        for (int b = 1; b < maxBins; b++) {
            double cut = v[(int) (((long) b * n + maxBins - 1) / maxBins) - 1];
            if (cut < v[n - 1] && (k == 0 || cut > cuts[k - 1])) {
                cuts[k++] = cut;
            }
        }
        return Arrays.copyOf(cuts, k);
    }

    /** The bin of {@code x}. */
    public static int bin(double[] cuts, double x) {
        int i = Arrays.binarySearch(cuts, x);
        return i >= 0 ? i : -i - 1;
    }
}
