package dev.grove.smile;

import dev.grove.InvalidRequestException;
import dev.grove.data.Dataset;
import dev.grove.train.FeatureEncoding;
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
 *                 unordered categorical ones
 * @param rowsOf   per class, its rows in row order (what a tree's bootstrap draws from)
 */
record CartData(double[][] x, int[] levels, int[] y, int classes, int[][] order, int[][] rowsOf) {

    static CartData of(Dataset train, FeatureEncoding encoding) {
        if (encoding.names().contains(train.labelName())) {
            throw new InvalidRequestException("the label '" + train.labelName() + "' is also a feature column; "
                    + "leave it out of the features");
        }
        int p = encoding.size();
        double[][] x = new double[p][];
        int[] levels = new int[p];
        int[][] order = new int[p][];
        for (int j = 0; j < p; j++) {
            x[j] = encoding.encodeColumn(train.features(), j);
            if (encoding.features().get(j).nominal()) {
                levels[j] = encoding.features().get(j).levels().size();
            } else { // numeric, or ranked levels: split like a number
                order[j] = QuickSort.sort(x[j].clone());
            }
        }
        int[] y = train.labels();
        int k = train.classes().size();
        int[][] rowsOf = Dataset.rowsByClass(y, k);
        return new CartData(x, levels, y, k, order, rowsOf);
    }

    int rows() {
        return y.length;
    }

    int features() {
        return x.length;
    }
}
