package dev.grove.tribuo;

import dev.grove.internal.forest.NumericBins;
import dev.grove.data.Dataset;
import dev.grove.data.Table;
import dev.grove.train.CategoricalEncoding;
import dev.grove.train.FeatureEncoding;
import dev.grove.train.FeatureSpec;

/**
 * The inputs Tribuo trains on, derived from core's {@link FeatureEncoding}: one input per
 * numeric feature (its bin index, or the value itself when binning is off), one 0/1 input
 * per categorical level, the way Tribuo expects categories, and one input per categorical
 * feature with ranked levels ({@link FeatureSpec#ordered()}), binned like a numeric one. Fixed on the training split and
 * stored with the model so prediction builds exactly the same inputs.
 */
final class InputSpace {
    private final FeatureEncoding encoding;
    private final int maxBins;
    private final double[][] cuts;
    private final int[] offset;
    private final int width;

    InputSpace(FeatureEncoding encoding, int maxBins, double[][] cuts) {
        if (cuts.length != encoding.size()) {
            throw new IllegalArgumentException(cuts.length + " cut-point lists for " + encoding.size() + " features");
        }
        this.encoding = encoding;
        this.maxBins = maxBins;
        this.cuts = new double[cuts.length][];
        this.offset = new int[encoding.size()];
        int w = 0;
        for (int j = 0; j < encoding.size(); j++) {
            this.cuts[j] = cuts[j].clone();
            offset[j] = w;
            FeatureSpec f = encoding.features().get(j);
            w += f.nominal() ? f.levels().size() : 1;
        }
        this.width = w;
    }

    /** Fixes encoding and bins on the training rows only. */
    static InputSpace fit(Dataset train, int maxBins, CategoricalEncoding categorical) {
        FeatureEncoding encoding = FeatureEncoding.fit(train, categorical);
        double[][] cuts = new double[encoding.size()][];
        for (int j = 0; j < encoding.size(); j++) {
            boolean binned = maxBins > 0 && !encoding.features().get(j).nominal();
            cuts[j] = binned ? NumericBins.cutPoints(encoding.encodeColumn(train.features(), j), maxBins) : new double[0];
        }
        return new InputSpace(encoding, maxBins, cuts);
    }

    FeatureEncoding encoding() {
        return encoding;
    }

    int maxBins() {
        return maxBins;
    }

    /** Cut points of feature {@code j}; empty for unordered categorical features and when binning is off. */
    double[] cuts(int j) {
        return cuts[j].clone();
    }

    /** Number of Tribuo inputs. */
    int width() {
        return width;
    }

    /**
     * Tribuo feature name of input {@code i}. Zero-padded positions rather than column names: they
     * sort in input order (Tribuo orders features by name) and no user text reaches Tribuo.
     */
    static String inputName(int i) {
        return String.format("x%07d", i);
    }

    /**
     * The inputs of one row, as {@link #inputs(Table)} gives them for that row.
     *
     * @param encoded the row's model values ({@link dev.grove.train.RowEncoder})
     */
    double[] inputs(double[] encoded) {
        double[] out = new double[width];
        for (int j = 0; j < encoding.size(); j++) {
            if (encoding.features().get(j).nominal()) {
                out[offset[j] + (int) encoded[j]] = 1;
            } else {
                out[offset[j]] = maxBins > 0 ? NumericBins.bin(cuts[j], encoded[j]) : encoded[j];
            }
        }
        return out;
    }

    /** The inputs of every row, column-major: {@code [input][row]}. */
    double[][] inputs(Table rows) {
        int n = rows.rowCount();
        double[][] out = new double[width][];
        for (int j = 0; j < encoding.size(); j++) {
            FeatureSpec f = encoding.features().get(j);
            double[] col = encoding.encodeColumn(rows, j);
            if (f.nominal()) {
                int levels = f.levels().size();
                for (int l = 0; l < levels; l++) {
                    out[offset[j] + l] = new double[n];
                }
                for (int r = 0; r < n; r++) {
                    out[offset[j] + (int) col[r]][r] = 1;
                }
            } else {
                if (maxBins > 0) {
                    for (int r = 0; r < n; r++) {
                        col[r] = NumericBins.bin(cuts[j], col[r]);
                    }
                }
                out[offset[j]] = col;
            }
        }
        return out;
    }
}
