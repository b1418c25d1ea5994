package dev.grove.smile;

import dev.grove.InvalidRequestException;
import dev.grove.data.Dataset;
import dev.grove.train.FeatureEncoding;
import dev.grove.internal.forest.NumericBins;
import smile.sort.QuickSort;

/**
 * The training rows as every tree of one fit reads them, built once and shared read-only by the
 * workers: the encoded feature columns, the class codes, and each numeric column's rows in
 * ascending order, sorted by Smile's own {@link QuickSort} so that rows with equal values come in
 * the order Smile's {@code CART.order} puts them (that order decides which cuts Smile tries).
 *
 * @param x        features, {@code [feature][row]}; a categorical feature holds its level codes
 * @param levels   per feature: its number of levels when categorical with unordered levels, else 0
 * @param y        class code per row
 * @param classes  number of classes
 * @param order    per numeric (or ranked-level) feature, the rows in ascending value order; {@code null} for
 *                 unordered categorical ones and when binned
 * @param rowsOf   per class, its rows in row order (what a tree's bootstrap draws from)
 * @param cuts     when binned, per numeric feature its cut points ({@link NumericBins}); else null
 * @param codes    when binned, each row's bins, row-major ({@code [row * features + feature]}, 0 for categorical
 *                 features), so that a tree copies each of its rows' bins in one piece; else null
 */
record CartData(double[][] x, int[] levels, int[] y, int classes, int[][] order, int[][] rowsOf, double[][] cuts,
                char[] codes) {

    /** Data for Smile's exact search ({@code maxBins} 0) or, with bins, for the binned one. */
    static CartData of(Dataset train, FeatureEncoding encoding, int maxBins) {
        if (encoding.names().contains(train.labelName())) {
            throw new InvalidRequestException("the label '" + train.labelName() + "' is also a feature column; "
                    + "leave it out of the features");
        }
        int p = encoding.size();
        double[][] x = new double[p][];
        int[] levels = new int[p];
        int[][] order = new int[p][];
        double[][] cuts = maxBins > 0 ? new double[p][] : null;
        char[] codes = maxBins > 0 ? new char[Math.multiplyExact(train.size(), p)] : null;
        for (int j = 0; j < p; j++) {
            x[j] = encoding.encodeColumn(train.features(), j);
            if (encoding.features().get(j).nominal()) {
                levels[j] = encoding.features().get(j).levels().size();
            } else if (maxBins > 0) { // numeric, or ranked levels: split like a number
                cuts[j] = NumericBins.cutPoints(x[j], maxBins);
                for (int i = 0; i < x[j].length; i++) {
                    codes[i * p + j] = (char) NumericBins.bin(cuts[j], x[j][i]);
                }
            } else {
                order[j] = QuickSort.sort(x[j].clone());
            }
        }
        int[] y = train.labels();
        int k = train.classes().size();
        int[][] rowsOf = Dataset.rowsByClass(y, k);
        return new CartData(x, levels, y, k, order, rowsOf, cuts, codes);
    }

    boolean binned() {
        return codes != null;
    }

    boolean nominal(int j) {
        return levels[j] > 0;
    }

    int rows() {
        return y.length;
    }

    int features() {
        return x.length;
    }
}
